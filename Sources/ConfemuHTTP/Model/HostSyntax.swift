/// The `uri-host [":" port]` grammar that http.md 4.6 fixes for the Host field and 3.2 reuses for the
/// absolute-form authority (RFC 3986 §3.2.2, §3.2.3; RFC 9110 §7.2).
package enum HostSyntax {
    /// Splits `uri-host [":" port]` into its host (brackets kept for IPv6) and port; nil when the text is
    /// not valid: the host is empty, a reg-name (unreserved, `%HH`, sub-delims; an IPv4 address is one),
    /// or `[IPv6]`, and the port, when its colon is present, has 1 to 5 digits (http.md 4.6).
    package static func split(_ text: String) -> (host: String, port: String?)? {
        split(Array(text.utf8))
    }

    package static func split(_ bytes: [UInt8]) -> (host: String, port: String?)? {
        var hostEnd = bytes.count
        if bytes.first == 0x5B {  // "[" IPv6 "]"
            guard let close = bytes.firstIndex(of: 0x5D), isIPv6(bytes[1..<close]) else { return nil }
            hostEnd = close + 1
            guard hostEnd == bytes.count || bytes[hostEnd] == ByteClass.colon else { return nil }
        } else {
            hostEnd = bytes.firstIndex(of: ByteClass.colon) ?? bytes.count
            guard isRegName(bytes[0..<hostEnd]) else { return nil }
        }
        let host = String(decoding: bytes[0..<hostEnd], as: UTF8.self)
        guard hostEnd < bytes.count else { return (host, nil) }
        let port = bytes[(hostEnd + 1)...]
        guard (1...5).contains(port.count), port.allSatisfy(ByteClass.isDigit) else { return nil }
        return (host, String(decoding: port, as: UTF8.self))
    }

    package static func isValid(_ text: String) -> Bool {
        split(Array(text.utf8)) != nil
    }

    /// reg-name = *( unreserved / pct-encoded / sub-delims ) (RFC 3986 §3.2.2).
    static func isRegName(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x25 {
                guard index + 2 < bytes.endIndex, ByteClass.hexValue(bytes[index + 1]) != nil,
                      ByteClass.hexValue(bytes[index + 2]) != nil else { return false }
                index += 3
                continue
            }
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E:  // unreserved
                break
            case 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D:  // sub-delims
                break
            default:
                return false
            }
            index += 1
        }
        return true
    }

    /// IPv6address of RFC 3986 §3.2.2: eight 16-bit groups of 1 to 4 hex digits, at most one `::`
    /// standing for one or more zero groups, the last two groups optionally written as an IPv4 address.
    static func isIPv6(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 2, bytes.count <= 45 else { return false }
        var elision: Int?
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == ByteClass.colon, bytes[index + 1] == ByteClass.colon {
                guard elision == nil else { return false }  // a second "::", or ":::"
                elision = index
            }
            index += 1
        }
        guard let elided = elision else {
            guard let groups = groupCount(bytes, lastMayBeIPv4: true) else { return false }
            return groups == 8
        }
        let right = bytes[(elided + 2)...]
        guard let leftGroups = groupCount(bytes[..<elided], lastMayBeIPv4: false),
              let rightGroups = groupCount(right, lastMayBeIPv4: true) else { return false }
        return leftGroups + rightGroups <= 7
    }

    /// The number of 16-bit groups in `h16 *( ":" h16 )` (an IPv4 tail counts two); 0 for no bytes; nil
    /// when malformed.
    private static func groupCount(_ bytes: ArraySlice<UInt8>, lastMayBeIPv4: Bool) -> Int? {
        guard !bytes.isEmpty else { return 0 }
        let pieces = bytes.split(separator: ByteClass.colon, omittingEmptySubsequences: false)
        var groups = 0
        for (position, piece) in pieces.enumerated() {
            if lastMayBeIPv4, position == pieces.count - 1, piece.contains(0x2E) {
                guard isIPv4(piece) else { return nil }
                groups += 2
                continue
            }
            guard (1...4).contains(piece.count), piece.allSatisfy({ ByteClass.hexValue($0) != nil }) else {
                return nil
            }
            groups += 1
        }
        return groups
    }

    static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(ByteClass.isDigit) else { return false }
            var value = 0
            for digit in part { value = value * 10 + Int(digit - 0x30) }
            guard value <= 255 else { return false }
        }
        return true
    }
}
