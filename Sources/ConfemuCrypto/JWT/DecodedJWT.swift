import Foundation

/// A compact JWS split and decoded but not yet trusted (`JWT.decode`). Its checks run separately so that a
/// provider can keep the order of its spec, e.g. pick the namespace whose secret verifies the signature
/// (proconf.md 4.2) between the algorithm and the time checks. `JWT.verify` runs them all.
package struct DecodedJWT: Sendable, Equatable {
    /// The protected header as parsed; its bytes are `headerJSON`.
    package let header: [String: JWTValue]
    package let headerJSON: [UInt8]
    package let claims: JWTClaims
    /// `BASE64URL(header) "." BASE64URL(payload)` exactly as received: the JWS signing input (RFC 7515 §5.2
    /// step 8). Never re-encoded, so the sender's key order and whitespace are what is verified.
    package let signingInput: [UInt8]
    package let signature: [UInt8]

    /// The header's `alg` when it is a string.
    package var algorithm: String? {
        header["alg"]?.stringValue
    }

    /// Algorithm pinning (RFC 8725 §3.1, proconf.md 4.2 step 2): only `alg` exactly `HS256` goes on, so `none`,
    /// `HS512` or `RS256` can never choose how the token is checked.
    package func requireHS256() throws(JWTError) {
        guard let alg = header["alg"] else { throw .unsupportedAlgorithm("(absent)") }
        guard let name = alg.stringValue else { throw .unsupportedAlgorithm("(not a string)") }
        guard name == "HS256" else { throw .unsupportedAlgorithm(name) }
    }

    /// Whether the signature is HMAC-SHA-256 of the signing input under `secret`, compared in constant time.
    /// Does not look at `alg`; call `requireHS256()` first.
    package func signatureMatches(secret: [UInt8]) -> Bool {
        var mac = HMAC<SHA256>(key: secret)
        mac.update(signingInput)
        return constantTimeEquals(mac.finalize(), signature)
    }

    /// `signatureMatches` with the UTF-8 bytes of `secret` as the key.
    package func signatureMatches(secret: String) -> Bool {
        signatureMatches(secret: Array(secret.utf8))
    }

    package func verifySignature(secret: [UInt8]) throws(JWTError) {
        guard signatureMatches(secret: secret) else { throw .badSignature }
    }

    /// `claims.validateTimes(now:leewaySeconds:)`.
    package func validateTimes(now: Date, leewaySeconds: Int = 0) throws(JWTError) {
        try claims.validateTimes(now: now, leewaySeconds: leewaySeconds)
    }
}
