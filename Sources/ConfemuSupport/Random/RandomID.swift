/// Formats of generated identifiers and secrets, all drawn from a `SeededRNG`.
package enum RandomID {
    private static let hexDigits = Array("0123456789abcdef")
    private static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    private static let lowerAlphanumerics = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    /// `count` lowercase hex digits.
    package static func hex(_ count: Int, using rng: inout SeededRNG) -> String {
        String((0..<count).map { _ in hexDigits[Int(rng.next() & 15)] })
    }

    /// Letters and digits, both cases.
    package static func alphanumeric(_ count: Int, using rng: inout SeededRNG) -> String {
        String((0..<count).map { _ in alphanumerics[Int(rng.next() % UInt64(alphanumerics.count))] })
    }

    /// Lowercase letters and digits.
    package static func lowerAlphanumeric(_ count: Int, using rng: inout SeededRNG) -> String {
        String((0..<count).map { _ in lowerAlphanumerics[Int(rng.next() % UInt64(lowerAlphanumerics.count))] })
    }

    /// Decimal digits, first digit non-zero when `leadingNonZero`.
    package static func digits(_ count: Int, leadingNonZero: Bool = true, using rng: inout SeededRNG) -> String {
        var out = ""
        for index in 0..<count {
            let low: UInt64 = (index == 0 && leadingNonZero) ? 1 : 0
            out.append(Character(String(low + rng.next() % (10 - low))))
        }
        return out
    }

    /// A version-4 UUID in lowercase canonical form.
    package static func uuid(using rng: inout SeededRNG) -> String {
        var bytes = (0..<16).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        var out = ""
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { out += "-" }
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 15)])
        }
        return out
    }
}
