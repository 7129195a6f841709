/// A JSON number. Integers that fit 64 bits stay exact; every other number (a fraction, an exponent, an
/// integer beyond Int64) is a Double, as JavaScript would hold it. Equality is numeric: `.integer(1)` equals
/// `.double(1.0)`, because neither JavaScript nor PHP's JSON output can tell them apart.
package enum JSONNumber: Sendable {
    case integer(Int64)
    case double(Double)

    package init(_ value: some BinaryInteger) {
        if let exact = Int64(exactly: value) {
            self = .integer(exact)
        } else {
            self = .double(Double(value))
        }
    }

    package init(_ value: Double) { self = .double(value) }

    package var doubleValue: Double {
        switch self {
        case .integer(let value): Double(value)
        case .double(let value): value
        }
    }

    /// The exact integer value: the integer case, or a double without a fraction inside Int64's range.
    package var int64Value: Int64? {
        switch self {
        case .integer(let value): value
        case .double(let value): Int64(exactly: value)
        }
    }

    package var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

    /// True for the integer case and for finite doubles without a fraction (JavaScript `Number.isInteger`).
    package var isInteger: Bool {
        switch self {
        case .integer: true
        case .double(let value): value.isFinite && value.rounded(.towardZero) == value
        }
    }
}

extension JSONNumber: Equatable {
    package static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.integer(let a), .double(let b)), (.double(let b), .integer(let a)): Int64(exactly: b) == a
        }
    }
}
