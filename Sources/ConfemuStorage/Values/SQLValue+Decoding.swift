import Foundation

// The single place that turns a stored value into a Swift type, shared by Row and Statement accessors.
// Policy: an accessor never traps and never converts text to numbers or numbers to text. A non-optional accessor
// throws StorageError.typeMismatch on NULL or on another storage class; an `optional…` accessor returns nil for
// NULL and throws on another storage class. Widening that is always exact-or-documented:
// `double` accepts INTEGER (SQL arithmetic such as SUM yields integers), `date` accepts REAL or INTEGER seconds,
// `bool` accepts only INTEGER 0 or 1 (anything else is a corrupt flag, not `true`).
extension SQLValue {
    func decodeInt64(column: String) throws -> Int64? {
        switch self {
        case .null: return nil
        case .integer(let value): return value
        default: throw mismatch(expected: "INTEGER", column: column)
        }
    }

    func decodeInt(column: String) throws -> Int? {
        guard let wide = try decodeInt64(column: column) else { return nil }
        guard let value = Int(exactly: wide) else {
            throw StorageError(kind: .typeMismatch, message: "column \(column) holds \(wide), out of range for Int")
        }
        return value
    }

    func decodeDouble(column: String) throws -> Double? {
        switch self {
        case .null: return nil
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: throw mismatch(expected: "REAL", column: column)
        }
    }

    func decodeString(column: String) throws -> String? {
        switch self {
        case .null: return nil
        case .text(let value): return value
        default: throw mismatch(expected: "TEXT", column: column)
        }
    }

    func decodeBlob(column: String) throws -> [UInt8]? {
        switch self {
        case .null: return nil
        case .blob(let value): return value
        default: throw mismatch(expected: "BLOB", column: column)
        }
    }

    func decodeBool(column: String) throws -> Bool? {
        switch self {
        case .null: return nil
        case .integer(0): return false
        case .integer(1): return true
        case .integer(let value):
            throw StorageError(kind: .typeMismatch, message: "column \(column) holds \(value), expected 0 or 1")
        default: throw mismatch(expected: "INTEGER 0 or 1", column: column)
        }
    }

    func decodeDate(column: String) throws -> Date? {
        switch self {
        case .null: return nil
        case .real(let seconds): return Date(timeIntervalSince1970: seconds)
        case .integer(let seconds): return Date(timeIntervalSince1970: Double(seconds))
        default: throw mismatch(expected: "REAL seconds since 1970", column: column)
        }
    }

    func mismatch(expected: String, column: String) -> StorageError {
        StorageError(kind: .typeMismatch, message: "column \(column) holds \(storageClass), expected \(expected)")
    }
}
