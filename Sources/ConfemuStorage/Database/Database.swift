import CSQLite
import ConfemuSupport
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// One SQLite connection. Not Sendable: it lives on the Store's serial queue and is only reached through
/// `Store.write`/`Store.read` closures (architecture.md §4.3). Tests and tools may also own one directly.
package final class Database {
    package let path: String
    let connection: Connection
    let logger: Logger
    private var statementCache: [String: Statement] = [:]

    /// Dynamic SQL (IN lists of varying length) could grow the cache without bound; past this many distinct
    /// texts the cache starts over. Statements a caller still holds stay valid.
    static let statementCacheLimit = 256

    /// The journal mode `PRAGMA journal_mode=WAL` must answer: SQLite keeps `memory` for in-memory databases.
    static func expectedJournalMode(path: String) -> String {
        path == ":memory:" ? "memory" : "wal"
    }

    /// Opens (creating if needed) and configures the database at `path`, or `:memory:`. Any failure, including
    /// a file that is not a database, throws `StorageError` of kind `.cannotOpen` naming the path.
    package init(path: String, logger: Logger = .discarding) throws {
        self.path = path
        self.logger = logger
        guard !path.utf8.contains(0) else {
            throw StorageError(kind: .cannotOpen, message: "the path contains a NUL byte", path: path)
        }
        // NOMUTEX: the connection is confined to one serial queue, so SQLite's own mutexes would be pure cost.
        // No SQLITE_OPEN_URI: `file:` names are plain file names.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            var message = StorageError.sqlite(code, handle: opened, sql: nil).message
            // The OS reason ("Is a directory", "No such file or directory") is what a person needs here.
            let systemError = opened.map { sqlite3_system_errno($0) } ?? 0
            if systemError != 0, let reason = strerror(systemError) {
                message += ": " + String(cString: reason)
            }
            sqlite3_close_v2(opened)  // SQLite allocates a handle even when opening fails.
            throw StorageError(kind: .cannotOpen, message: message, code: code, path: path)
        }
        connection = Connection(opened, path: path)
        do {
            try configure(opened)
        } catch {
            closeLoggingFailure()
            throw StorageError.cannotOpen(path: path, wrapping: error)
        }
    }

    deinit {
        closeLoggingFailure()
    }

    // architecture.md §4.3: set-up once, and check WAL was really granted.
    private func configure(_ handle: OpaquePointer) throws {
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 5000)
        // The first statement reads the header: a non-SQLite file fails here with SQLITE_NOTADB.
        let mode = try scalar("PRAGMA journal_mode=WAL")?.stringValue?.lowercased()
        let expected = Database.expectedJournalMode(path: path)
        guard mode == expected else {
            throw StorageError(kind: .cannotOpen, message: "journal_mode is \(mode ?? "unknown"), expected \(expected)")
        }
        try execute("PRAGMA synchronous=NORMAL")
        try execute("PRAGMA foreign_keys=ON")
    }

    package var isClosed: Bool { connection.isClosed }

    func liveHandle(sql: String? = nil) throws -> OpaquePointer {
        guard let handle = connection.handle else { throw StorageError.closed(path: path, sql: sql) }
        return handle
    }

    // MARK: Running SQL

    /// Runs a script: every statement in `sql`, in order, ignoring rows. For schema and migrations; statements
    /// are prepared fresh each time. Stops at the first error.
    package func execute(_ sql: String) throws {
        let handle = try liveHandle(sql: sql)
        try sql.withCString { start in
            var cursor = start
            while cursor.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, cursor, -1, &statement, &tail)
                guard code == SQLITE_OK else {
                    sqlite3_finalize(statement)
                    throw StorageError.sqlite(code, handle: handle, sql: String(cString: cursor))
                }
                defer { sqlite3_finalize(statement) }
                guard let tail, tail != cursor else { break }
                cursor = tail
                guard let statement else { continue }  // whitespace or a comment
                while true {
                    let stepCode = sqlite3_step(statement)
                    if stepCode == SQLITE_ROW { continue }
                    if stepCode == SQLITE_DONE { break }
                    let text = sqlite3_sql(statement).map { String(cString: $0) } ?? sql
                    throw StorageError.sqlite(stepCode, handle: handle, sql: text)
                }
            }
        }
    }

    /// Runs one statement with positional bindings (cached), ignoring any rows.
    package func execute(_ sql: String, _ bindings: [SQLValue]) throws {
        try cachedStatement(sql).execute(bindings)
    }

    /// Every row of one statement (cached).
    package func query(_ sql: String, _ bindings: [SQLValue] = []) throws -> [Row] {
        try cachedStatement(sql).query(bindings)
    }

    /// The first row, or nil when there is none.
    package func queryOne(_ sql: String, _ bindings: [SQLValue] = []) throws -> Row? {
        try cachedStatement(sql).queryOne(bindings)
    }

    /// The first column of the first row; nil when there is no row (a NULL value is `.null`).
    package func scalar(_ sql: String, _ bindings: [SQLValue] = []) throws -> SQLValue? {
        try queryOne(sql, bindings)?.values.first
    }

    /// The rowid of the most recent successful INSERT on this connection.
    package var lastInsertRowID: Int64 {
        connection.handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    package var changes: Int {
        connection.handle.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    // MARK: Statements

    /// The prepared statement for `sql`, shared by every caller using the same text. `execute`/`query` on it
    /// reset it before and after, so it never keeps a read snapshot open; do not interleave two runs of the
    /// same text by hand.
    package func cachedStatement(_ sql: String) throws -> Statement {
        if let cached = statementCache[sql] {
            return cached
        }
        let statement = try Statement(sql: sql, connection: connection, persistent: true)
        if statementCache.count >= Database.statementCacheLimit {
            logger.debug("statement cache full, starting over", [("size", String(statementCache.count))])
            statementCache.removeAll()
        }
        statementCache[sql] = statement
        return statement
    }

    /// A new statement owned by the caller (finalized when released).
    package func makeStatement(_ sql: String) throws -> Statement {
        try Statement(sql: sql, connection: connection, persistent: false)
    }

    // MARK: Closing

    /// Finalizes cached statements and closes the connection. Later calls throw `.closed`; closing twice is a
    /// no-op. Does not checkpoint (Store.close does).
    package func close() throws {
        guard !connection.isClosed else { return }
        for statement in statementCache.values {
            statement.finalize()
        }
        statementCache.removeAll()
        let code = connection.close()
        guard code == SQLITE_OK else {
            throw StorageError(kind: .sqlite, message: "close failed", code: code, path: path)
        }
    }

    private func closeLoggingFailure() {
        do {
            try close()
        } catch {
            logger.debug("closing database failed", [("path", path), ("error", "\(error)")])
        }
    }
}

// Confined to the store's queue: never Sendable, and this makes any attempt to add the conformance an error.
@available(*, unavailable)
extension Database: Sendable {}
