import ConfemuCrypto
import Testing

@Suite("Base64")
struct Base64Tests {
    static let rfc4648: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    @Test("RFC 4648 §10 vectors encode padded and decode", arguments: rfc4648)
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(plain) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test("padding is optional when decoding")
    func optionalPadding() {
        #expect(Base64.decode("Zg") == Array("f".utf8))
        #expect(Base64.decode("Zm8") == Array("fo".utf8))
    }

    @Test("invalid text is nil", arguments: ["Zg=", "Zg===", "Z===", "Zm8==", "Zm9v=", "=Zm9", "Zm=9", "Zm9v-", "Zm9v_", "Zm 9v", "Z"])
    func invalid(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test("line-wrapped text decodes only when whitespace is ignored")
    func whitespace() {
        let wrapped = "Zm9v\r\nYmFy\n Zg==\t"
        #expect(Base64.decode(wrapped) == nil)
        #expect(Base64.decode(wrapped, ignoringWhitespace: true) == Array("foobarf".utf8))
    }

    @Test("every byte value round-trips")
    func roundTrip() {
        let bytes = [UInt8](0 ... 255)
        for length in [0, 1, 2, 3, 4, 100, 254, 255, 256] {
            let slice = Array(bytes.prefix(length))
            #expect(Base64.decode(Base64.encode(slice)) == slice, "length \(length)")
        }
    }
}
