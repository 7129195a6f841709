import ConfemuCrypto
import Testing

@Suite("JWTError messages")
struct JWTErrorTests {
    @Test("each error reads as the diagnostic line of proconf.md 4.3",
          arguments: [
              (JWTError.malformed(.notThreeParts), "jwt: malformed (not three parts)"),
              (.malformed(.badBase64URL), "jwt: malformed (bad base64url)"),
              (.malformed(.headerNotJSON), "jwt: malformed (header not JSON)"),
              (.malformed(.payloadNotJSONObject), "jwt: malformed (payload not JSON object)"),
              (.unsupportedAlgorithm("none"), "jwt: alg none not accepted (HS256 only)"),
              (.unsupportedAlgorithm("HS512"), "jwt: alg HS512 not accepted (HS256 only)"),
              (.badSignature, "jwt: signature does not verify"),
              (.claimNotNumeric("exp"), "jwt: exp is not a number"),
              (.expired(exp: 1_300_819_380, now: 1_700_000_000), "jwt: expired (exp=1300819380, now=1700000000)"),
              (.expired(exp: 99.5, now: 100), "jwt: expired (exp=99.5, now=100)"),
              (.notYetValid(nbf: 1_700_000_001, now: 1_700_000_000),
               "jwt: not active yet (nbf=1700000001, now=1700000000)"),
          ])
    func messages(error: JWTError, message: String) {
        #expect(error.description == message)
        #expect("\(error)" == message)
    }
}
