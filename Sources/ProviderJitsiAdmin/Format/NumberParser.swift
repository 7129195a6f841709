/// `duration` and `minutes` (jitsi-admin.md §2.3).
enum NumberParser {
    /// Optional ASCII whitespace, optional `+`, 1–7 digits.
    static func duration(_ raw: String?) -> Int? {
        parse(raw, allowMinus: false, maxDigits: 7)
    }

    /// Optional ASCII whitespace, optional `+`/`-`, 1–9 digits.
    static func minutes(_ raw: String?) -> Int? {
        parse(raw, allowMinus: true, maxDigits: 9)
    }

    private static func parse(_ raw: String?, allowMinus: Bool, maxDigits: Int) -> Int? {
        guard let raw else { return nil }
        var bytes = Array(StartParser.trimASCII(raw).utf8)
        var negative = false
        if bytes.first == 0x2B {
            bytes.removeFirst()
        } else if allowMinus, bytes.first == 0x2D {
            negative = true
            bytes.removeFirst()
        }
        guard (1...maxDigits).contains(bytes.count), bytes.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        let value = bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return negative ? -value : value
    }
}
