import ConfemuFormats

/// Decoded query (or form body) pairs in order, duplicates kept (http.md 3.8).
package struct QueryParameters: Sendable, Sequence {
    package private(set) var pairs: [(name: String, value: String)]

    package init(_ pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

    /// Decodes a raw query or form body with the form rule of http.md 3.8.
    package init(decoding raw: some Collection<UInt8>) { pairs = FormDecoding.decode(raw) }

    package init(decoding raw: String?) {
        pairs = raw.map { FormDecoding.decode(Array($0.utf8)) } ?? []
    }

    package var isEmpty: Bool { pairs.isEmpty }

    package func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { pairs.makeIterator() }

    package func first(_ name: String) -> String? { pairs.first(where: { $0.name == name })?.value }

    package func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    package func contains(_ name: String) -> Bool { pairs.contains(where: { $0.name == name }) }

    package subscript(name: String) -> String? { first(name) }
}
