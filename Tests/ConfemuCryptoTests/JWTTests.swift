import ConfemuCrypto
import Foundation
import Testing

@Suite("JWT (HS256)")
struct JWTTests {
    static let secret = "confemu-proconf-default-jwt-secret-0123456789abcdef"
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func token(header: String = #"{"alg":"HS256","typ":"JWT"}"#, payload: String = #"{"sub":"x"}"#,
                      secret: String = secret) -> String {
        JWT.sign(header: Array(header.utf8), payload: Array(payload.utf8), secret: secret)
    }

    // MARK: RFC 7515 Appendix A.1

    @Test("RFC 7515 A.1 verifies with the JWK key before its exp and yields its claims")
    func rfc7515Verifies() throws {
        let example = try JWSExample.load()
        let beforeExp = Date(timeIntervalSince1970: example.expectedClaims.exp - 1)
        let claims = try JWT.verify(example.token, secret: example.key(), now: beforeExp)
        #expect(claims.json == Array(example.payload.utf8))
        #expect(claims.string("iss") == example.expectedClaims.iss)
        #expect(claims.exp == example.expectedClaims.exp)
        #expect(claims.integer("exp") == 1_300_819_380)
        #expect(claims.bool(example.expectedClaims.trueClaim) == true)
        #expect(claims.values.count == 3)
    }

    @Test("RFC 7515 A.1 decodes to the exact octets of the example")
    func rfc7515Octets() throws {
        let example = try JWSExample.load()
        let decoded = try JWT.decode(example.token)
        #expect(decoded.headerJSON == example.headerOctets)
        #expect(decoded.headerJSON == Array(example.header.utf8))
        #expect(decoded.signature == example.signatureOctets)
        #expect(decoded.signingInput == Array((example.headerBase64URL + "." + example.payloadBase64URL).utf8))
        #expect(decoded.algorithm == "HS256")
        #expect(decoded.header["typ"] == .string("JWT"))
    }

    @Test("re-signing the A.1 header and payload bytes gives the same token")
    func rfc7515Resign() throws {
        let example = try JWSExample.load()
        let token = JWT.sign(header: example.headerOctets, payload: Array(example.payload.utf8),
                             secret: try example.key())
        #expect(token == example.token)
    }

    @Test("RFC 7515 A.1 is expired today, and at exactly its exp")
    func rfc7515Expired() throws {
        let example = try JWSExample.load()
        let key = try example.key()
        let today = Date()
        #expect(throws: JWTError.expired(exp: 1_300_819_380, now: today.timeIntervalSince1970.rounded(.down))) {
            try JWT.verify(example.token, secret: key, now: today)
        }
        #expect(throws: JWTError.expired(exp: 1_300_819_380, now: 1_300_819_380)) {
            try JWT.verify(example.token, secret: key, now: Date(timeIntervalSince1970: 1_300_819_380))
        }
    }

    // MARK: Signing

    @Test("the default header is {\"alg\":\"HS256\",\"typ\":\"JWT\"} (videsk.md §8 header segment)")
    func defaultHeader() throws {
        let token = JWT.sign(payload: Array(#"{"a":1}"#.utf8), secret: "k")
        #expect(token.split(separator: ".").first == "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9")
        #expect(String(decoding: JWT.defaultHeader, as: UTF8.self) == #"{"alg":"HS256","typ":"JWT"}"#)
        #expect(try JWT.verify(token, secret: "k", now: Self.now).integer("a") == 1)
    }

    @Test("payload bytes are signed and verified exactly as given, key order and escapes included")
    func rawPayloadBytes() throws {
        let payload = #"{"z":1, "a" : "x\/y",  "m":[true,null]}"#
        let token = Self.token(payload: payload)
        #expect(token.split(separator: ".")[1] == Substring(Base64URL.encode(payload)))
        let claims = try JWT.verify(token, secret: Self.secret, now: Self.now)
        #expect(claims.json == Array(payload.utf8))
        #expect(claims.string("a") == "x/y")
        #expect(claims["m"] == .array([.bool(true), .null]))
    }

    @Test("headerJSON keeps member order and escapes like JSON")
    func headerJSON() throws {
        let bbbHeader = JWT.headerJSON(["typ": "JWT", "alg": "HS256"])
        #expect(String(decoding: bbbHeader, as: UTF8.self) == #"{"typ":"JWT","alg":"HS256"}"#)  // bbb.md 8.3

        let odd = JWT.headerJSON(["alg": "HS256", "k\"\\\n\u{1}": "é/"])
        #expect(String(decoding: odd, as: UTF8.self) == #"{"alg":"HS256","k\"\\\n\u0001":"é/"}"#)
        let token = JWT.sign(header: odd, payload: Array("{}".utf8), secret: "k")
        let decoded = try JWT.decode(token)
        #expect(decoded.header["k\"\\\n\u{1}"] == .string("é/"))
        #expect(try JWT.verify(token, secret: "k", now: Self.now).values.isEmpty)
    }

    @Test("a String secret is its UTF-8 bytes")
    func stringSecret() throws {
        let token = Self.token(secret: "sécret")
        _ = try JWT.verify(token, secret: Array("sécret".utf8), now: Self.now)
        #expect(throws: JWTError.badSignature) { try JWT.verify(token, secret: "secret", now: Self.now) }
    }

    // MARK: Signature

    @Test("a tampered signature, payload or header, a wrong secret, or no signature fails as badSignature")
    func badSignatures() throws {
        let good = Self.token(payload: #"{"role":"user"}"#)
        let parts = good.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let signature = parts[2]
        let flippedFirst = (signature.first == "A" ? "B" : "A") + signature.dropFirst()
        let forgedPayload = Base64URL.encode(#"{"role":"admin"}"#)
        let forgedHeader = Base64URL.encode(#"{"typ":"JWT","alg":"HS256"}"#)

        let tampered = [
            [parts[0], parts[1], flippedFirst].joined(separator: "."),
            [parts[0], forgedPayload, signature].joined(separator: "."),
            [forgedHeader, parts[1], signature].joined(separator: "."),
            [parts[0], parts[1], ""].joined(separator: "."),
            [parts[0], parts[1], Base64URL.encode(Array(try #require(Base64URL.decode(signature)).dropLast()))]
                .joined(separator: "."),
        ]
        for token in tampered {
            #expect(throws: JWTError.badSignature, "\(token)") {
                try JWT.verify(token, secret: Self.secret, now: Self.now)
            }
        }
        #expect(throws: JWTError.badSignature) { try JWT.verify(good, secret: "other", now: Self.now) }
        _ = try JWT.verify(good, secret: Self.secret, now: Self.now)
    }

    @Test("the signature is checked before the times: an expired forgery is a bad signature")
    func signatureBeforeTimes() {
        let forged = Self.token(payload: #"{"exp":1}"#, secret: "wrong")
        #expect(throws: JWTError.badSignature) { try JWT.verify(forged, secret: Self.secret, now: Self.now) }
    }

    @Test("signatureMatches picks the one secret of several (proconf.md 4.2 namespace selection)")
    func signatureSelection() throws {
        let decoded = try JWT.decode(Self.token(secret: "namespace-b"))
        let secrets = ["namespace-a", "namespace-b", "namespace-c"]
        #expect(secrets.filter { decoded.signatureMatches(secret: $0) } == ["namespace-b"])
        #expect(throws: JWTError.badSignature) { try decoded.verifySignature(secret: Array("namespace-a".utf8)) }
    }

    // MARK: Algorithm pinning

    @Test("alg none is refused, with or without a signature")
    func algNone() {
        let payload = Base64URL.encode(#"{"sub":"x"}"#)
        let unsigned = Base64URL.encode(#"{"alg":"none"}"#) + "." + payload + "."
        #expect(throws: JWTError.unsupportedAlgorithm("none")) {
            try JWT.verify(unsigned, secret: Self.secret, now: Self.now)
        }
        // Even a valid HMAC-SHA-256 under the right secret does not make `none` acceptable.
        let signed = Self.token(header: #"{"alg":"none"}"#)
        #expect(throws: JWTError.unsupportedAlgorithm("none")) {
            try JWT.verify(signed, secret: Self.secret, now: Self.now)
        }
    }

    @Test("HS512 is refused even when correctly signed with HMAC-SHA-512")
    func algHS512() {
        let signingInput = Base64URL.encode(#"{"alg":"HS512","typ":"JWT"}"#) + "." + Base64URL.encode("{}")
        let mac = HMAC<SHA512>.authenticationCode(for: signingInput, key: Self.secret)
        let token = signingInput + "." + Base64URL.encode(mac)
        #expect(throws: JWTError.unsupportedAlgorithm("HS512")) {
            try JWT.verify(token, secret: Self.secret, now: Self.now)
        }
    }

    @Test("any alg but exactly HS256 is refused",
          arguments: [
              (#"{"alg":"RS256"}"#, "RS256"), (#"{"alg":"hs256"}"#, "hs256"), (#"{"alg":"HS256 "}"#, "HS256 "),
              (#"{"alg":"HS384"}"#, "HS384"), (#"{"typ":"JWT"}"#, "(absent)"), (#"{"alg":256}"#, "(not a string)"),
              (#"{"alg":null}"#, "(not a string)"), (#"{"alg":["HS256"]}"#, "(not a string)"),
          ])
    func otherAlgorithms(header: String, reported: String) {
        let token = Self.token(header: header)
        #expect(throws: JWTError.unsupportedAlgorithm(reported)) {
            try JWT.verify(token, secret: Self.secret, now: Self.now)
        }
    }

    // MARK: Malformed tokens

    @Test("a token without exactly three parts is malformed",
          arguments: ["", "abc", "a.b", "a.b.c.d", "....", "eyJ.eyJ", "x.y.z."])
    func wrongSegmentCount(token: String) {
        #expect(throws: JWTError.malformed(.notThreeParts)) { try JWT.decode(token) }
    }

    @Test("a well-formed token with a fourth part appended is malformed")
    func extraPart() {
        #expect(throws: JWTError.malformed(.notThreeParts)) {
            try JWT.verify(Self.token() + ".", secret: Self.secret, now: Self.now)
        }
    }

    @Test("a part that is not base64url is malformed", arguments: [0, 1, 2])
    func badBase64URL(part: Int) {
        let parts = Self.token().split(separator: ".").map(String.init)
        for replacement in ["a+b", "ab/c", parts[part] + "=", parts[part] + "==", "é", "a b", "abcde", "Zh"] {
            var broken = parts
            broken[part] = replacement
            let token = broken.joined(separator: ".")
            #expect(throws: JWTError.malformed(.badBase64URL), "\(token)") {
                try JWT.verify(token, secret: Self.secret, now: Self.now)
            }
        }
    }

    @Test("a header that is not a JSON object is malformed",
          arguments: [[UInt8](), Array("not json".utf8), Array("[]".utf8), Array(#""HS256""#.utf8),
                      Array("{\"alg\":\"HS256\"".utf8), [0xFF, 0xFE], Array(#"{"alg":1e400}"#.utf8)])
    func headerNotJSON(header: [UInt8]) {
        let token = JWT.sign(header: header, payload: Array("{}".utf8), secret: Self.secret)
        #expect(throws: JWTError.malformed(.headerNotJSON)) { try JWT.decode(token) }
    }

    @Test("a payload that is not a JSON object is malformed, even deeply nested, never a crash",
          arguments: [
              "", "null", "1", #""text""#, "[1,2]", "{", #"{"a":}"#, #"{"exp":1e400}"#,
              String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000),
              #"{"a":"# + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}",
          ])
    func payloadNotJSONObject(payload: String) {
        let token = Self.token(payload: payload)
        #expect(throws: JWTError.malformed(.payloadNotJSONObject)) {
            try JWT.verify(token, secret: Self.secret, now: Self.now)
        }
    }

    @Test("structure is checked before alg, and alg before the signature (proconf.md 4.2)")
    func checkOrder() {
        let noneWithBadPayload = Base64URL.encode(#"{"alg":"none"}"#) + "." + Base64URL.encode("[]") + "."
        #expect(throws: JWTError.malformed(.payloadNotJSONObject)) {
            try JWT.verify(noneWithBadPayload, secret: Self.secret, now: Self.now)
        }
        let hs512WrongSecret = Self.token(header: #"{"alg":"HS512"}"#, payload: #"{"exp":1}"#, secret: "wrong")
        #expect(throws: JWTError.unsupportedAlgorithm("HS512")) {
            try JWT.verify(hs512WrongSecret, secret: Self.secret, now: Self.now)
        }
    }

    // MARK: Times

    struct TimeCase: Sendable, CustomTestStringConvertible {
        let claims: String
        let leeway: Int
        let expected: JWTError?
        var testDescription: String { "\(claims) leeway \(leeway)" }
    }

    // now = 1_700_000_000.75, taken as 1_700_000_000 (whole seconds, rounded down).
    static let timeCases: [TimeCase] = [
        TimeCase(claims: #"{}"#, leeway: 0, expected: nil),
        TimeCase(claims: #"{"exp":1700000001}"#, leeway: 0, expected: nil),
        TimeCase(claims: #"{"exp":1700000000}"#, leeway: 0, expected: .expired(exp: 1_700_000_000, now: 1_700_000_000)),
        TimeCase(claims: #"{"exp":1700000000.5}"#, leeway: 0, expected: nil),
        TimeCase(claims: #"{"exp":1699999996}"#, leeway: 5, expected: nil),
        TimeCase(claims: #"{"exp":1699999995}"#, leeway: 5, expected: .expired(exp: 1_699_999_995, now: 1_700_000_000)),
        TimeCase(claims: #"{"exp":1700000001}"#, leeway: -10, expected: nil),
        TimeCase(claims: #"{"nbf":1700000000}"#, leeway: 0, expected: nil),
        TimeCase(claims: #"{"nbf":1700000001}"#, leeway: 0,
                 expected: .notYetValid(nbf: 1_700_000_001, now: 1_700_000_000)),
        TimeCase(claims: #"{"nbf":1700000005}"#, leeway: 5, expected: nil),
        TimeCase(claims: #"{"nbf":1700000006}"#, leeway: 5,
                 expected: .notYetValid(nbf: 1_700_000_006, now: 1_700_000_000)),
        TimeCase(claims: #"{"nbf":1700000009,"exp":1600000000}"#, leeway: 0,
                 expected: .expired(exp: 1_600_000_000, now: 1_700_000_000)),
        TimeCase(claims: #"{"iat":1800000000,"nbf":1600000000,"exp":1800000000}"#, leeway: 0, expected: nil),
        TimeCase(claims: #"{"exp":"1800000000"}"#, leeway: 0, expected: .claimNotNumeric("exp")),
        TimeCase(claims: #"{"nbf":true}"#, leeway: 0, expected: .claimNotNumeric("nbf")),
        TimeCase(claims: #"{"iat":null}"#, leeway: 0, expected: .claimNotNumeric("iat")),
        TimeCase(claims: #"{"exp":[1],"nbf":{}}"#, leeway: 0, expected: .claimNotNumeric("nbf")),
        TimeCase(claims: #"{"exp":1,"iat":"x"}"#, leeway: 0, expected: .claimNotNumeric("iat")),
    ]

    @Test("exp and nbf are checked against the clock with leeway", arguments: timeCases)
    func times(testCase: TimeCase) throws {
        let token = Self.token(payload: testCase.claims)
        let now = Date(timeIntervalSince1970: 1_700_000_000.75)
        if let expected = testCase.expected {
            #expect(throws: expected) {
                try JWT.verify(token, secret: Self.secret, now: now, leewaySeconds: testCase.leeway)
            }
        } else {
            let claims = try JWT.verify(token, secret: Self.secret, now: now, leewaySeconds: testCase.leeway)
            #expect(claims.json == Array(testCase.claims.utf8))
        }
    }
}
