import Testing
@testable import ConfemuHTTP

@Suite("ClientURL (http.md 14.2)")
struct ClientURLTests {
    @Test("http URLs give host, port, byte-exact target and the Host field", arguments: [
        ("http://example.com/cb?x=%ZZ&y=a+b", "example.com", 80, "/cb?x=%ZZ&y=a+b", "example.com"),
        ("http://example.com", "example.com", 80, "/", "example.com"),
        ("http://example.com?x=1", "example.com", 80, "/?x=1", "example.com"),
        ("HTTP://127.0.0.1:8080/a/b#frag", "127.0.0.1", 8080, "/a/b", "127.0.0.1:8080"),
        ("http://[::1]:9000/hook", "::1", 9000, "/hook", "[::1]:9000"),
        ("http://[::1]/hook", "::1", 80, "/hook", "[::1]"),
        ("http://receiver_1.local:81/", "receiver_1.local", 81, "/", "receiver_1.local:81"),
    ])
    func valid(text: String, host: String, port: Int, target: String, hostField: String) throws {
        let url = try ClientURL.parse(text).get()
        #expect(url.host == host)
        #expect(url.port == port)
        #expect(url.target == target)
        #expect(url.hostField == hostField)
    }

    @Test("https is refused as unsupported-scheme")
    func https() {
        #expect(ClientURL.parse("https://example.com/cb") == .failure(.unsupportedScheme))
        #expect(ClientURL.parse("HTTPS://example.com/cb") == .failure(.unsupportedScheme))
    }

    @Test("userinfo and other malformed URLs are invalid-url", arguments: [
        "http://user@example.com/", "http://user:pw@example.com/", "ftp://example.com/", "example.com/cb",
        "http:///path", "http://exa mple.com/", "http://example.com:0/", "http://example.com:65536/",
        "http://example.com:/", "http://example.com:12a/", "http://[::1/", "http://[zz]/", "http://[::1]x/",
        "http://example.com/a b", "http://example.com/caf\u{e9}", "",
    ])
    func invalid(text: String) {
        #expect(ClientURL.parse(text) == .failure(.invalidURL))
    }
}
