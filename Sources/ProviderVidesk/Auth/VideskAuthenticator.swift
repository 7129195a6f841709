import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import Foundation

/// API-token authentication of videsk.md §5.
enum VideskAuthenticator {
    /// `<first 4 characters>...(N chars)`, or only `...(N chars)` under 8 characters (videsk.md §5.2).
    static func shown(_ token: String) -> String {
        let count = token.count
        return count < 8 ? "...(\(count) chars)" : "\(token.prefix(4))...(\(count) chars)"
    }

    /// Throws the `ProviderError` of the first failing rule; returns when authenticated.
    static func authenticate(_ request: HTTPRequest, context: ProviderContext) async throws {
        let configuration = VideskConfiguration(context.configuration)
        let namespace = context.namespace.name
        func fail(_ key: String, _ status: Int, _ message: String, _ diagnostic: String) -> ProviderError {
            ProviderError(key, diagnostics: ["auth: \(diagnostic) -> \(status) \"\(message)\""])
        }
        guard let header = request.headers.first("Authorization"), !header.isEmpty else {
            throw fail(VideskErrorKey.unauthorized, 401, VideskAuthMessage.missing, "no Authorization header")
        }
        let scheme: Substring
        let rest: Substring
        if let space = header.firstIndex(of: " ") {
            scheme = header[..<space]
            rest = header[header.index(after: space)...]
        } else {
            scheme = header[...]
            rest = ""
        }
        guard scheme.lowercased() == "bearer" else {
            throw fail(VideskErrorKey.unauthorized, 401, VideskAuthMessage.missing,
                       "Authorization scheme \"\(asciiOnly(String(scheme)))\" is not Bearer")
        }
        let token = rest.trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else {
            throw fail(VideskErrorKey.unauthorized, 401, VideskAuthMessage.missing, "Bearer token is empty")
        }
        let tok = asciiOnly(shown(token))
        if constantTimeEquals(token, configuration.apiToken) { return }
        if let extra = configuration.extraApiTokens.first(where: { constantTimeEquals(token, $0.token) }) {
            let status: (String, Int, String)?
            switch extra.status {
            case "expired": status = (VideskErrorKey.jwtExpired, 401, VideskAuthMessage.expired)
            case "revoked": status = (VideskErrorKey.integrationTokenRemoved, 403, VideskAuthMessage.revoked)
            case "forbidden": status = (VideskErrorKey.accessDenied, 403, VideskAuthMessage.forbidden)
            default: status = nil
            }
            if let (key, code, message) = status {
                throw fail(key, code, message,
                           "token \(tok) has status \"\(extra.status)\" in namespace \"\(namespace)\"")
            }
            if !extra.allowedIps.isEmpty {
                let ip = RequesterAddress.of(request)
                if !extra.allowedIps.contains(where: { IPAllowList.contains($0, ip: ip) }) {
                    throw fail(VideskErrorKey.ipNotAllowed, 403, VideskAuthMessage.ipNotAllowed,
                               "requester IP \(asciiOnly(ip)) is not in allowedIps "
                               + "[\(extra.allowedIps.joined(separator: ","))] of token \(tok)")
                }
            }
            return
        }
        let owner = try? await context.read { tx in try otherNamespace(owning: token, tx) }
        if let owner = owner ?? nil {
            throw fail(VideskErrorKey.invalidSignature, 401, VideskAuthMessage.invalidSignature,
                       "token \(tok) is an API token of namespace \"\(owner)\", not of \"\(namespace)\"")
        }
        let segments = token.split(separator: ".", omittingEmptySubsequences: false).count
        if segments != 3 {
            throw fail(VideskErrorKey.jwtMalformed, 401, VideskAuthMessage.malformed,
                       "token \(tok) is not an API token of any namespace and has \(segments) dot-separated "
                       + "segment(s), a JWT has 3")
        }
        throw fail(VideskErrorKey.invalidSignature, 401, VideskAuthMessage.invalidSignature,
                   "token \(tok) is not an API token of any namespace")
    }

    /// The namespace whose videsk configuration holds `token` (read from the engine's `namespaces` table,
    /// because `ProviderContext` does not list other namespaces).
    static func otherNamespace(owning token: String, _ tx: TransactionContext) throws -> String? {
        for row in try tx.db.query("SELECT name, configurations FROM namespaces ORDER BY ordinal") {
            let name = try row.string("name")
            guard name != tx.namespace,
                  let configurations = try? JSONValue(parsing: try row.string("configurations")),
                  let section = configurations[ProviderID.videsk.rawValue] else { continue }
            if VideskConfiguration(section).allTokens.contains(where: { constantTimeEquals($0, token) }) {
                return name
            }
        }
        return nil
    }

    /// Diagnostics are ASCII only (videsk.md §5.2).
    static func asciiOnly(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? $0 : "?" }))
    }
}
