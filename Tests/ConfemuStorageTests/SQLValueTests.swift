import ConfemuStorage
import Foundation
import Testing

@Suite("SQLValue round trips")
struct SQLValueTests {
    static let values: [SQLValue] = [
        .null,
        .integer(0), .integer(-1), .integer(Int64.min), .integer(Int64.max),
        .real(3.5), .real(-2.25e-300), .real(Double.greatestFiniteMagnitude), .real(Double.leastNonzeroMagnitude),
        .real(Double.infinity), .real(-Double.infinity),
        .text(""), .text("plain ascii"), .text("héllo wörld"), .text("日本語のテキスト"),
        .text("👩‍👩‍👧‍👦 family"),
        .text("a\u{0}b"), .text("\u{0}"), .text("trailing nul\u{0}"), .text("line\nbreak\r\n\ttab'quote\"double"),
        .text(String(repeating: "ü", count: 100_000)),
        .blob([]), .blob([0]), .blob([0, 1, 127, 128, 255]), .blob((0..<4096).map { UInt8($0 % 256) }),
    ]

    @Test("every value is stored and read back unchanged, storage class included", arguments: values)
    func roundTrip(value: SQLValue) throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (v)")  // no declared type: no affinity, nothing is converted
        try database.execute("INSERT INTO t (v) VALUES (?)", [value])
        let row = try #require(try database.queryOne("SELECT v, typeof(v) AS kind FROM t"))
        #expect(row["v"] == value)
        #expect(try row.string("kind").uppercased() == value.storageClass)
    }

    @Test("text with embedded NUL keeps its full byte length in SQLite")
    func embeddedNulLength() throws {
        let database = try Database(path: ":memory:")
        let value = "ab\u{0}cd"
        #expect(try database.scalar("SELECT length(CAST(? AS BLOB))", [.text(value)]) == .integer(5))
        #expect(try database.scalar("SELECT ? = ?", [.text(value), .text("ab")]) == .integer(0))
    }

    @Test("an empty string stays text and an empty blob stays a blob, never NULL")
    func emptyValuesAreNotNull() throws {
        let database = try Database(path: ":memory:")
        #expect(try database.scalar("SELECT typeof(?)", [""]) == .text("text"))
        #expect(try database.scalar("SELECT typeof(?)", [.blob([])]) == .text("blob"))
        #expect(try database.scalar("SELECT ? IS NULL", [.blob([])]) == .integer(0))
    }

    @Test("NaN is refused at binding instead of silently becoming NULL")
    func nanIsRefused() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (v)")
        let error = try #require(throws: StorageError.self) {
            try database.execute("INSERT INTO t (v) VALUES (?)", [.real(.nan)])
        }
        #expect(error.kind == .invalidValue)
        #expect(error.description.contains("NaN"))
        #expect(try database.scalar("SELECT count(*) FROM t") == .integer(0))
    }

    @Test("typed values round-trip through the typed accessors")
    func typedRoundTrip() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, f INTEGER, d REAL)")
        let date = Date(timeIntervalSince1970: 1_795_000_000.125)
        try database.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)",
                             [SQLValue(Int64.min), SQLValue(0.1), SQLValue("ça va ✓"), SQLValue([UInt8]([9, 0, 9])),
                              SQLValue(true), SQLValue(date)])
        let row = try #require(try database.queryOne("SELECT * FROM t"))
        #expect(try row.int64("i") == Int64.min)
        #expect(try row.int("i") == Int.min)
        #expect(try row.double("r") == 0.1)
        #expect(try row.string("s") == "ça va ✓")
        #expect(try row.blob("b") == [9, 0, 9])
        #expect(try row.bool("f") == true)
        #expect(try row.date("d") == date)
    }

    @Test("conveniences map Swift values and nil to the right storage class")
    func conveniences() {
        let missingText: String? = nil
        let someCount: Int? = 7
        let missingDate: Date? = nil
        #expect(SQLValue(5) == .integer(5))
        #expect(SQLValue(Int64(-5)) == .integer(-5))
        #expect(SQLValue(true) == .integer(1))
        #expect(SQLValue(false) == .integer(0))
        #expect(SQLValue("x") == .text("x"))
        #expect(SQLValue(missingText) == .null)
        #expect(SQLValue(someCount) == .integer(7))
        #expect(SQLValue(missingDate) == .null)
        #expect(SQLValue(Date(timeIntervalSince1970: 12.5)) == .real(12.5))
        #expect(SQLValue([UInt8]([1, 2])) == .blob([1, 2]))
        let literals: [SQLValue] = [.null, 1, 2.5, "s", true]
        #expect(literals == [.null, .integer(1), .real(2.5), .text("s"), .integer(1)])
    }
}
