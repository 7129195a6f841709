import ConfemuStorage
import Foundation
import Testing

@Suite("Row typed accessors")
struct RowTests {
    static let row = Row(
        columns: ["id", "name", "score", "flag", "data", "gone", "Mixed"],
        values: [.integer(7), .text("Ada"), .real(2.5), .integer(1), .blob([1]), .null, .integer(3)])

    @Test("accessors by name and by index read the same values")
    func byNameAndIndex() throws {
        let row = Self.row
        #expect(try row.int("id") == 7)
        #expect(try row.int(0) == 7)
        #expect(try row.string("name") == "Ada")
        #expect(try row.string(1) == "Ada")
        #expect(try row.double("score") == 2.5)
        #expect(try row.double("id") == 7.0)  // INTEGER widens to Double
        #expect(try row.bool("flag"))
        #expect(try row.blob(4) == [1])
        #expect(try row.optionalString("gone") == nil)
        #expect(try row.optionalInt(5) == nil)
        #expect(try row.optionalString("name") == "Ada")
    }

    @Test("a column name is found exactly first, then case-insensitively as in SQLite")
    func nameLookup() throws {
        #expect(try Self.row.int("mixed") == 3)
        #expect(try Self.row.int("ID") == 7)
        let duplicate = Row(columns: ["n", "N"], values: [.integer(1), .integer(2)])
        #expect(try duplicate.int("N") == 2)
        #expect(try duplicate.int("n") == 1)
    }

    @Test("a type mismatch throws typeMismatch naming the column and both types")
    func mismatchThrows() throws {
        let error = try #require(throws: StorageError.self) { try Self.row.int("name") }
        #expect(error.kind == .typeMismatch)
        #expect(error.description == "column name holds TEXT, expected INTEGER")
        #expect(throws: StorageError.self) { try Self.row.string("id") }
        #expect(throws: StorageError.self) { try Self.row.blob("name") }
        #expect(throws: StorageError.self) { try Self.row.optionalString("id") }
        #expect(throws: StorageError.self) { try Self.row.date("name") }
    }

    @Test("NULL through a non-optional accessor throws; through an optional one it is nil")
    func nullPolicy() throws {
        let error = try #require(throws: StorageError.self) { try Self.row.string("gone") }
        #expect(error.description == "column gone holds NULL, expected TEXT")
        #expect(try Self.row.optionalBool("gone") == nil)
        #expect(try Self.row.optionalDate("gone") == nil)
    }

    @Test("a missing column or index throws instead of trapping")
    func missingColumn() throws {
        let error = try #require(throws: StorageError.self) { try Self.row.int("nope") }
        #expect(error.description.contains("no column named nope"))
        #expect(throws: StorageError.self) { try Self.row.int(99) }
        #expect(throws: StorageError.self) { try Self.row.optionalInt(-1) }
        #expect(Self.row[99] == nil)
        #expect(Self.row["nope"] == nil)
    }

    @Test("bool accepts only 0 and 1", arguments: [(SQLValue.integer(0), false), (.integer(1), true)])
    func boolValues(value: SQLValue, expected: Bool) throws {
        #expect(try Row(columns: ["b"], values: [value]).bool("b") == expected)
    }

    @Test("bool refuses other integers and other types", arguments: [SQLValue.integer(2), .integer(-1), .text("1"),
                                                                      .real(1)])
    func boolRefuses(value: SQLValue) throws {
        #expect(throws: StorageError.self) { try Row(columns: ["b"], values: [value]).bool("b") }
    }

    @Test("a date reads REAL or INTEGER seconds since 1970")
    func dates() throws {
        let row = Row(columns: ["r", "i"], values: [.real(1.5), .integer(86400)])
        #expect(try row.date("r") == Date(timeIntervalSince1970: 1.5))
        #expect(try row.date("i") == Date(timeIntervalSince1970: 86400))
    }
}
