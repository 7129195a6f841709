import ConfemuStorage
import ConfemuSupport
import Testing

@Suite("Migrations")
struct MigratorTests {
    static let first = Migration(id: "test-001-items", sql: """
        CREATE TABLE test_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        INSERT INTO test_items (name) VALUES ('seed');
        """)
    static let second = Migration(id: "test-002-tags") { database in
        try database.execute("CREATE TABLE test_tags (item_id INTEGER NOT NULL REFERENCES test_items(id), tag TEXT)")
        try database.execute("INSERT INTO test_tags VALUES (?, ?)", [1, "first"])
    }
    static let third = Migration(id: "test-003-more", sql: "ALTER TABLE test_items ADD COLUMN extra TEXT")

    static func recorded(_ database: Database) throws -> [String] {
        try database.query("SELECT id FROM schema_migrations ORDER BY rowid").map { try $0.string("id") }
    }

    static func tableExists(_ database: Database, _ name: String) throws -> Bool {
        try database.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(name)])
            == .integer(1)
    }

    @Test("pending migrations run in list order and are recorded with a timestamp")
    func runInOrder() throws {
        let database = try Database(path: ":memory:")
        let applied = try Migrator.migrate(database, [Self.first, Self.second, Self.third], logger: .discarding)
        #expect(applied == ["test-001-items", "test-002-tags", "test-003-more"])
        #expect(try Self.recorded(database) == applied)
        #expect(try database.scalar("SELECT tag FROM test_tags") == .text("first"))
        let appliedAt = try #require(try database.scalar("SELECT applied_at FROM schema_migrations")?.stringValue)
        #expect(Timestamp.parseRFC3339(appliedAt) != nil)
    }

    @Test("already applied migrations are skipped across reopening a file database")
    func idempotentAcrossReopen() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("migrations.sqlite")
        let store = try await Store.open(path: path, migrations: [Self.first, Self.second], logger: .discarding)
        try await store.close()
        // Re-running test-001 would fail ("table test_items already exists") and duplicate the seed row.
        let reopened = try await Store.open(path: path, migrations: [Self.first, Self.second, Self.third],
                                            logger: .discarding)
        let (recorded, seeds, columns) = try await reopened.read { database in
            (try Self.recorded(database),
             try database.scalar("SELECT count(*) FROM test_items")?.int64Value,
             try database.query("PRAGMA table_info(test_items)").map { try $0.string("name") })
        }
        #expect(recorded == ["test-001-items", "test-002-tags", "test-003-more"])
        #expect(seeds == 1)
        #expect(columns == ["id", "name", "extra"])
        try await reopened.close()
        let again = try Database(path: path)
        #expect(try Migrator.migrate(again, [Self.first, Self.second, Self.third], logger: .discarding) == [])
    }

    @Test("a failing migration rolls back its own work, keeps earlier ones, and names its id")
    func failureRollsBack() throws {
        let database = try Database(path: ":memory:")
        let broken = Migration(id: "test-002-broken", sql: """
            CREATE TABLE test_half (id INTEGER);
            INSERT INTO test_half VALUES (1);
            INSERT INTO no_such_table VALUES (1);
            """)
        let error = try #require(throws: StorageError.self) {
            try Migrator.migrate(database, [Self.first, broken, Self.third], logger: .discarding)
        }
        #expect(error.kind == .migration)
        #expect(error.migrationID == "test-002-broken")
        #expect(error.description.hasPrefix("migration \"test-002-broken\" failed: no such table: no_such_table"))
        #expect(!error.description.contains("\n"))
        #expect(try Self.recorded(database) == ["test-001-items"])
        #expect(try !Self.tableExists(database, "test_half"))
        #expect(try Self.tableExists(database, "test_items"))
        #expect(!database.isInTransaction)
    }

    @Test("a migration closure's own error is wrapped with the id")
    func closureErrorNamed() throws {
        let database = try Database(path: ":memory:")
        let failing = Migration(id: "test-009-closure") { database in
            try database.execute("CREATE TABLE test_tmp (x)")
            throw MarkerError(label: "nope")
        }
        let error = try #require(throws: StorageError.self) {
            try Migrator.migrate(database, [failing], logger: .discarding)
        }
        #expect(error.migrationID == "test-009-closure")
        #expect(try !Self.tableExists(database, "test_tmp"))
    }

    @Test("duplicate or empty ids are refused before anything runs")
    func invalidLists() throws {
        let database = try Database(path: ":memory:")
        let duplicate = Migration(id: "test-001-items", sql: "CREATE TABLE test_other (x)")
        let error = try #require(throws: StorageError.self) {
            try Migrator.migrate(database, [Self.first, Self.second, duplicate], logger: .discarding)
        }
        #expect(error.kind == .migration)
        #expect(error.description == "invalid migrations: duplicate migration id \"test-001-items\"")
        #expect(try !Self.tableExists(database, "schema_migrations"))
        #expect(try !Self.tableExists(database, "test_items"))
        #expect(throws: StorageError.self) {
            try Migrator.migrate(database, [Migration(id: "", sql: "SELECT 1")], logger: .discarding)
        }
    }

    @Test("Store.open fails with the migration's id and does not return a store")
    func storeOpenMigrationFailure() async throws {
        let broken = Migration(id: "test-001-broken", sql: "CREATE TABLE")
        let error = await #expect(throws: StorageError.self) {
            try await Store.open(path: ":memory:", migrations: [broken], logger: .discarding)
        }
        #expect(error?.migrationID == "test-001-broken")
    }
}
