/// Writes BBB's compressed XML (bbb.md §4.2): no declaration, no whitespace between elements, empty
/// elements as start+end tags.
struct XMLBuilder {
    private(set) var text = ""

    init() {}

    mutating func raw(_ fragment: String) { text += fragment }

    mutating func open(_ name: String) { text += "<\(name)>" }

    mutating func close(_ name: String) { text += "</\(name)>" }

    /// `<name>escaped value</name>`.
    mutating func element(_ name: String, _ value: String) {
        text += "<\(name)>"
        text += XMLBuilder.escape(value)
        text += "</\(name)>"
    }

    mutating func element(_ name: String, _ value: Bool) { element(name, value ? "true" : "false") }

    mutating func element(_ name: String, _ value: Int64) { element(name, String(value)) }

    mutating func element(_ name: String, _ value: Int) { element(name, String(value)) }

    mutating func wrap(_ name: String, _ body: (inout XMLBuilder) -> Void) {
        open(name)
        body(&self)
        close(name)
    }

    /// bbb.md §4.2: the five entities; characters not allowed in XML 1.0 are dropped.
    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                let allowed = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF)
                    || (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF)
                if allowed { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A whole `<response>…</response>` document.
    static func response(_ body: (inout XMLBuilder) -> Void) -> String {
        var builder = XMLBuilder()
        builder.wrap("response", body)
        return builder.text
    }
}
