/// A route path such as `/rooms/{id}`: literal segments and `{name}` parameters, matched
/// case-sensitively against decoded path segments with no normalisation (http.md 3.7, §17).
package struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    package enum Segment: Sendable, Hashable {
        case literal(String)
        /// Matches any one non-empty segment and binds it to the name (as Express's `:name` and the
        /// other upstream routers do; an empty segment reaches the mount's 404, http.md 3.7).
        case parameter(String)

        var isLiteral: Bool {
            if case .literal = self { return true }
            return false
        }
    }

    package let segments: [Segment]

    package init(segments: [Segment]) { self.segments = segments }

    /// Parses `"/rooms/{id}"`. The text is split like a request path: `""` has no segment (the mount
    /// root itself), `"/"` is one empty segment, `"/rooms/"` ends with an empty segment. A segment is a
    /// parameter only when it is `{name}` as a whole.
    package init(_ text: String) {
        guard !text.isEmpty else {
            segments = []
            return
        }
        let body = text.hasPrefix("/") ? text.dropFirst() : text[...]
        segments = body.split(separator: "/", omittingEmptySubsequences: false).map { part in
            if part.count >= 3, part.hasPrefix("{"), part.hasSuffix("}") {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(String(part))
        }
    }

    package var description: String {
        "/" + segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .parameter(let name): "{\(name)}"
            }
        }.joined(separator: "/")
    }

    /// Matches exactly `path`, adding parameters to `parameters`; false (parameters untouched) otherwise.
    package func matches(_ path: ArraySlice<String>, parameters: inout [String: String]) -> Bool {
        guard path.count == segments.count else { return false }
        return matchesPrefix(path, parameters: &parameters)
    }

    /// Matches the first `segments.count` elements of `path`.
    package func matchesPrefix(_ path: ArraySlice<String>, parameters: inout [String: String]) -> Bool {
        guard path.count >= segments.count else { return false }
        var bound: [(String, String)] = []
        for (segment, actual) in zip(segments, path) {
            switch segment {
            case .literal(let text):
                guard text == actual else { return false }
            case .parameter(let name):
                guard !actual.isEmpty else { return false }
                bound.append((name, actual))
            }
        }
        for (name, value) in bound { parameters[name] = value }
        return true
    }

    /// Whether `self` is more specific than `other` at the first position where one has a literal
    /// and the other a parameter (`/rooms/search` before `/rooms/{id}`).
    func isMoreSpecific(than other: PathPattern) -> Bool {
        for (mine, theirs) in zip(segments, other.segments) where mine.isLiteral != theirs.isLiteral {
            return mine.isLiteral
        }
        return false
    }

    var literalCount: Int { segments.count(where: \.isLiteral) }

    /// `rawPath` split on `/` (the leading empty segment dropped), each segment percent-decoded on its
    /// own; a segment with a bad escape or invalid UTF-8 after decoding stays as its raw text; `+`
    /// stays `+` (http.md 3.7).
    package static func decodedSegments(ofRawPath rawPath: String) -> [String] {
        var parts = rawPath.split(separator: "/", omittingEmptySubsequences: false)
        if parts.first?.isEmpty == true, rawPath.hasPrefix("/") { parts.removeFirst() }
        return parts.map { decodeSegment($0) }
    }

    static func decodeSegment(_ segment: Substring) -> String {
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return String(segment) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segment.utf8.count)
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return String(segment)
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self) ?? String(segment)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
