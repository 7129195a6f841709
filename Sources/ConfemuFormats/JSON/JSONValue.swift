/// One member of a JSON object: objects keep their members in insertion order, because every provider spec
/// fixes the key order of its bodies byte for byte.
package typealias JSONMember = (key: String, value: JSONValue)

/// An ordered JSON value.
///
/// Objects are member lists in insertion order with unique keys: the parser keeps the last value of a
/// duplicated key at the position of its first occurrence (what `JSON.parse` and PHP's `json_decode` do), and
/// `set` keeps the position of an existing key. Not declared `indirect`: the arrays already box the recursion,
/// and `indirect` would allocate a box for every scalar.
package enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])
}

// MARK: - Construction

extension JSONValue {
    /// An integer (exact when it fits Int64, else a double).
    package static func integer(_ value: some BinaryInteger) -> JSONValue { .number(JSONNumber(value)) }

    package static func double(_ value: Double) -> JSONValue { .number(.double(value)) }

    /// `.string`, or `.null` for nil.
    package init(_ value: String?) { self = value.map { .string($0) } ?? .null }

    /// `.bool`, or `.null` for nil.
    package init(_ value: Bool?) { self = value.map { .bool($0) } ?? .null }

    /// An integer, or `.null` for nil.
    package init(_ value: Int?) { self = value.map { .integer($0) } ?? .null }

    /// An integer, or `.null` for nil.
    package init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }

    /// A double, or `.null` for nil.
    package init(_ value: Double?) { self = value.map { .double($0) } ?? .null }

    /// An array of strings.
    package init(_ values: [String]) { self = .array(values.map { .string($0) }) }

    /// An object from members in order; a repeated key keeps its first position and its last value.
    package init(members: [JSONMember]) { self = .object(JSONValue.deduplicated(members)) }

    /// Applies the `set` rule to a member list that may repeat keys. Linear for any size (a hash index is only
    /// built when a repeat is possible), so a hostile body with 100 000 keys costs no quadratic time.
    static func deduplicated(_ members: [JSONMember]) -> [JSONMember] {
        if members.count < 2 { return members }
        if members.count <= 8 {
            var result: [JSONMember] = []
            result.reserveCapacity(members.count)
            for member in members {
                if let index = result.firstIndex(where: { $0.key == member.key }) {
                    result[index].value = member.value
                } else {
                    result.append(member)
                }
            }
            return result
        }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(members.count)
        var result: [JSONMember] = []
        result.reserveCapacity(members.count)
        for member in members {
            if let index = positions[member.key] {
                result[index].value = member.value
            } else {
                positions[member.key] = result.count
                result.append(member)
            }
        }
        return result
    }
}

// MARK: - Reading

extension JSONValue {
    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    package var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    package var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    package var numberValue: JSONNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The exact integer value of a number (a double counts when it has no fraction and fits).
    package var intValue: Int? { numberValue?.intValue }

    package var int64Value: Int64? { numberValue?.int64Value }

    package var doubleValue: Double? { numberValue?.doubleValue }

    package var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    package var objectValue: [JSONMember]? {
        if case .object(let value) = self { return value }
        return nil
    }

    package var isObject: Bool { objectValue != nil }

    package var isArray: Bool { arrayValue != nil }

    /// The keys of an object in order; empty for anything else.
    package var keys: [String] { objectValue?.map(\.key) ?? [] }

    /// The name JavaScript's `typeof`-style checks and error messages use: `null`, `boolean`, `number`,
    /// `string`, `array`, `object`.
    package var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The value of `key` in an object (nil when absent or when this is not an object). Setting a value keeps
    /// the position of an existing key and appends a new one; setting nil removes the key. Setting on a
    /// non-object does nothing.
    package subscript(key: String) -> JSONValue? {
        get {
            guard case .object(let members) = self else { return nil }
            return members.first(where: { $0.key == key })?.value
        }
        set {
            if let newValue {
                set(key, newValue)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    package subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The value at a path of keys and indexes, e.g. `value[path: "a", 0, "b"]`.
    package subscript(path components: any JSONPathComponent...) -> JSONValue? {
        var current: JSONValue? = self
        for component in components {
            current = current.flatMap { component.step(into: $0) }
        }
        return current
    }

    package func contains(key: String) -> Bool {
        objectValue?.contains(where: { $0.key == key }) ?? false
    }

    /// Element count of an array or member count of an object; nil otherwise.
    package var count: Int? {
        switch self {
        case .array(let elements): elements.count
        case .object(let members): members.count
        default: nil
        }
    }
}

/// A key or an index in `JSONValue[path:]`.
package protocol JSONPathComponent: Sendable {
    func step(into value: JSONValue) -> JSONValue?
}

extension String: JSONPathComponent {
    package func step(into value: JSONValue) -> JSONValue? { value[self] }
}

extension Int: JSONPathComponent {
    package func step(into value: JSONValue) -> JSONValue? { value[self] }
}

// MARK: - Mutation

extension JSONValue {
    /// Sets `key` in an object: an existing key keeps its position, a new one is appended. Returns false (and
    /// changes nothing) when this is not an object.
    @discardableResult
    package mutating func set(_ key: String, _ value: JSONValue) -> Bool {
        guard case .object(var members) = self else { return false }
        self = .null  // drop the second reference so the member array is mutated in place
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key, value))
        }
        self = .object(members)
        return true
    }

    /// Removes `key` from an object and returns its value (nil when absent or not an object).
    @discardableResult
    package mutating func removeValue(forKey key: String) -> JSONValue? {
        guard case .object(var members) = self,
              let index = members.firstIndex(where: { $0.key == key }) else { return nil }
        self = .null
        let removed = members.remove(at: index).value
        self = .object(members)
        return removed
    }

    /// Appends to an array. Returns false (and changes nothing) when this is not an array.
    @discardableResult
    package mutating func append(_ element: JSONValue) -> Bool {
        guard case .array(var elements) = self else { return false }
        self = .null
        elements.append(element)
        self = .array(elements)
        return true
    }

    /// This value with every object's members reordered the way a JavaScript engine enumerates an object's own
    /// properties: array-index keys (`"0"` … `"4294967294"` in canonical form) first in ascending numeric order,
    /// then the other keys in insertion order. What `JSON.stringify(JSON.parse(text))` does to key order.
    package func withJavaScriptPropertyOrder() -> JSONValue {
        switch self {
        case .array(let elements):
            return .array(elements.map { $0.withJavaScriptPropertyOrder() })
        case .object(let members):
            var indexed: [(index: UInt32, member: JSONMember)] = []
            var named: [JSONMember] = []
            for member in members {
                let value = member.value.withJavaScriptPropertyOrder()
                if let index = JSONValue.arrayIndex(member.key) {
                    indexed.append((index, (member.key, value)))
                } else {
                    named.append((member.key, value))
                }
            }
            indexed.sort { $0.index < $1.index }
            return .object(indexed.map(\.member) + named)
        default:
            return self
        }
    }

    /// ECMA-262 array index: the canonical decimal text of an integer in 0 ..< 2^32 - 1.
    static func arrayIndex(_ key: String) -> UInt32? {
        let utf8 = key.utf8
        guard let first = utf8.first, utf8.count <= 10, first >= 0x30, first <= 0x39,
              first != 0x30 || utf8.count == 1 else { return nil }
        var value: UInt64 = 0
        for byte in utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + UInt64(byte - 0x30)
        }
        guard value < 0xFFFF_FFFF else { return nil }
        return UInt32(value)
    }
}

// MARK: - Equality

extension JSONValue: Equatable {
    /// Structural equality, member order included (two objects with the same members in another order differ;
    /// see `isEquivalent(to:)`). Numbers compare numerically.
    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// Equality that ignores the member order of objects (at every depth).
    package func isEquivalent(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            var index: [String: JSONValue] = [:]
            for member in b { index[member.key] = member.value }
            return a.allSatisfy { member in index[member.key].map { member.value.isEquivalent(to: $0) } ?? false }
        default:
            return self == other
        }
    }
}
