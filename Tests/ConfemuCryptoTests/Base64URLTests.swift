import ConfemuCrypto
import Testing

@Suite("Base64URL")
struct Base64URLTests {
    // RFC 4648 §10 test vectors, with the padding removed (§5 encoding without `=`).
    static let rfc4648: [(String, String)] = [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ]

    @Test("RFC 4648 §10 vectors encode and decode without padding", arguments: rfc4648)
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(plain) == encoded)
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test("the URL alphabet uses - and _ where base64 has + and /")
    func urlAlphabet() {
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
        #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
    }

    @Test("every byte value and every length round-trips")
    func roundTrip() {
        let bytes = [UInt8](0 ... 255)
        for length in 0 ... bytes.count {
            let slice = Array(bytes.prefix(length))
            #expect(Base64URL.decode(Base64URL.encode(slice)) == slice, "length \(length)")
        }
    }

    @Test("invalid text is nil, never a crash",
          arguments: [
              "Zm9v+", "Zm9v/", "Zm8=", "Zm9vYg==", "Zm 9v", "Zm9v\n", "Zm9v.", "Zé9v", "Z", "Zm9vY",
              "\u{0}", "Zm9v\u{0}", "Zg==", "====", "🙂🙂",
          ])
    func invalid(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test("non-canonical trailing bits are rejected (RFC 4648 §3.5)", arguments: ["Zh", "Zm9", "Zm-", "AB"])
    func nonCanonical(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test("decoding ASCII bytes equals decoding the string")
    func decodeBytes() {
        let text = Array("xZm9vYmFyx".utf8)
        #expect(Base64URL.decode(text[1 ..< 9]) == Array("foobar".utf8))
        #expect(Base64URL.decode(text[1 ..< 10]) == nil)
    }
}
