/// Header fields in received (or set) order with their original case; duplicates kept (http.md 4.5).
package struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    package private(set) var fields: [(name: String, value: String)]

    package init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

    package init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    package var count: Int { fields.count }

    package func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    package func first(_ name: String) -> String? {
        fields.first(where: { Self.equalNames($0.name, name) })?.value
    }

    package func all(_ name: String) -> [String] {
        fields.filter { Self.equalNames($0.name, name) }.map(\.value)
    }

    /// Values of every line with this name joined with `, `; nil when there is none.
    package func combined(_ name: String) -> String? {
        let values = all(name)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    package func contains(_ name: String) -> Bool { first(name) != nil }

    package mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }

    /// Replaces every line with this name by one line (appended at the position of the first).
    package mutating func set(_ name: String, _ value: String) {
        if let index = fields.firstIndex(where: { Self.equalNames($0.name, name) }) {
            fields[index].value = value
            var seen = false
            fields.removeAll { field in
                guard Self.equalNames(field.name, name) else { return false }
                defer { seen = true }
                return seen
            }
        } else {
            fields.append((name, value))
        }
    }

    package mutating func remove(_ name: String) {
        fields.removeAll { Self.equalNames($0.name, name) }
    }

    /// Whether a comma-separated token list in any line of `name` contains `token` (case-insensitive).
    package func hasToken(_ token: String, in name: String) -> Bool {
        all(name).contains { value in
            value.split(separator: ",").contains {
                $0.trimmingCharacters(in: " \t").lowercased() == token.lowercased()
            }
        }
    }

    package static func equalNames(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.lowercased() == b.lowercased()
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
