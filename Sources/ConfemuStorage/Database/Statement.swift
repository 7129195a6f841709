import CSQLite

/// One prepared `sqlite3_stmt` holding exactly one SQL statement. Confined to the store's queue like its Database.
/// Positional `?` parameters only; `bind` checks the count. Get one from `Database.cachedStatement(_:)` (shared,
/// cached by SQL text: `execute`/`query` reset it before and after use) or `Database.makeStatement(_:)`.
package final class Statement {
    package let sql: String
    private let connection: Connection
    // nil once finalized (the Database was closed or evicted it from the cache and it was finalized).
    private var handle: OpaquePointer?

    init(sql: String, connection: Connection, persistent: Bool) throws {
        guard let database = connection.handle else { throw StorageError.closed(path: connection.path, sql: sql) }
        self.sql = sql
        self.connection = connection
        self.handle = try Statement.prepareSingle(sql, database: database, persistent: persistent)
    }

    deinit {
        // Valid even after sqlite3_close_v2: the connection stays a zombie until its last statement goes.
        sqlite3_finalize(handle)
    }

    private static func prepareSingle(_ sql: String, database: OpaquePointer, persistent: Bool) throws
        -> OpaquePointer
    {
        // SQLITE_PREPARE_PERSISTENT tells SQLite the statement will be reused (cached ones are).
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        return try sql.withCString { start in
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(database, start, -1, flags, &statement, &tail)
            guard code == SQLITE_OK else {
                sqlite3_finalize(statement)
                throw StorageError.sqlite(code, handle: database, sql: sql)
            }
            guard let statement else {
                throw StorageError(kind: .misuse, message: "no SQL statement to prepare", sql: sql)
            }
            // Exactly one statement: what follows may only be whitespace or comments (which prepare to nothing).
            if let tail, tail.pointee != 0 {
                var extra: OpaquePointer?
                let extraCode = sqlite3_prepare_v2(database, tail, -1, &extra, nil)
                let hasMore = extraCode != SQLITE_OK || extra != nil
                sqlite3_finalize(extra)
                if hasMore {
                    sqlite3_finalize(statement)
                    let message = "more than one SQL statement; run scripts with execute(_:) and no bindings"
                    throw StorageError(kind: .misuse, message: message, sql: sql)
                }
            }
            return statement
        }
    }

    /// The live `sqlite3_stmt`, or `closed` once the database was closed.
    func liveHandle() throws -> OpaquePointer {
        guard !connection.isClosed, let handle else { throw StorageError.closed(path: connection.path, sql: sql) }
        return handle
    }

    /// Finalizes now instead of at deinit (the Database does this to every cached statement when closing).
    func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }

    /// True when the statement cannot write (`sqlite3_stmt_readonly`).
    package var isReadOnly: Bool {
        guard let handle else { return true }
        return sqlite3_stmt_readonly(handle) != 0
    }

    package var parameterCount: Int {
        guard let handle else { return 0 }
        return Int(sqlite3_bind_parameter_count(handle))
    }

    /// Ends a running step sequence (releases its read snapshot); bindings are kept.
    package func reset() {
        if let handle {
            sqlite3_reset(handle)
        }
    }

    // MARK: Stepping

    /// Runs one step: true when a row is available, false when done. On error the statement is reset.
    package func step() throws -> Bool {
        let handle = try liveHandle()
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            let error = StorageError.sqlite(code, handle: connection.handle, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Binds, runs to completion ignoring any rows, and resets.
    package func execute(_ bindings: [SQLValue] = []) throws {
        try bind(bindings)
        defer { reset() }
        while try step() {}
    }

    /// Binds, collects every row, and resets.
    package func query(_ bindings: [SQLValue] = []) throws -> [Row] {
        try bind(bindings)
        defer { reset() }
        var rows: [Row] = []
        guard try step() else { return rows }
        // Names are read once per run: after a schema change SQLite re-prepares, and names may differ.
        let names = try columnNames()
        repeat {
            rows.append(Row(columns: names, values: try currentValues()))
        } while try step()
        return rows
    }

    /// Binds, returns the first row (nil when none) and resets without stepping through the rest.
    package func queryOne(_ bindings: [SQLValue] = []) throws -> Row? {
        try bind(bindings)
        defer { reset() }
        guard try step() else { return nil }
        return try row()
    }

    // MARK: Columns of the current row

    package func columnCount() throws -> Int {
        Int(sqlite3_column_count(try liveHandle()))
    }

    package func columnNames() throws -> [String] {
        let handle = try liveHandle()
        return (0..<sqlite3_column_count(handle)).map { index in
            sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
        }
    }

    /// The whole current row (call after `step()` returned true).
    package func row() throws -> Row {
        Row(columns: try columnNames(), values: try currentValues())
    }

    /// The value of a 0-based column of the current row.
    package func value(at index: Int) throws -> SQLValue {
        let handle = try liveHandle()
        let count = Int(sqlite3_column_count(handle))
        guard index >= 0, index < count else {
            throw StorageError(kind: .typeMismatch, message: "no column at index \(index) of \(count)", sql: sql)
        }
        return try columnValue(handle, Int32(index))
    }

    private func currentValues() throws -> [SQLValue] {
        let handle = try liveHandle()
        return try (0..<sqlite3_column_count(handle)).map { try columnValue(handle, $0) }
    }

    private func columnValue(_ handle: OpaquePointer, _ index: Int32) throws -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            // Pointer plus byte count, never the C string: text may hold U+0000. Invalid UTF-8 written by
            // another program is repaired with U+FFFD rather than trapping.
            let bytes = sqlite3_column_text(handle, index)
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes, count > 0 else {
                try checkNoMemory(bytes == nil)
                return .text("")
            }
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let bytes = sqlite3_column_blob(handle, index)
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes, count > 0 else {
                try checkNoMemory(bytes == nil && count > 0)
                return .blob([])
            }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }

    // A NULL pointer for non-empty text or blob means SQLite ran out of memory converting it.
    private func checkNoMemory(_ suspicious: Bool) throws {
        guard suspicious, let database = connection.handle, sqlite3_errcode(database) == SQLITE_NOMEM else { return }
        throw StorageError.sqlite(SQLITE_NOMEM, handle: database, sql: sql)
    }
}

@available(*, unavailable)
extension Statement: Sendable {}
