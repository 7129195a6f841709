import ConfemuStorage
import Foundation
import Testing

@Suite("Database")
struct DatabaseTests {
    @Test("a file database is opened in WAL mode with NORMAL sync and foreign keys on")
    func fileDatabaseSetUp() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path("setup.sqlite"))
        #expect(try database.scalar("PRAGMA journal_mode") == .text("wal"))
        #expect(try database.scalar("PRAGMA synchronous") == .integer(1))  // NORMAL
        #expect(try database.scalar("PRAGMA foreign_keys") == .integer(1))
        #expect(FileManager.default.fileExists(atPath: directory.path("setup.sqlite")))
        try database.close()
    }

    @Test("an in-memory database reports the memory journal mode")
    func memoryDatabaseSetUp() throws {
        let database = try Database(path: ":memory:")
        #expect(try database.scalar("PRAGMA journal_mode") == .text("memory"))
        #expect(try database.scalar("PRAGMA foreign_keys") == .integer(1))
    }

    @Test("foreign keys are enforced")
    func foreignKeysEnforced() throws {
        let database = try Database(path: ":memory:")
        try database.execute("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
            """)
        let error = try #require(throws: StorageError.self) {
            try database.execute("INSERT INTO child (parent_id) VALUES (?)", [42])
        }
        #expect(error.isForeignKeyViolation)
        #expect(error.code == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY: extended codes are on
    }

    @Test("a script runs every statement in order, comments and blank statements included")
    func scriptRunsAllStatements() throws {
        let database = try Database(path: ":memory:")
        try database.execute("""
            -- a comment first
            CREATE TABLE t (n INTEGER);
            INSERT INTO t VALUES (1);;
            SELECT * FROM t;
            INSERT INTO t VALUES (2); /* trailing comment */
            """)
        let rows = try database.query("SELECT n FROM t ORDER BY n")
        #expect(try rows.map { try $0.int("n") } == [1, 2])
    }

    @Test("a failing script statement throws with that statement's SQL and stops")
    func scriptStopsAtError() throws {
        let database = try Database(path: ":memory:")
        let error = try #require(throws: StorageError.self) {
            try database.execute("""
                CREATE TABLE t (n INTEGER);
                INSERT INTO missing VALUES (1);
                INSERT INTO t VALUES (1);
                """)
        }
        #expect(error.kind == .sqlite)
        #expect(error.message == "no such table: missing")
        #expect(error.description.contains("INSERT INTO missing VALUES (1)"))
        #expect(try database.scalar("SELECT count(*) FROM t") == .integer(0))
    }

    @Test("lastInsertRowID and changes report the latest statement")
    func rowIDAndChanges() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)")
        try database.execute("INSERT INTO t (id, n) VALUES (?, ?)", [40, 1])
        #expect(database.lastInsertRowID == 40)
        try database.execute("INSERT INTO t (n) VALUES (?)", [1])
        #expect(database.lastInsertRowID == 41)
        try database.execute("UPDATE t SET n = ? WHERE n = ?", [2, 1])
        #expect(database.changes == 2)
    }

    @Test("query, queryOne and scalar return rows, the first row, or nil when empty")
    func queryHelpers() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (n INTEGER, s TEXT)")
        #expect(try database.queryOne("SELECT * FROM t") == nil)
        #expect(try database.scalar("SELECT n FROM t") == nil)
        try database.execute("INSERT INTO t VALUES (1, 'a'), (2, NULL)")
        let rows = try database.query("SELECT n, s FROM t WHERE n >= ? ORDER BY n", [1])
        #expect(rows.count == 2)
        #expect(rows[0].columns == ["n", "s"])
        #expect(rows[1].values == [.integer(2), .null])
        let last = try #require(try database.queryOne("SELECT s FROM t ORDER BY n DESC"))
        #expect(try last.optionalString("s") == nil)
        #expect(try database.scalar("SELECT s FROM t WHERE n = 2") == .null)
    }

    @Test("a binding count that does not match the statement is refused")
    func bindingCountMismatch() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (a, b)")
        for bindings: [SQLValue] in [[1], [1, 2, 3], []] {
            let error = try #require(throws: StorageError.self) {
                try database.execute("INSERT INTO t VALUES (?, ?)", bindings)
            }
            #expect(error.kind == .misuse)
            #expect(error.description.contains("expects 2 bindings, got \(bindings.count)"))
        }
        #expect(try database.scalar("SELECT count(*) FROM t") == .integer(0))
    }

    @Test("a statement with bindings must be a single statement")
    func singleStatementOnly() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (a)")
        let error = try #require(throws: StorageError.self) {
            try database.execute("INSERT INTO t VALUES (?); DELETE FROM t", [1])
        }
        #expect(error.kind == .misuse)
        #expect(try database.scalar("SELECT count(*) FROM t") == .integer(0))
        // Trailing whitespace and comments are not a second statement.
        try database.execute("INSERT INTO t VALUES (?);  -- done\n", [1])
        #expect(try database.scalar("SELECT count(*) FROM t") == .integer(1))
        #expect(throws: StorageError.self) { try database.query("  -- only a comment") }
    }

    @Test("a syntax error names the SQL and SQLite's message")
    func syntaxErrorMessage() throws {
        let database = try Database(path: ":memory:")
        let error = try #require(throws: StorageError.self) {
            try database.query("SELEC 1")
        }
        #expect(error.kind == .sqlite)
        #expect(error.primaryCode == 1)  // SQLITE_ERROR
        #expect(error.description.contains("near \"SELEC\": syntax error"))
        #expect(error.description.contains("in SQL: SELEC 1"))
        #expect(!error.description.contains("\n"))
    }

    @Test("the statement cache returns the same statement for the same text")
    func statementCache() throws {
        let database = try Database(path: ":memory:")
        let first = try database.cachedStatement("SELECT ?")
        let second = try database.cachedStatement("SELECT ?")
        #expect(first === second)
        #expect(try database.cachedStatement("SELECT ? ") !== first)
        #expect(try database.makeStatement("SELECT ?") !== first)
    }

    @Test("every call on a closed database throws closed, and closing twice is harmless")
    func closedDatabaseThrows() throws {
        let database = try Database(path: ":memory:")
        let statement = try database.cachedStatement("SELECT 1")
        let owned = try database.makeStatement("SELECT 2")
        try database.close()
        try database.close()
        #expect(database.isClosed)
        let calls: [() throws -> Void] = [
            { try database.execute("SELECT 1") },
            { try database.execute("SELECT 1", []) },
            { _ = try database.query("SELECT 1") },
            { _ = try database.cachedStatement("SELECT 3") },
            { _ = try statement.step() },
            { _ = try owned.query() },
            { try database.inTransaction { } },
        ]
        for call in calls {
            let error = try #require(throws: StorageError.self) { try call() }
            #expect(error.kind == .closed)
        }
    }
}
