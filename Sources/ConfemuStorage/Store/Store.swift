import ConfemuSupport
import Dispatch

/// The one SQLite connection of the process, confined to a serial DispatchQueue that is this actor's executor
/// (architecture.md §4.3). Work is a synchronous closure over the `Database`, so actor re-entrancy can never split
/// a transaction, and a request's state change is one `write` call.
///
/// Nesting: a closure cannot `await` the store again (it is synchronous), so "write inside write" is written as
/// `db.inTransaction { ... }` inside the closure, which becomes a savepoint of the running transaction.
package actor Store {
    private let executor: StoreExecutor
    private let logger: Logger
    package nonisolated let path: String
    // nil before start() finished and after close().
    private var database: Database?

    package nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    private init(path: String, logger: Logger) {
        self.path = path
        self.logger = logger
        self.executor = StoreExecutor(label: "confemu.store")
    }

    /// Opens `path` (or `:memory:`), sets it up, applies pending `migrations` in order and only then returns
    /// (architecture.md §4.3: migrations run before the listener opens). Throws `StorageError`: `.cannotOpen`
    /// naming the path, or `.migration` naming the migration.
    package static func open(path: String, migrations: [Migration] = [], logger: Logger) async throws -> Store {
        let store = Store(path: path, logger: logger)
        try await store.start(migrations: migrations)
        return store
    }

    private func start(migrations: [Migration]) throws {
        let opened = try Database(path: path, logger: logger)
        do {
            let applied = try Migrator.migrate(opened, migrations, logger: logger)
            logger.debug("database open", [("path", path), ("migrationsApplied", String(applied.count))])
        } catch {
            try? opened.close()
            throw error
        }
        database = opened
    }

    /// True when the caller runs on the store's queue; lets tests (and debug checks) prove work is off the
    /// cooperative pool.
    package nonisolated var isOnStoreQueue: Bool {
        executor.isCurrent
    }

    /// Runs `body` in `BEGIN IMMEDIATE` … `COMMIT`. On error rolls back and rethrows the first error.
    package func write<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        let database = try openDatabase()
        return try database.inTransaction(.immediate) {
            try body(database)
        }
    }

    /// Runs `body` in a deferred transaction with `PRAGMA query_only` on: several SELECTs see one snapshot and
    /// an accidental write fails (SQLITE_READONLY) instead of committing outside `write`.
    package func read<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        let database = try openDatabase()
        return try database.readOnly {
            try body(database)
        }
    }

    /// Checkpoints the WAL into the main file (`wal_checkpoint(TRUNCATE)`, so the -wal file is emptied) and
    /// closes. Afterwards `read`/`write` throw `.closed`; a second `close()` does nothing. The connection is
    /// closed even when the checkpoint fails; the first error is thrown after closing.
    package func close() throws {
        guard let database else { return }
        self.database = nil
        var firstError: (any Error)?
        if database.isInTransaction {
            database.executeIgnoringFailure("ROLLBACK TRANSACTION")
        }
        if path != ":memory:" {
            do {
                // Columns: busy (1 when a reader elsewhere blocked it), WAL frames, frames checkpointed.
                let busy = try database.scalar("PRAGMA wal_checkpoint(TRUNCATE)")?.int64Value ?? 0
                if busy != 0 {
                    logger.debug("WAL checkpoint could not complete", [("path", path)])
                }
            } catch {
                firstError = error
            }
        }
        do {
            try database.close()
        } catch {
            firstError = firstError ?? error
        }
        logger.debug("database closed", [("path", path)])
        if let firstError {
            throw firstError
        }
    }

    private func openDatabase() throws -> Database {
        guard let database else { throw StorageError.closed(path: path) }
        // A closure that ran COMMIT/BEGIN itself could leave a transaction open; never nest new work into it.
        if database.isInTransaction {
            logger.debug("rolling back a transaction left open by a previous closure", [("path", path)])
            database.executeIgnoringFailure("ROLLBACK TRANSACTION")
        }
        return database
    }
}
