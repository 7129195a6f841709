extension SQLValue {
    /// `SQLValue(42)`, `SQLValue(name)`, `SQLValue(optionalDate)`: nil becomes `.null`.
    package init(_ value: (some SQLValueConvertible)?) {
        self = value?.sqlValue ?? .null
    }
}

// No ExpressibleByNilLiteral on purpose: it makes `condition ? value : nil` silently produce `.null` where an
// Optional<SQLValue> was meant (the Swift docs discourage it for non-Optional types). Write `.null`.
extension SQLValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral
{
    package init(integerLiteral value: Int64) { self = .integer(value) }
    package init(floatLiteral value: Double) { self = .real(value) }
    package init(stringLiteral value: String) { self = .text(value) }
    package init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}
