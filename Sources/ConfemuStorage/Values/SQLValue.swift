/// One SQLite value, by storage class. Bindings are `[SQLValue]`; rows hold them.
package enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    // Non-throwing projections: nil unless the value has exactly that storage class.
    package var int64Value: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    package var doubleValue: Double? {
        if case .real(let value) = self { return value }
        return nil
    }

    package var stringValue: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    package var blobValue: [UInt8]? {
        if case .blob(let value) = self { return value }
        return nil
    }

    /// SQLite's name for the storage class, used in type-mismatch messages.
    package var storageClass: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }
}
