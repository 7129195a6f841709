import ConfemuSupport

/// Applies migrations and records them in `schema_migrations(id TEXT PRIMARY KEY, applied_at TEXT)`.
package enum Migrator {
    static let createTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            id TEXT PRIMARY KEY NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    // applied_at is metadata for people inspecting the file, so SQLite's clock is fine here (not a namespace clock).
    static let recordSQL = """
        INSERT INTO schema_migrations (id, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        """

    /// Validates the list (non-empty, unique ids), then runs every migration not yet recorded, in list order, each
    /// in its own IMMEDIATE transaction together with its record. Returns the ids applied now. A failure rolls
    /// that migration back (earlier ones stay applied) and throws `.migration` naming its id.
    @discardableResult
    package static func migrate(_ database: Database, _ migrations: [Migration], logger: Logger) throws -> [String] {
        var seen = Set<String>()
        for migration in migrations {
            guard !migration.id.isEmpty else {
                throw StorageError(kind: .migration, message: "a migration has an empty id")
            }
            guard seen.insert(migration.id).inserted else {
                throw StorageError(kind: .migration, message: "duplicate migration id \"\(migration.id)\"")
            }
        }
        try database.inTransaction(.immediate) {
            try database.execute(createTableSQL)
        }
        let recorded = try database.query("SELECT id FROM schema_migrations").map { try $0.string(0) }
        let applied = Set(recorded)
        var appliedNow: [String] = []
        for migration in migrations where !applied.contains(migration.id) {
            do {
                try database.inTransaction(.immediate) {
                    try migration.apply(database)
                    try database.execute(recordSQL, [.text(migration.id)])
                }
            } catch {
                throw StorageError.migrationFailed(id: migration.id, underlying: error)
            }
            logger.debug("applied migration", [("id", migration.id), ("path", database.path)])
            appliedNow.append(migration.id)
        }
        return appliedNow
    }
}
