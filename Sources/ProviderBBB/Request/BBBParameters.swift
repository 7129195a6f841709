import Foundation
import ConfemuFormats
import ConfemuHTTP

/// The parameters of a BBB call (bbb.md §3.1): query, plus the form body of a urlencoded POST; the first
/// value of a repeated name wins. Values are sanitised on read unless asked raw.
struct BBBParameters: Sendable {
    /// Every decoded pair in order (query first, then form body).
    let pairs: [(name: String, value: String)]

    init(_ request: HTTPRequest) {
        var pairs = FormDecoding.decode(Array((request.rawQuery ?? "").utf8))
        if BBBParameters.isFormPost(request) {
            pairs += FormDecoding.decode(request.body)
        }
        self.pairs = pairs
    }

    /// POST with `application/x-www-form-urlencoded` (parameters after `;` ignored).
    static func isFormPost(_ request: HTTPRequest) -> Bool {
        request.method == .POST && mediaType(request) == "application/x-www-form-urlencoded"
    }

    /// POST with `application/xml` or `text/xml`.
    static func isXMLPost(_ request: HTTPRequest) -> Bool {
        guard request.method == .POST else { return false }
        let type = mediaType(request)
        return type == "application/xml" || type == "text/xml"
    }

    static func mediaType(_ request: HTTPRequest) -> String {
        let value = request.headers.first("Content-Type") ?? ""
        let type = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The first value, unsanitised.
    func raw(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// The first value, sanitised (bbb.md §3.1).
    subscript(name: String) -> String? { raw(name).map(BBBParameters.sanitise) }

    /// The sanitised first value, nil when absent or empty.
    func nonEmpty(_ name: String) -> String? {
        guard let value = self[name], !value.isEmpty else { return nil }
        return value
    }

    /// First values of every distinct name, in first-appearance order.
    var distinct: [(name: String, value: String)] {
        var seen = Set<String>()
        return pairs.filter { seen.insert($0.name).inserted }
    }

    /// bbb.md §3.1: drop U+0000–U+001F and U+007F, then strip leading and trailing whitespace.
    static func sanitise(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars where !(scalar.value < 0x20 || scalar.value == 0x7F) {
            out.append(scalar)
        }
        return String(out).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Lenient booleans (bbb.md §5.2): `true` in any case is true, anything else false.
    func lenientBool(_ name: String) -> Bool { self[name]?.lowercased() == "true" }

    /// Strict booleans: nil when absent, `.some(nil)` when present but not `true`/`false`.
    func strictBool(_ name: String) -> Bool?? {
        guard let value = self[name] else { return nil }
        switch value.lowercased() {
        case "true": return .some(true)
        case "false": return .some(false)
        default: return .some(nil)
        }
    }

    func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }

    /// `meta_<k>` parameters with `<k>` matching `[a-zA-Z][a-zA-Z0-9-]*`, lower-cased, first-appearance order
    /// (bbb.md §4.3).
    var metadata: [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        for pair in distinct where pair.name.hasPrefix("meta_") {
            let key = String(pair.name.dropFirst(5))
            guard BBBParameters.isMetaKey(key) else { continue }
            let lower = key.lowercased()
            if out.contains(where: { $0.key == lower }) { continue }
            out.append((lower, BBBParameters.sanitise(pair.value)))
        }
        return out
    }

    static func isMetaKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return key.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-")
        }
    }
}
