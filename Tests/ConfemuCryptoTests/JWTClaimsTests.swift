import ConfemuCrypto
import Foundation
import Testing

@Suite("JWTClaims")
struct JWTClaimsTests {
    static let sample = #"""
    {"iss":"proconf","n":42,"f":1.5,"neg":-3,"big":12345678901234567890,"t":true,"one":1,"zero":0,"no":false,
     "nothing":null,"perms":["session.create","session.read"],"mixed":["a",1],"obj":{"k":"v"},"exp":1800000000,
     "nbf":1700000000.5,"iat":1700000000,"uni":"gr\u00fc\u00dfe \ud83d\ude00"}
    """#

    @Test("typed accessors read what the JSON holds")
    func accessors() throws {
        let claims = try #require(JWTClaims(json: Array(Self.sample.utf8)))
        #expect(claims.string("iss") == "proconf")
        #expect(claims.string("n") == nil)
        #expect(claims.number("n") == 42)
        #expect(claims.integer("n") == 42)
        #expect(claims.number("f") == 1.5)
        #expect(claims.integer("f") == nil)
        #expect(claims.integer("neg") == -3)
        #expect(claims.number("big") == Double("12345678901234567890"))
        #expect(claims.integer("big") == nil)
        #expect(claims.string("uni") == "grüße 😀")
        #expect(claims["obj"] == .object(["k": .string("v")]))
        #expect(claims["nothing"] == .null)
        #expect(claims.contains("nothing"))
        #expect(!claims.contains("missing"))
        #expect(claims["missing"] == nil)
        #expect(claims.exp == 1_800_000_000)
        #expect(claims.nbf == 1_700_000_000.5)
        #expect(claims.iat == 1_700_000_000)
    }

    @Test("JSON booleans and the numbers 1 and 0 stay distinct")
    func booleansAreNotNumbers() throws {
        let claims = try #require(JWTClaims(json: Array(Self.sample.utf8)))
        #expect(claims["t"] == .bool(true))
        #expect(claims["no"] == .bool(false))
        #expect(claims["one"] == .number(1))
        #expect(claims["zero"] == .number(0))
        #expect(claims.bool("one") == nil)
        #expect(claims.number("t") == nil)
    }

    @Test("stringArray needs every element to be a string")
    func stringArrays() throws {
        let claims = try #require(JWTClaims(json: Array(Self.sample.utf8)))
        #expect(claims.stringArray("perms") == ["session.create", "session.read"])
        #expect(claims.stringArray("mixed") == nil)
        #expect(claims.stringArray("iss") == nil)
        #expect(claims.stringArray("missing") == nil)
        #expect(JWTClaims(json: Array(#"{"a":[]}"#.utf8))?.stringArray("a") == [])
    }

    @Test("the raw bytes are kept as given")
    func rawBytes() throws {
        let json = Array("{ \"b\" : 1 ,\"a\":2 }".utf8)
        #expect(try #require(JWTClaims(json: json)).json == json)
    }

    @Test("only JSON objects are claims",
          arguments: ["", "[]", "1", "null", #""s""#, "{", "{}}", #"{"a":1e999}"#, "{\"a\":\"\u{0}\"}x"])
    func notAnObject(json: String) {
        #expect(JWTClaims(json: Array(json.utf8)) == nil)
    }

    @Test("invalid UTF-8 is refused, not a crash")
    func invalidUTF8() {
        #expect(JWTClaims(json: [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]) == nil)
    }

    @Test("validateTimes on claims matches JWT.verify's rules")
    func validateTimesDirectly() throws {
        let claims = try #require(JWTClaims(json: Array(#"{"exp":100,"nbf":50}"#.utf8)))
        try claims.validateTimes(now: Date(timeIntervalSince1970: 99.999))
        #expect(throws: JWTError.expired(exp: 100, now: 100)) {
            try claims.validateTimes(now: Date(timeIntervalSince1970: 100))
        }
        try claims.validateTimes(now: Date(timeIntervalSince1970: 100), leewaySeconds: 1)
        #expect(throws: JWTError.notYetValid(nbf: 50, now: 49)) {
            try claims.validateTimes(now: Date(timeIntervalSince1970: 49.9))
        }
        try claims.validateTimes(now: Date(timeIntervalSince1970: 49.9), leewaySeconds: 1)
    }
}
