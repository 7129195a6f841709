/// An outbound URL (http.md 14.2): only `http://host[:port]/path?query`. Host is a reg-name, an IPv4
/// address or `[IPv6]`; default port 80; a missing path is `/`; path and query are kept byte-exact;
/// a fragment is dropped. Foundation's `URL` is not used: it re-encodes (http.md 3.6).
package struct ClientURL: Sendable, Equatable {
    /// The host to resolve (IPv6 without brackets).
    package var host: String
    package var port: Int
    /// `path?query` exactly as given (the request-target, 14.3).
    package var target: String
    /// `host[:port]` as written in the URL, for the `Host` field (14.3).
    package var hostField: String

    package static func parse(_ text: String) -> Result<ClientURL, HTTPClientError> {
        guard let schemeEnd = text.firstRange(of: "://") else { return .failure(.invalidURL) }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        // 14.2: confemu has no TLS stack.
        if scheme == "https" { return .failure(.unsupportedScheme) }
        guard scheme == "http" else { return .failure(.invalidURL) }

        var rest = text[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if target.isEmpty {
            target = "/"
        } else if target.hasPrefix("?") {
            target = "/" + target
        }
        // Sent byte-exact in the request line: no SP, CTL or non-ASCII byte may be in it.
        guard target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return .failure(.invalidURL) }
        // 14.2: userinfo is refused.
        guard !authority.isEmpty, !authority.contains("@") else { return .failure(.invalidURL) }

        let hostText: Substring
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return .failure(.invalidURL) }
            hostText = authority[authority.index(after: authority.startIndex)..<close]
            let afterClose = authority[authority.index(after: close)...]
            if afterClose.isEmpty {
                portText = nil
            } else if afterClose.hasPrefix(":") {
                portText = afterClose.dropFirst()
            } else {
                return .failure(.invalidURL)
            }
            guard !hostText.isEmpty,
                  hostText.utf8.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return .failure(.invalidURL) }
        } else {
            if let colon = authority.firstIndex(of: ":") {
                hostText = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            } else {
                hostText = authority
                portText = nil
            }
            guard !hostText.isEmpty, isRegName(hostText) else { return .failure(.invalidURL) }
        }

        var port = 80
        if let portText {
            guard (1...5).contains(portText.count), portText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let value = Int(portText), (1...65535).contains(value) else { return .failure(.invalidURL) }
            port = value
        }
        return .success(ClientURL(host: String(hostText), port: port, target: target, hostField: String(authority)))
    }

    /// reg-name of RFC 3986 §3.2.2 (unreserved, `%HH`, sub-delims); an IPv4 literal is one too.
    private static func isRegName(_ text: Substring) -> Bool {
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.first {
            if byte == UInt8(ascii: "%") {
                guard bytes.count >= 3, isHexDigit(bytes[bytes.startIndex + 1]), isHexDigit(bytes[bytes.startIndex + 2])
                else { return false }
                bytes = bytes.dropFirst(3)
                continue
            }
            let allowed = isAlphaNumeric(byte) || "-._~!$&'()*+,;=".utf8.contains(byte)
            guard allowed else { return false }
            bytes = bytes.dropFirst()
        }
        return true
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func isAlphaNumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
