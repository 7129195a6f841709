import ConfemuStorage
import ConfemuSupport
import Testing

@Suite("Database transactions")
struct TransactionTests {
    static func makeDatabase(logger: Logger = .discarding) throws -> Database {
        let database = try Database(path: ":memory:", logger: logger)
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        return database
    }

    static func count(_ database: Database) throws -> Int64? {
        try database.scalar("SELECT count(*) FROM t")?.int64Value
    }

    @Test("a transaction commits its work and returns the closure's value")
    func commits() throws {
        let database = try Self.makeDatabase()
        let id = try database.inTransaction {
            #expect(database.isInTransaction)
            try database.execute("INSERT INTO t (name) VALUES (?)", ["a"])
            return database.lastInsertRowID
        }
        #expect(id == 1)
        #expect(!database.isInTransaction)
        #expect(try Self.count(database) == 1)
    }

    @Test("a thrown error rolls everything back and comes back unchanged")
    func rollbackKeepsError() throws {
        let database = try Self.makeDatabase()
        let error = try #require(throws: MarkerError.self) {
            try database.inTransaction {
                try database.execute("INSERT INTO t (name) VALUES (?)", ["a"])
                try database.execute("INSERT INTO t (name) VALUES (?)", ["b"])
                throw MarkerError(label: "first")
            }
        }
        #expect(error == MarkerError(label: "first"))
        #expect(!database.isInTransaction)
        #expect(try Self.count(database) == 0)
    }

    @Test("a failing rollback does not mask the first error")
    func failingRollbackDoesNotMask() throws {
        let sink = MemoryLogSink()
        let database = try Self.makeDatabase(logger: Logger(sink: sink, minimumLevel: .debug))
        let error = try #require(throws: MarkerError.self) {
            try database.inTransaction {
                try database.execute("INSERT INTO t (name) VALUES (?)", ["a"])
                try database.execute("ROLLBACK")  // our own ROLLBACK will now fail: no transaction is active
                throw MarkerError(label: "first")
            }
        }
        #expect(error.label == "first")
        #expect(sink.messages.contains("clean-up statement failed"))
        #expect(try Self.count(database) == 0)
    }

    @Test("a constraint violation throws a StorageError and leaves no partial rows")
    func constraintViolation() throws {
        let database = try Self.makeDatabase()
        let error = try #require(throws: StorageError.self) {
            try database.inTransaction {
                try database.execute("INSERT INTO t (id, name) VALUES (?, ?)", [1, "a"])
                try database.execute("INSERT INTO t (id, name) VALUES (?, ?)", [2, "b"])
                try database.execute("INSERT INTO t (id, name) VALUES (?, ?)", [3, .null])
            }
        }
        #expect(error.isConstraintViolation)
        #expect(error.code == 1299)  // SQLITE_CONSTRAINT_NOTNULL
        #expect(error.message == "NOT NULL constraint failed: t.name")
        #expect(try Self.count(database) == 0)
    }

    @Test("a COMMIT that fails (deferred foreign key) rolls back and throws")
    func failingCommit() throws {
        let database = try Database(path: ":memory:")
        try database.execute("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (id INTEGER PRIMARY KEY,
                                parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
            """)
        let error = try #require(throws: StorageError.self) {
            try database.inTransaction {
                try database.execute("INSERT INTO child (parent_id) VALUES (?)", [9])
            }
        }
        #expect(error.isForeignKeyViolation)
        #expect(error.sql == "COMMIT TRANSACTION")
        #expect(!database.isInTransaction)
        #expect(try database.scalar("SELECT count(*) FROM child") == .integer(0))
    }

    @Test("a nested transaction is a savepoint: its failure undoes only its own work")
    func nestedSavepoint() throws {
        let database = try Self.makeDatabase()
        try database.inTransaction {
            try database.execute("INSERT INTO t (name) VALUES (?)", ["outer"])
            #expect(throws: MarkerError.self) {
                try database.inTransaction {
                    try database.execute("INSERT INTO t (name) VALUES (?)", ["inner"])
                    throw MarkerError(label: "inner")
                }
            }
            try database.inTransaction {
                try database.execute("INSERT INTO t (name) VALUES (?)", ["inner-ok"])
            }
            #expect(database.isInTransaction)
        }
        let names = try database.query("SELECT name FROM t ORDER BY id").map { try $0.string("name") }
        #expect(names == ["outer", "inner-ok"])
    }

    @Test("readOnly refuses writes and restores write access afterwards")
    func readOnly() throws {
        let database = try Self.makeDatabase()
        let error = try #require(throws: StorageError.self) {
            try database.readOnly {
                try database.execute("INSERT INTO t (name) VALUES (?)", ["a"])
            }
        }
        #expect(error.primaryCode == 8)  // SQLITE_READONLY
        #expect(try database.readOnly { try Self.count(database) } == 0)
        try database.execute("INSERT INTO t (name) VALUES (?)", ["b"])
        #expect(try Self.count(database) == 1)
    }
}
