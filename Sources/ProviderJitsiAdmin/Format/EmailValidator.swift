/// E-mail validation of user.add / user.remove (jitsi-admin.md §2.4).
enum EmailValidator {
    private static let localSpecials = Set("!#$%&'*+/=?^_`{|}~.-".utf8)

    static func isValid(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard bytes.count <= 320, bytes.filter({ $0 == 0x40 }).count == 1,
              let at = bytes.firstIndex(of: 0x40) else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard (1...64).contains(local.count), local.first != 0x2E, local.last != 0x2E else { return false }
        var previousDot = false
        for byte in local {
            guard isAlphanumeric(byte) || localSpecials.contains(byte) else { return false }
            if byte == 0x2E, previousDot { return false }
            previousDot = byte == 0x2E
        }
        let labels = domain.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.count), label.first != 0x2D, label.last != 0x2D,
                  label.allSatisfy({ isAlphanumeric($0) || $0 == 0x2D }) else { return false }
        }
        return true
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
