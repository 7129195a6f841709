import ConfemuHTTP
import Testing

@Suite("Parser helpers: RequestTarget and HostSyntax (http.md §3, 4.6)")
struct ParserRequestTargetTests {
    @Test("the three accepted target forms split into raw parts", arguments: [
        ("/", RequestTarget(form: .origin, rawPath: "/", rawQuery: nil, authority: nil)),
        ("/a/b?", RequestTarget(form: .origin, rawPath: "/a/b", rawQuery: "", authority: nil)),
        ("/a?b?c=%zz", RequestTarget(form: .origin, rawPath: "/a", rawQuery: "b?c=%zz", authority: nil)),
        ("*", RequestTarget(form: .asterisk, rawPath: "*", rawQuery: nil, authority: nil)),
        ("http://h", RequestTarget(form: .absolute, rawPath: "/", rawQuery: nil, authority: "h")),
        ("hTTp://H:80/p?q", RequestTarget(form: .absolute, rawPath: "/p", rawQuery: "q", authority: "H:80")),
        ("https://[::1]?", RequestTarget(form: .absolute, rawPath: "/", rawQuery: "", authority: "[::1]")),
        ("http://h//x", RequestTarget(form: .absolute, rawPath: "//x", rawQuery: nil, authority: "h")),
    ])
    func forms(text: String, target: RequestTarget) {
        #expect(RequestTarget(text) == target)
    }

    @Test("other targets are refused (bad-target)", arguments: [
        "", "x", "**", "/a#b", "#", "http://", "http://u@h/", "http://h:/", "ws://h/", "http:h", "http://[::1/",
    ])
    func refused(text: String) {
        #expect(RequestTarget(text) == nil)
    }

    @Test("HostSyntax splits host and port", arguments: [
        ("h", "h", nil as String?), ("h:1", "h", "1"), ("[::1]:65535", "[::1]", "65535"), ("", "", nil),
        ("1.2.3.4:99999", "1.2.3.4", "99999"),
    ])
    func hostAndPort(text: String, host: String, port: String?) throws {
        let parts = try #require(HostSyntax.split(text))
        #expect(parts.host == host)
        #expect(parts.port == port)
    }

    @Test("IPv6 literals follow RFC 3986", arguments: [
        ("[::]", true), ("[::1]", true), ("[1::]", true), ("[1:2:3:4:5:6:7:8]", true), ("[1:2:3:4:5:6:7::]", true),
        ("[::2:3:4:5:6:7:8]", true), ("[fe80::1:2]", true), ("[::ffff:10.0.0.1]", true), ("[1:2:3:4:5:6:1.2.3.4]", true),
        ("[1:2:3:4:5:6:7:8:9]", false), ("[1:2:3:4:5:6:7]", false), ("[:1]", false), ("[1:]", false), ("[:::]", false),
        ("[1::2::3]", false), ("[12345::]", false), ("[::g]", false), ("[::1.2.3]", false), ("[::256.1.1.1]", false),
        ("[1.2.3.4::]", false), ("[]", false), ("[v1.x]", false),
    ])
    func ipv6(text: String, valid: Bool) {
        #expect(HostSyntax.isValid(text) == valid)
    }
}
