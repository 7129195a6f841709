import ConfemuHTTP
import Testing

@Suite("Request parser: raw target, path segments and query (http.md 3.6-3.8)")
struct RequestParserQueryTests {
    static func request(target: String) throws -> ParsedRequest {
        try #require(ParserHarness.events(bytes("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n")).last?.request)
    }

    @Test("rawQuery is byte-exact and the pairs follow the form rule of 3.8", arguments: [
        ("/x?", "" as String?, [] as [[String]]),
        ("/x", nil, []),
        ("/x?a=%ZZ", "a=%ZZ", [["a", "%ZZ"]]),
        ("/x?a+b=c+d", "a+b=c+d", [["a b", "c d"]]),
        ("/x?a=%20", "a=%20", [["a", " "]]),
        ("/x?a=%2B", "a=%2B", [["a", "+"]]),
        ("/x?a=%2b+", "a=%2b+", [["a", "+ "]]),
        ("/x?a=%E9", "a=%E9", [["a", "%E9"]]),
        ("/x?a=%E9+b", "a=%E9+b", [["a", "%E9 b"]]),
        ("/x?a=%C3%A9", "a=%C3%A9", [["a", "é"]]),
        ("/x?&&a=1&&", "&&a=1&&", [["a", "1"]]),
        ("/x?a=1&a=2&b", "a=1&a=2&b", [["a", "1"], ["a", "2"], ["b", ""]]),
        ("/x?flag", "flag", [["flag", ""]]),
        ("/x?a==b", "a==b", [["a", "=b"]]),
        ("/x?=v", "=v", [["", "v"]]),
        ("/x?a=1?b=2", "a=1?b=2", [["a", "1?b=2"]]),
        ("/x??", "?", [["?", ""]]),
        ("/x?%ZZ+x=1", "%ZZ+x=1", [["%ZZ x", "1"]]),
        ("/x?a=%2", "a=%2", [["a", "%2"]]),
        ("/x?q=a%26b%3Dc", "q=a%26b%3Dc", [["q", "a&b=c"]]),
    ])
    func queryDecoding(target: String, rawQuery: String?, pairs: [[String]]) throws {
        let request = try Self.request(target: target)
        #expect(request.rawTarget == target)
        #expect(request.rawPath == "/x")
        #expect(request.rawQuery == rawQuery)
        #expect(request.query == pairs)
    }

    @Test("path segments are split on / and decoded one by one (3.7)", arguments: [
        ("/", [""]),
        ("/a/b", ["a", "b"]),
        ("/a/", ["a", ""]),
        ("/a//b", ["a", "", "b"]),
        ("/a%2Fb/c", ["a/b", "c"]),
        ("/a+b", ["a+b"]),
        ("/%68ealth", ["health"]),
        ("/caf%C3%A9", ["café"]),
        ("/%E9/x", ["%E9", "x"]),
        ("/%zz", ["%zz"]),
        ("/%4", ["%4"]),
        ("/./../x", [".", "..", "x"]),
        ("/a%20b?c=d", ["a b"]),
    ])
    func pathSegments(target: String, segments: [String]) throws {
        let request = try Self.request(target: target)
        #expect(request.pathSegments == segments)
        #expect(request.rawPath == String(target.prefix { $0 != "?" }), "rawPath stays raw")
    }

    @Test("printable bytes the URI grammar does not list pass through raw (only # is refused, 3.5)")
    func oddPrintableBytes() throws {
        let request = try Self.request(target: "/a\"b<c>{d}|e^f`g\\h?x=[1]")
        #expect(request.rawPath == "/a\"b<c>{d}|e^f`g\\h")
        #expect(request.rawQuery == "x=[1]")
        #expect(request.query == [["x", "[1]"]])
    }
}
