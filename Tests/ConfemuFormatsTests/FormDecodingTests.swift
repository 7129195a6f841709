import ConfemuFormats
import Testing

@Suite("FormDecoding")
struct FormDecodingTests {
    private func pairs(_ raw: String) -> [String] {
        FormDecoding.decode(raw).map { "\($0.name)=\($0.value)" }
    }

    @Test("query decoding of http.md §16 (3.8)", arguments: [
        ("a+b=c+d", ["a b=c d"]),
        ("x=%20", ["x= "]),
        ("x=%2B", ["x=+"]),
        ("x=a%2Bb+c", ["x=a+b c"]),
        ("x=%ZZ", ["x=%ZZ"]),
        ("x=%ZZ+y", ["x=%ZZ y"]),
        ("x=%E9", ["x=%E9"]),
        ("x=%E9+%20", ["x=%E9 %20"]),
        ("x=%C3%A9", ["x=é"]),
        ("x=%c3%a9", ["x=é"]),
        ("&&a=1&&b=2&", ["a=1", "b=2"]),
        ("a=1&a=2&b=3&a=4", ["a=1", "a=2", "b=3", "a=4"]),
        ("flag&x=", ["flag=", "x="]),
        ("=v", ["=v"]),
        ("=", ["="]),
        ("a=b=c", ["a=b=c"]),
        ("x=%26%3D", ["x=&="]),
        ("x=%", ["x=%"]),
        ("x=%2", ["x=%2"]),
        ("x=100%", ["x=100%"]),
        ("n%61me=v", ["name=v"]),
        ("x=caf\u{E9}", ["x=café"]),
        ("", []),
        ("&", []),
    ])
    func decode(raw: String, expected: [String]) {
        #expect(pairs(raw) == expected)
    }

    @Test("L38 of http.md §15: bad escapes, + and empty pieces in one query")
    func l38() {
        #expect(pairs("x=%ZZ&y=a+b&&z") == ["x=%ZZ", "y=a b", "z="])
    }

    @Test("raw bytes decode the same as text, and invalid UTF-8 bytes are replaced only without escapes")
    func bytes() {
        #expect(FormDecoding.decode(Array("a=%41".utf8)).map(\.value) == ["A"])
        let raw: [UInt8] = [0x61, 0x3D, 0xFF]
        #expect(FormDecoding.decode(raw).map(\.value) == ["\u{FFFD}"])
    }

    @Test("one component")
    func component() {
        #expect(FormDecoding.decodeComponent(Array("a+b%21".utf8)) == "a b!")
        #expect(FormDecoding.decodeComponent(Array("a+%G1".utf8)) == "a %G1")
        #expect(FormDecoding.decodeComponent(Array("%FF%FE".utf8)) == "%FF%FE")
    }

    @Test("path segments decode without the + rule (3.7)", arguments: [
        ("%68ealth", "health"),
        ("a%2Fb", "a/b"),
        ("a+b", "a+b"),
        ("caf%C3%A9", "café"),
        ("plain", "plain"),
        ("", ""),
    ])
    func pathSegments(raw: String, decoded: String) {
        #expect(FormDecoding.percentDecodePathSegment(Array(raw.utf8)) == decoded)
    }

    @Test("a bad escape or invalid UTF-8 in a path segment gives nil", arguments: ["%ZZ", "%2", "%", "%E9", "a%C3"])
    func badPathSegments(raw: String) {
        #expect(FormDecoding.percentDecodePathSegment(Array(raw.utf8)) == nil)
    }

    @Test("percent-encoding keeps only RFC 3986 unreserved bytes")
    func encode() {
        #expect(FormDecoding.percentEncode("AZaz09-._~") == "AZaz09-._~")
        #expect(FormDecoding.percentEncode("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9")
        #expect(FormDecoding.percentEncode("a b+c", spaceAsPlus: true) == "a+b%2Bc")
        #expect(FormDecoding.percentEncode(#"[{"message":"x"}]"#) == "%5B%7B%22message%22%3A%22x%22%7D%5D")
    }

    @Test("encode then decode gives the text back")
    func roundTrip() {
        let text = "Grüße & ümlaut = 100% + more/😀"
        let encoded = FormDecoding.percentEncode(text, spaceAsPlus: true)
        #expect(FormDecoding.decodeComponent(Array(encoded.utf8)) == text)
    }
}
