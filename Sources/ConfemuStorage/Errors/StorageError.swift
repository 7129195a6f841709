import CSQLite

/// The one error type of ConfemuStorage. `description` is always a single line naming what failed: the SQLite
/// extended result code and message, the SQL (whitespace collapsed, shortened), the path or the migration id.
package struct StorageError: Error, Sendable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// The database cannot be opened or set up (control-plane.md §1: the CLI prints it and exits 2).
        case cannotOpen
        /// SQLite answered an error code while preparing, binding or stepping.
        case sqlite
        /// The store or database was closed.
        case closed
        /// The API was used wrongly: binding count, several statements where one is expected, empty SQL.
        case misuse
        /// A typed accessor found another storage class, NULL, or no such column.
        case typeMismatch
        /// A value SQLite cannot keep faithfully (NaN would silently become NULL).
        case invalidValue
        /// A migration failed, or the migration list is invalid (empty or duplicate id).
        case migration
    }

    package let kind: Kind
    /// What went wrong, in words (SQLite's own message for `.sqlite`).
    package let message: String
    /// The SQLite extended result code, when SQLite reported the failure.
    package let code: Int32?
    package let sql: String?
    package let path: String?
    package let migrationID: String?

    package init(kind: Kind, message: String, code: Int32? = nil, sql: String? = nil, path: String? = nil,
                 migrationID: String? = nil) {
        self.kind = kind
        self.message = message
        self.code = code
        self.sql = sql
        self.path = path
        self.migrationID = migrationID
    }

    /// The primary result code (`SQLITE_CONSTRAINT` for `SQLITE_CONSTRAINT_UNIQUE`).
    package var primaryCode: Int32? { code.map { $0 & 0xFF } }

    package var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    /// A UNIQUE or PRIMARY KEY constraint failed: providers map this to their "already exists" entry.
    package var isUniqueViolation: Bool {
        code == StorageError.constraintUnique || code == StorageError.constraintPrimaryKey
    }

    package var isForeignKeyViolation: Bool { code == StorageError.constraintForeignKey }

    package var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    // Extended codes spelled out: the header defines them as macro expressions (sqlite3.h, "Extended Result Codes").
    static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
    static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
    static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)

    package var description: String {
        var text: String
        switch kind {
        case .cannotOpen:
            text = "cannot open database \"\(path ?? "")\": \(message)"
        case .migration:
            if let migrationID {
                text = "migration \"\(migrationID)\" failed: \(message)"
            } else {
                text = "invalid migrations: \(message)"
            }
        case .closed:
            text = "database \"\(path ?? "")\" is closed"
        case .sqlite, .misuse, .typeMismatch, .invalidValue:
            text = message
        }
        // A migration error's message already is the underlying error's full description.
        if let code, kind != .migration {
            let name = StorageError.codeName(code)
            text += message.hasPrefix(name) ? " (SQLite error \(code))" : " (SQLite error \(code): \(name))"
        }
        if let sql, kind != .cannotOpen, kind != .migration {
            text += " in SQL: " + StorageError.shortened(sql)
        }
        return StorageError.singleLine(text)
    }

    /// SQLite's English name for a result code ("constraint failed").
    static func codeName(_ code: Int32) -> String {
        guard let text = sqlite3_errstr(code) else { return "unknown" }
        return String(cString: text)
    }

    /// Collapses every whitespace run (newlines included) to one space and keeps the first 300 characters.
    static func shortened(_ sql: String) -> String {
        let words = sql.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let collapsed = words.joined(separator: " ")
        guard collapsed.count > 300 else { return collapsed }
        return String(collapsed.prefix(300)) + "…"
    }

    static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

extension StorageError {
    /// An error SQLite reported on `handle` (nil when the connection is gone), with the SQL it was running.
    static func sqlite(_ code: Int32, handle: OpaquePointer?, sql: String?) -> StorageError {
        var message = codeName(code)
        if let handle, let text = sqlite3_errmsg(handle) {
            message = String(cString: text)
        }
        return StorageError(kind: .sqlite, message: message, code: code, sql: sql)
    }

    static func closed(path: String, sql: String? = nil) -> StorageError {
        StorageError(kind: .closed, message: "closed", sql: sql, path: path)
    }

    /// Wraps a set-up failure (journal mode, a non-SQLite file) so the one-line message names the path.
    static func cannotOpen(path: String, wrapping error: any Error) -> StorageError {
        if let error = error as? StorageError {
            return StorageError(kind: .cannotOpen, message: error.message, code: error.code, path: path)
        }
        return StorageError(kind: .cannotOpen, message: "\(error)", path: path)
    }

    static func migrationFailed(id: String, underlying error: any Error) -> StorageError {
        if let error = error as? StorageError {
            return StorageError(kind: .migration, message: error.kind == .migration ? error.message : error.description,
                                code: error.code, migrationID: id)
        }
        return StorageError(kind: .migration, message: "\(error)", migrationID: id)
    }
}
