/// Why a JWT was refused. `description` is the diagnostic line of proconf.md 4.3 (the signature line without
/// the namespace part, which the provider appends); providers put it in the journal and `X-Confemu-Diagnostic`.
package enum JWTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which structural check failed (proconf.md 4.2 step 1); raw values are the diagnostic wording.
    package enum Malformation: String, Sendable, Equatable {
        case notThreeParts = "not three parts"
        case badBase64URL = "bad base64url"
        case headerNotJSON = "header not JSON"
        case payloadNotJSONObject = "payload not JSON object"
    }

    case malformed(Malformation)
    /// The header's `alg`, or `(absent)` / `(not a string)`. Only HS256 is accepted.
    case unsupportedAlgorithm(String)
    case badSignature
    /// An `nbf`, `exp` or `iat` claim that is present but not a JSON number.
    case claimNotNumeric(String)
    case expired(exp: Double, now: Double)
    case notYetValid(nbf: Double, now: Double)

    package var description: String {
        switch self {
        case .malformed(let what): "jwt: malformed (\(what.rawValue))"
        case .unsupportedAlgorithm(let alg): "jwt: alg \(alg) not accepted (HS256 only)"
        case .badSignature: "jwt: signature does not verify"
        case .claimNotNumeric(let claim): "jwt: \(claim) is not a number"
        case .expired(let exp, let now): "jwt: expired (exp=\(Self.format(exp)), now=\(Self.format(now)))"
        case .notYetValid(let nbf, let now): "jwt: not active yet (nbf=\(Self.format(nbf)), now=\(Self.format(now)))"
        }
    }

    // Whole seconds print as integers (`1300819380`, not `1300819380.0`); anything else as Swift prints it.
    static func format(_ seconds: Double) -> String {
        if let whole = Int64(exactly: seconds) { String(whole) } else { String(seconds) }
    }
}
