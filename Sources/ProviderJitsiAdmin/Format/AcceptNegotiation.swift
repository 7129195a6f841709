/// "Prefers JSON" of jitsi-admin.md §2.5: Accept entries by `q` (stable), skipping `*/*`, `application/*`
/// and types Symfony does not know; the first remaining decides.
enum AcceptNegotiation {
    /// Media types Symfony's Request::$formats knows.
    static let known: Set<String> = [
        "text/html", "application/xhtml+xml", "text/plain", "application/javascript", "application/x-javascript",
        "text/javascript", "text/css", "application/json", "application/x-json", "application/ld+json",
        "text/xml", "application/xml", "application/x-xml", "application/rdf+xml", "application/atom+xml",
        "application/rss+xml", "application/x-www-form-urlencoded", "multipart/form-data", "text/csv",
        "application/jsonapi", "application/vnd.api+json", "application/problem+json",
    ]

    static func prefersJSON(_ header: String?) -> Bool {
        guard let header else { return false }
        var entries: [(type: String, q: Double, order: Int)] = []
        for (order, piece) in header.split(separator: ",").enumerated() {
            let parts = piece.split(separator: ";")
            guard let first = parts.first else { continue }
            let type = StartParser.trimASCII(String(first)).lowercased()
            var q = 1.0
            for parameter in parts.dropFirst() {
                let trimmed = StartParser.trimASCII(String(parameter)).lowercased()
                if trimmed.hasPrefix("q="), let value = Double(trimmed.dropFirst(2)) { q = value }
            }
            entries.append((type, q, order))
        }
        entries.sort { $0.q != $1.q ? $0.q > $1.q : $0.order < $1.order }
        for entry in entries where entry.type != "*/*" && entry.type != "application/*" && known.contains(entry.type) {
            return entry.type == "application/json" || entry.type == "application/x-json"
        }
        return false
    }
}
