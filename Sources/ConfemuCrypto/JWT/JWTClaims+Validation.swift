import Foundation

extension JWTClaims {
    /// Checks the time claims against `now`, in the order of proconf.md 4.2 step 4: `nbf`, `exp` and `iat`,
    /// when present, must be numbers; then the token is expired when `exp + leeway <= now` and not yet valid
    /// when `nbf - leeway > now` (RFC 7519 §4.1.4, §4.1.5). `now` is taken in whole seconds, rounded down, as
    /// jsonwebtoken does. A missing `exp` never expires. Negative leeway counts as zero.
    package func validateTimes(now: Date, leewaySeconds: Int = 0) throws(JWTError) {
        for name in ["nbf", "exp", "iat"] where contains(name) && number(name) == nil {
            throw .claimNotNumeric(name)
        }
        let nowSeconds = now.timeIntervalSince1970.rounded(.down)
        let leeway = Double(max(0, leewaySeconds))
        if let exp, exp + leeway <= nowSeconds {
            throw .expired(exp: exp, now: nowSeconds)
        }
        if let nbf, nbf - leeway > nowSeconds {
            throw .notYetValid(nbf: nbf, now: nowSeconds)
        }
    }
}
