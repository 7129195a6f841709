import ConfemuStorage
import Testing

@Suite("Statement")
struct StatementTests {
    @Test("a prepared statement binds, steps and reads typed columns, and can be reused")
    func bindStepRead() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, flag INTEGER)")
        let insert = try database.cachedStatement("INSERT INTO t (name, score, flag) VALUES (?, ?, ?)")
        #expect(insert.parameterCount == 3)
        #expect(!insert.isReadOnly)
        for (index, name) in ["a", "b", "c"].enumerated() {
            try insert.execute([.text(name), .real(Double(index) / 2), SQLValue(index == 1)])
        }
        let select = try database.makeStatement("SELECT id, name, score, flag FROM t WHERE id >= ? ORDER BY id")
        #expect(select.isReadOnly)
        try select.bind([2])
        #expect(try select.step())
        #expect(try select.columnCount() == 4)
        #expect(try select.columnNames() == ["id", "name", "score", "flag"])
        #expect(try select.int64(at: 0) == 2)
        #expect(try select.string(at: 1) == "b")
        #expect(try select.double(at: 2) == 0.5)
        #expect(try select.bool(at: 3))
        #expect(try select.step())
        #expect(try select.row() == Row(columns: ["id", "name", "score", "flag"],
                                        values: [.integer(3), .text("c"), .real(1), .integer(0)]))
        #expect(try !select.step())
        // Rebinding resets; reading past the columns throws.
        try select.bind([1])
        #expect(try select.step())
        #expect(try select.string(at: 1) == "a")
        #expect(throws: StorageError.self) { try select.value(at: 4) }
        #expect(throws: StorageError.self) { try select.string(at: 0) }
        select.reset()
    }

    @Test("binding by index is 1-based and checked")
    func bindByIndex() throws {
        let database = try Database(path: ":memory:")
        let statement = try database.makeStatement("SELECT ?, ?")
        try statement.bind("x", at: 2)
        try statement.bind(.null, at: 1)
        #expect(try statement.step())
        #expect(try statement.row().values == [.null, .text("x")])
        #expect(throws: StorageError.self) { try statement.bind(1, at: 0) }
        #expect(throws: StorageError.self) { try statement.bind(1, at: 3) }
    }

    @Test("a failing step throws with the statement's SQL and the extended code")
    func stepError() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        let insert = try database.cachedStatement("INSERT INTO t (id) VALUES (?)")
        try insert.execute([1])
        let error = try #require(throws: StorageError.self) { try insert.execute([1]) }
        #expect(error.code == 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY
        #expect(error.isUniqueViolation)
        #expect(error.sql == "INSERT INTO t (id) VALUES (?)")
        let expected = "UNIQUE constraint failed: t.id (SQLite error 1555: constraint failed)"
            + " in SQL: INSERT INTO t (id) VALUES (?)"
        #expect(error.description == expected)
        // The statement is usable again after the error.
        try insert.execute([2])
        #expect(try database.scalar("SELECT count(*) FROM t") == .integer(2))
    }

    @Test("a statement still sees a column added after it was prepared")
    func reprepareAfterSchemaChange() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (a); INSERT INTO t VALUES (1)")
        #expect(try database.query("SELECT * FROM t")[0].columns == ["a"])
        try database.execute("ALTER TABLE t ADD COLUMN b DEFAULT 2")
        let row = try #require(try database.query("SELECT * FROM t").first)
        #expect(row.columns == ["a", "b"])
        #expect(try row.int("b") == 2)
    }
}
