import Glibc

/// IPv4/IPv6 addresses and CIDR blocks of `allowedIps` (videsk.md §1.2, §5.1).
enum IPAllowList {
    /// The 16-byte form of an address (IPv4 as IPv4-mapped IPv6), nil when it does not parse.
    static func bytes(_ text: String) -> [UInt8]? {
        var trimmed = text
        if trimmed.hasPrefix("::ffff:"), trimmed.contains(".") { trimmed = String(trimmed.dropFirst(7)) }
        var v4 = in_addr()
        if inet_pton(AF_INET, trimmed, &v4) == 1 {
            let value = UInt32(bigEndian: v4.s_addr)
            return Array(repeating: 0, count: 10) + [0xFF, 0xFF,
                UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, trimmed, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    /// Whether `entry` (an address or `address/prefix`) is well-formed.
    static func isValid(_ entry: String) -> Bool { parse(entry) != nil }

    /// (network bytes, prefix length in the 128-bit space).
    static func parse(_ entry: String) -> (bytes: [UInt8], prefix: Int)? {
        let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, let address = bytes(String(first)) else { return nil }
        let isV4 = String(first).contains(".")
        let maximum = isV4 ? 32 : 128
        var prefix = maximum
        if parts.count == 2 {
            let text = parts[1]
            guard !text.isEmpty, text.count <= 3, text.allSatisfy(\.isASCII), let value = Int(text),
                  (0...maximum).contains(value) else { return nil }
            prefix = value
        }
        return (address, isV4 ? prefix + 96 : prefix)
    }

    /// Whether `ip` is inside `entry`.
    static func contains(_ entry: String, ip: String) -> Bool {
        guard let (network, prefix) = parse(entry), let address = bytes(ip) else { return false }
        var remaining = prefix
        for index in 0..<16 where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if network[index] & mask != address[index] & mask { return false }
            remaining -= bits
        }
        return true
    }
}
