import Foundation

/// HS256 JSON Web Tokens in compact serialization (RFC 7519, RFC 7515 §7.1). Signing takes header and payload
/// as raw JSON bytes, so the caller's JSON writer decides key order and spelling; verifying checks the bytes
/// as received.
package enum JWT {
    /// `{"alg":"HS256","typ":"JWT"}`, the header of videsk.md §8 and proconf.md §5.1/§8.4.
    package static let defaultHeader: [UInt8] = Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)

    /// `BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(HMAC-SHA-256(secret, those two parts))`.
    /// The header should say `"alg":"HS256"`; it is not checked.
    package static func sign(header: [UInt8] = defaultHeader, payload: [UInt8], secret: [UInt8]) -> String {
        let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(payload)
        var mac = HMAC<SHA256>(key: secret)
        mac.update(signingInput)
        return signingInput + "." + Base64URL.encode(mac.finalize())
    }

    /// `sign` with the UTF-8 bytes of `secret` as the key (videsk.md §1.1, bbb.md 8.3).
    package static func sign(header: [UInt8] = defaultHeader, payload: [UInt8], secret: String) -> String {
        sign(header: header, payload: payload, secret: Array(secret.utf8))
    }

    /// Splits `token` into exactly three dot-separated parts, base64url-decodes each, and parses header and
    /// payload as JSON objects (proconf.md 4.2 step 1). Nothing is verified yet.
    package static func decode(_ token: String) throws(JWTError) -> DecodedJWT {
        let bytes = Array(token.utf8)
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, let signingInputEnd = parts.dropLast().last?.endIndex else {
            throw .malformed(.notThreeParts)
        }
        guard let headerJSON = Base64URL.decode(parts[0]),
              let payload = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]) else {
            throw .malformed(.badBase64URL)
        }
        guard let header = JWTValue.parseObject(headerJSON) else { throw .malformed(.headerNotJSON) }
        guard let claims = JWTClaims(json: payload) else { throw .malformed(.payloadNotJSONObject) }
        return DecodedJWT(header: header, headerJSON: headerJSON, claims: claims,
                          signingInput: Array(bytes[..<signingInputEnd]), signature: signature)
    }

    /// Decodes and checks `token`, in this order, the first failure deciding (proconf.md 4.2 steps 1–4):
    /// structure and JSON, `alg` exactly `HS256`, the HMAC-SHA-256 signature over the received
    /// `header.payload` bytes (constant-time compare), then `nbf`/`exp`/`iat` against `now` with the leeway.
    package static func verify(_ token: String, secret: [UInt8], now: Date,
                               leewaySeconds: Int = 0) throws(JWTError) -> JWTClaims {
        let decoded = try decode(token)
        try decoded.requireHS256()
        try decoded.verifySignature(secret: secret)
        try decoded.validateTimes(now: now, leewaySeconds: leewaySeconds)
        return decoded.claims
    }

    /// `verify` with the UTF-8 bytes of `secret` as the key.
    package static func verify(_ token: String, secret: String, now: Date,
                               leewaySeconds: Int = 0) throws(JWTError) -> JWTClaims {
        try verify(token, secret: Array(secret.utf8), now: now, leewaySeconds: leewaySeconds)
    }
}
