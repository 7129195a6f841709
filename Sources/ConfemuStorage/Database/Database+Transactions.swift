import CSQLite
import ConfemuSupport

// Transactions as synchronous closures that keep the first error (architecture.md §9 item 2, GRDB's
// Database.inTransaction / inSavepoint). Nesting is by savepoint, so a helper that needs atomicity can call
// `db.inTransaction { ... }` whether or not its caller (for example a `Store.write` closure) already opened one.
extension Database {
    /// True between BEGIN and COMMIT/ROLLBACK (`sqlite3_get_autocommit` is 0).
    package var isInTransaction: Bool {
        guard let handle = connection.handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    /// Runs `body` atomically. Outside a transaction: `BEGIN <kind>` … `COMMIT`. Inside one: a savepoint, and
    /// `kind` is ignored. On any error (from `body` or from COMMIT/RELEASE) the work is rolled back and the
    /// FIRST error is rethrown; a failing rollback is logged at debug and never replaces it.
    package func inTransaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        if isInTransaction {
            return try inSavepoint(body)
        }
        try execute(kind.beginSQL, [])
        let result: T
        do {
            result = try body()
            try execute("COMMIT TRANSACTION", [])
        } catch {
            // Always attempted: COMMIT can fail and leave the transaction open (SQLITE_BUSY); some errors
            // already rolled back (then ROLLBACK fails harmlessly and is ignored).
            executeIgnoringFailure("ROLLBACK TRANSACTION")
            throw error
        }
        return result
    }

    /// Runs `body` inside `SAVEPOINT`; on error rolls back to it and releases it, rethrowing the first error.
    package func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT confemu_nested", [])
        let result: T
        do {
            result = try body()
            try execute("RELEASE SAVEPOINT confemu_nested", [])
        } catch {
            // SQLite resolves the name to the innermost savepoint, so nesting with one name is correct.
            executeIgnoringFailure("ROLLBACK TRANSACTION TO SAVEPOINT confemu_nested")
            executeIgnoringFailure("RELEASE SAVEPOINT confemu_nested")
            throw error
        }
        return result
    }

    /// Runs `body` with writes refused by SQLite itself (`PRAGMA query_only`), inside a deferred transaction
    /// when none is open so several SELECTs see one snapshot. Used by `Store.read`.
    package func readOnly<T>(_ body: () throws -> T) throws -> T {
        let wasQueryOnly = try scalar("PRAGMA query_only")?.int64Value == 1
        if !wasQueryOnly {
            try execute("PRAGMA query_only = 1", [])
        }
        defer {
            if !wasQueryOnly {
                executeIgnoringFailure("PRAGMA query_only = 0")
            }
        }
        if isInTransaction {
            return try body()
        }
        return try inTransaction(.deferred, body)
    }

    /// Runs a clean-up statement (rollback, release, pragma reset) whose failure must not mask the error
    /// being handled.
    func executeIgnoringFailure(_ sql: String) {
        do {
            try execute(sql, [])
        } catch {
            logger.debug("clean-up statement failed", [("path", path), ("sql", sql), ("error", "\(error)")])
        }
    }
}
