import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

/// Bearer JWT authentication of the session service (proconf.md §4).
enum ProConfAuth {
    enum TokenSource: Equatable {
        case none
        case malformed(diagnostic: String)
        case token(String)
    }

    /// §4.1.
    static func findToken(_ request: HTTPRequest) -> TokenSource {
        var fromHeader: String?
        if let header = request.headers.first("Authorization"), !header.isEmpty {
            let parts = header.split(separator: " ", omittingEmptySubsequences: false)
            if parts.count == 2 {
                if parts[0].lowercased() == "bearer" { fromHeader = String(parts[1]) }
            } else {
                return .malformed(diagnostic:
                    "bearer: malformed Authorization header (expected \"Bearer <token>\", got \(parts.count) parts)")
            }
        }
        let fromQuery = request.query.first("access_token").flatMap { $0.isEmpty ? nil : $0 }
        switch (fromHeader, fromQuery) {
        case (.some, .some):
            return .malformed(diagnostic: "bearer: token given both in the Authorization header and in access_token")
        case (.some(let token), nil), (nil, .some(let token)):
            return .token(token)
        case (nil, nil):
            return .none
        }
    }

    /// What made a token malformed (§4.3 wording).
    struct Malformed: Error {
        var what: String
    }

    struct Decoded {
        var header: JSONValue
        var payload: JSONValue
        var signingInput: [UInt8]
        var signature: [UInt8]?
    }

    /// §4.2 step 1; the failure names what is malformed.
    static func decode(_ token: String) -> Result<Decoded, Malformed> {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return .failure(Malformed(what: "not three parts")) }
        guard let headerBytes = Base64URL.decode(String(parts[0])), let payloadBytes = Base64URL.decode(String(parts[1]))
        else { return .failure(Malformed(what: "bad base64url")) }
        guard let header = try? JSONValue(parsing: headerBytes), header.isObject else {
            return .failure(Malformed(what: "header not JSON"))
        }
        guard let payload = try? JSONValue(parsing: payloadBytes), payload.isObject else {
            return .failure(Malformed(what: "payload not JSON object"))
        }
        return .success(Decoded(header: header, payload: payload, signingInput: Array("\(parts[0]).\(parts[1])".utf8),
                                signature: Base64URL.decode(String(parts[2]))))
    }

    static func signatureMatches(_ decoded: Decoded, secret: String) -> Bool {
        guard let signature = decoded.signature else { return false }
        let expected = HMAC<SHA256>.authenticationCode(for: decoded.signingInput, key: Array(secret.utf8))
        return constantTimeEquals(expected, signature)
    }

    /// Namespace selection by credential (§1): HS256 signature only.
    static func verifiesSignature(_ token: String, secret: String) -> Bool {
        guard !secret.isEmpty, case .success(let decoded) = decode(token),
              decoded.header["alg"]?.stringValue == "HS256" else { return false }
        return signatureMatches(decoded, secret: secret)
    }

    /// §4.2 in order; returns the payload (the "current user") or throws the catalogue error with the §4.3
    /// diagnostic.
    static func authenticate(_ request: HTTPRequest, permission: String, config: ProConfConfiguration,
                             namespace: String, nowMilliseconds: Int64) throws -> JSONValue {
        let token: String
        switch findToken(request) {
        case .none:
            throw ProviderError(ProConfKey.unauthorized, diagnostics: [
                "bearer: no token (no Authorization header, no access_token query parameter)"])
        case .malformed(let diagnostic):
            throw ProviderError(ProConfKey.malformedAuthorization, diagnostics: [diagnostic])
        case .token(let found):
            token = found
        }
        func invalid(_ line: String) -> ProviderError { ProviderError(ProConfKey.tokenExpired, diagnostics: [line]) }
        let decoded: Decoded
        switch decode(token) {
        case .failure(let malformed): throw invalid("jwt: malformed (\(malformed.what))")
        case .success(let value): decoded = value
        }
        let alg = decoded.header["alg"]
        guard alg?.stringValue == "HS256" else {
            let shown = alg?.stringValue ?? alg?.jsonString() ?? "(absent)"
            throw invalid("jwt: alg \(shown) not accepted (HS256 only)")
        }
        guard signatureMatches(decoded, secret: config.jwtSecret) else {
            throw invalid("jwt: signature does not verify with proconf.jwtSecret of namespace \(namespace)")
        }
        let payload = decoded.payload
        for claim in ["nbf", "exp", "iat"] {
            if let value = payload[claim], value.numberValue == nil { throw invalid("jwt: \(claim) is not a number") }
        }
        let nowSeconds = ProConfTime.seconds(nowMilliseconds)
        if let exp = payload["exp"], let value = exp.numberValue, value.doubleValue <= Double(nowSeconds) {
            throw invalid("jwt: expired (exp=\(exp.jsonString()), now=\(nowSeconds))")
        }
        if let nbf = payload["nbf"], let value = nbf.numberValue, value.doubleValue > Double(nowSeconds) {
            throw invalid("jwt: not active yet (nbf=\(nbf.jsonString()), now=\(nowSeconds))")
        }
        if let issuer = config.jwtIssuer, payload["iss"]?.stringValue != issuer {
            let got = payload["iss"].map { $0.stringValue ?? $0.jsonString() } ?? ""
            throw invalid("jwt: issuer mismatch (expected \"\(issuer)\", got \"\(got)\")")
        }
        if let expiry = payload["passwordExpiryTime"], let expiryMs = ProConfDates.validDate(expiry),
           nowMilliseconds >= expiryMs {
            throw ProviderError(ProConfKey.passwordExpired, diagnostics: [
                "jwt: passwordExpiryTime \(expiry.jsonString()) is not in the future (now=\(ProConfTime.iso(nowMilliseconds)))"])
        }
        let permissions = payload["permissions"]
        let granted = permissions?.arrayValue?.contains { $0.stringValue == permission } ?? false
        guard granted else {
            let shown = permissions?.isArray == true ? (permissions?.jsonString() ?? "absent") : "absent"
            throw ProviderError(ProConfKey.forbidden, diagnostics: ["permission: \(permission) missing from permissions \(shown)"])
        }
        return payload
    }

    /// §4.2: `userTenantId`, else `id`, recorded as `createdBy` / `modifiedBy`.
    static func userID(_ payload: JSONValue?) -> String? {
        guard let payload else { return nil }
        for key in ["userTenantId", "id"] {
            if let value = payload[key], !value.isNull { return value.stringValue ?? value.jsonString() }
        }
        return nil
    }

    /// §4.4: claims `id`, `userTenantId`, `username`, `permissions`, `iat`, `exp`, then `iss`, then extras.
    static func mint(secret: String, permissions: [String], iatSeconds: Int64, expiresIn: Int64, issuer: String?,
                     claims extra: [JSONMember]) -> String {
        var members: [JSONMember] = [
            ("id", "confemu-user"), ("userTenantId", "confemu-user"), ("username", "confemu"),
            ("permissions", JSONValue(permissions)), ("iat", .integer(iatSeconds)),
            ("exp", .integer(iatSeconds + expiresIn)),
        ]
        if let issuer { members.append(("iss", .string(issuer))) }
        members += extra
        return JWT.sign(payload: Array(JSONValue(members: members).jsonString().utf8), secret: secret)
    }
}
