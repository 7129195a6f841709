import Foundation

// Typed access to the current row's columns (0-based), with the same policy as Row (SQLValue+Decoding.swift).
extension Statement {
    package func int(at index: Int) throws -> Int {
        try Row.nonNull(value(at: index).decodeInt(column: label(index)), column: label(index), expected: "INTEGER")
    }

    package func int64(at index: Int) throws -> Int64 {
        try Row.nonNull(value(at: index).decodeInt64(column: label(index)), column: label(index), expected: "INTEGER")
    }

    package func double(at index: Int) throws -> Double {
        try Row.nonNull(value(at: index).decodeDouble(column: label(index)), column: label(index), expected: "REAL")
    }

    package func string(at index: Int) throws -> String {
        try Row.nonNull(value(at: index).decodeString(column: label(index)), column: label(index), expected: "TEXT")
    }

    package func blob(at index: Int) throws -> [UInt8] {
        try Row.nonNull(value(at: index).decodeBlob(column: label(index)), column: label(index), expected: "BLOB")
    }

    package func bool(at index: Int) throws -> Bool {
        try Row.nonNull(value(at: index).decodeBool(column: label(index)), column: label(index),
                        expected: "INTEGER 0 or 1")
    }

    package func date(at index: Int) throws -> Date {
        try Row.nonNull(value(at: index).decodeDate(column: label(index)), column: label(index),
                        expected: "REAL seconds since 1970")
    }

    package func isNull(at index: Int) throws -> Bool {
        try value(at: index).isNull
    }

    private func label(_ index: Int) -> String {
        "#\(index)"
    }
}
