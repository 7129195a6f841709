/// Escaping for text placed in HTML pages (the dashboard, the emulated client and join pages).
package enum HTMLEscaping {
    /// `&` `<` `>` `"` and `'`; the apostrophe's spelling differs between template engines
    /// (`&#39;` by default, Twig writes `&#039;`).
    package static func escape(_ text: String, apostrophe: String = "&#39;") -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += apostrophe
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
