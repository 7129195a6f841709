import Foundation

// Typed accessors by column name and by 0-based index. Policy (SQLValue+Decoding.swift): never trap; the
// non-optional form throws StorageError.typeMismatch on NULL, another storage class or a missing column; the
// `optional…` form returns nil for NULL only.
extension Row {
    package func int(_ name: String) throws -> Int {
        try Row.nonNull(optionalInt(name), column: name, expected: "INTEGER")
    }

    package func int(_ index: Int) throws -> Int {
        try Row.nonNull(optionalInt(index), column: columnLabel(index), expected: "INTEGER")
    }

    package func optionalInt(_ name: String) throws -> Int? {
        try value(name).decodeInt(column: name)
    }

    package func optionalInt(_ index: Int) throws -> Int? {
        try value(index).decodeInt(column: columnLabel(index))
    }

    package func int64(_ name: String) throws -> Int64 {
        try Row.nonNull(optionalInt64(name), column: name, expected: "INTEGER")
    }

    package func int64(_ index: Int) throws -> Int64 {
        try Row.nonNull(optionalInt64(index), column: columnLabel(index), expected: "INTEGER")
    }

    package func optionalInt64(_ name: String) throws -> Int64? {
        try value(name).decodeInt64(column: name)
    }

    package func optionalInt64(_ index: Int) throws -> Int64? {
        try value(index).decodeInt64(column: columnLabel(index))
    }

    package func double(_ name: String) throws -> Double {
        try Row.nonNull(optionalDouble(name), column: name, expected: "REAL")
    }

    package func double(_ index: Int) throws -> Double {
        try Row.nonNull(optionalDouble(index), column: columnLabel(index), expected: "REAL")
    }

    package func optionalDouble(_ name: String) throws -> Double? {
        try value(name).decodeDouble(column: name)
    }

    package func optionalDouble(_ index: Int) throws -> Double? {
        try value(index).decodeDouble(column: columnLabel(index))
    }

    package func string(_ name: String) throws -> String {
        try Row.nonNull(optionalString(name), column: name, expected: "TEXT")
    }

    package func string(_ index: Int) throws -> String {
        try Row.nonNull(optionalString(index), column: columnLabel(index), expected: "TEXT")
    }

    package func optionalString(_ name: String) throws -> String? {
        try value(name).decodeString(column: name)
    }

    package func optionalString(_ index: Int) throws -> String? {
        try value(index).decodeString(column: columnLabel(index))
    }

    package func blob(_ name: String) throws -> [UInt8] {
        try Row.nonNull(optionalBlob(name), column: name, expected: "BLOB")
    }

    package func blob(_ index: Int) throws -> [UInt8] {
        try Row.nonNull(optionalBlob(index), column: columnLabel(index), expected: "BLOB")
    }

    package func optionalBlob(_ name: String) throws -> [UInt8]? {
        try value(name).decodeBlob(column: name)
    }

    package func optionalBlob(_ index: Int) throws -> [UInt8]? {
        try value(index).decodeBlob(column: columnLabel(index))
    }

    package func bool(_ name: String) throws -> Bool {
        try Row.nonNull(optionalBool(name), column: name, expected: "INTEGER 0 or 1")
    }

    package func bool(_ index: Int) throws -> Bool {
        try Row.nonNull(optionalBool(index), column: columnLabel(index), expected: "INTEGER 0 or 1")
    }

    package func optionalBool(_ name: String) throws -> Bool? {
        try value(name).decodeBool(column: name)
    }

    package func optionalBool(_ index: Int) throws -> Bool? {
        try value(index).decodeBool(column: columnLabel(index))
    }

    package func date(_ name: String) throws -> Date {
        try Row.nonNull(optionalDate(name), column: name, expected: "REAL seconds since 1970")
    }

    package func date(_ index: Int) throws -> Date {
        try Row.nonNull(optionalDate(index), column: columnLabel(index), expected: "REAL seconds since 1970")
    }

    package func optionalDate(_ name: String) throws -> Date? {
        try value(name).decodeDate(column: name)
    }

    package func optionalDate(_ index: Int) throws -> Date? {
        try value(index).decodeDate(column: columnLabel(index))
    }

    /// The name used in messages for a column addressed by index.
    func columnLabel(_ index: Int) -> String {
        columns.indices.contains(index) ? "\(columns[index]) (#\(index))" : "#\(index)"
    }

    /// The optional accessors return nil only for NULL, which a non-optional accessor reports as a mismatch.
    static func nonNull<T>(_ value: T?, column: String, expected: String) throws -> T {
        guard let value else { throw SQLValue.null.mismatch(expected: expected, column: column) }
        return value
    }
}
