import Foundation

/// Swift values that have one obvious SQLite representation. `SQLValue(x)` accepts them and their optionals
/// (nil becomes NULL): `[SQLValue(name), SQLValue(count), SQLValue(deletedAt)]`.
package protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
}

extension Int: SQLValueConvertible {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int64: SQLValueConvertible {
    package var sqlValue: SQLValue { .integer(self) }
}

extension Double: SQLValueConvertible {
    package var sqlValue: SQLValue { .real(self) }
}

extension String: SQLValueConvertible {
    package var sqlValue: SQLValue { .text(self) }
}

extension Substring: SQLValueConvertible {
    package var sqlValue: SQLValue { .text(String(self)) }
}

extension Array: SQLValueConvertible where Element == UInt8 {
    package var sqlValue: SQLValue { .blob(self) }
}

/// Booleans are stored as INTEGER 0 or 1 (SQLite has no boolean storage class).
extension Bool: SQLValueConvertible {
    package var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

/// Dates are stored as REAL seconds since 1970-01-01T00:00:00Z; tables that need RFC 3339 text bind
/// `Timestamp.rfc3339Milliseconds(date)` instead.
extension Date: SQLValueConvertible {
    package var sqlValue: SQLValue { .real(timeIntervalSince1970) }
}

extension SQLValue: SQLValueConvertible {
    package var sqlValue: SQLValue { self }
}
