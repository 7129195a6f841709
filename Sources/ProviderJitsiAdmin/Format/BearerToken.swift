import ConfemuHTTP

/// The API token of a request (jitsi-admin.md §3): the first `Authorization` header whose whole value
/// matches `^Bearer[ :](\S+)$`.
struct BearerToken: Sendable {
    enum Failure: Sendable {
        case missing
        case malformed
    }

    let token: String?
    let failure: Failure?

    init(_ request: HTTPRequest) {
        guard let header = request.headers.first("Authorization") else {
            token = nil
            failure = .missing
            return
        }
        let bytes = Array(header.utf8)
        let prefix = Array("Bearer".utf8)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard bytes.count > prefix.count + 1, Array(bytes[0..<prefix.count]) == prefix,
              bytes[prefix.count] == 0x20 || bytes[prefix.count] == 0x3A,
              !bytes[(prefix.count + 1)...].contains(where: isSpace)
        else {
            token = nil
            failure = .malformed
            return
        }
        token = String(decoding: bytes[(prefix.count + 1)...], as: UTF8.self)
        failure = nil
    }

    /// `"Tes..." (7 chars)` or `null` (jitsi-admin.md §10).
    var fingerprint: String { Self.fingerprint(token) }

    static func fingerprint(_ token: String?) -> String {
        guard let token else { return "null" }
        return "\"\(String(token.prefix(3)))...\" (\(token.count) chars)"
    }

    /// A1 or A2 when the token is null.
    var nullDiagnostic: String? {
        switch failure {
        case .missing: JitsiDiagnostics.a1
        case .malformed: JitsiDiagnostics.a2
        case nil: nil
        }
    }
}
