import ConfemuHTTP
import Testing

/// What a row of http.md §15 must produce at the parser.
enum ExpectedOutcome: Sendable {
    /// `.error(status, slug)` as the last event, with no request before it.
    case error(Int, String)
    /// One `.head` + `.complete` per request, in order, matching the checks.
    case requests([RequestCheck])
    /// `.head` then `.tooLarge` with an empty body (5.6).
    case tooLarge(rawPath: String)
}

/// The fields a row checks on a complete request; the defaults are those of `HC`.
struct RequestCheck: Sendable {
    var method: HTTPMethod = .GET
    var version: HTTPVersion = .http11
    var rawTarget: String?
    var rawPath = "/_confemu/health"
    var rawQuery: String?
    var authority: String? = "confemu.test:8080"
    var keepAlive = true
    var body: [UInt8] = []
    var pathSegments: [String]?
    var query: [[String]]?
    var fields: [[String]] = []

    func verify(_ request: ParsedRequest, row: String) {
        #expect(request.method == method, "\(row): method")
        #expect(request.version == version, "\(row): version")
        if let rawTarget { #expect(request.rawTarget == rawTarget, "\(row): rawTarget") }
        #expect(request.rawPath == rawPath, "\(row): rawPath")
        #expect(request.rawQuery == rawQuery, "\(row): rawQuery")
        #expect(request.authority == authority, "\(row): authority")
        #expect(request.keepAlive == keepAlive, "\(row): keepAlive")
        #expect(request.body == body, "\(row): body")
        #expect(!request.bodyTooLarge, "\(row): bodyTooLarge")
        if let pathSegments { #expect(request.pathSegments == pathSegments, "\(row): pathSegments") }
        if let query { #expect(request.query == query, "\(row): query") }
        for field in fields {
            #expect(request.headers.contains(field), "\(row): field \(field)")
        }
    }
}

/// One row of http.md §15 that the parser alone decides.
struct ParserRow: Sendable, CustomTestStringConvertible {
    let id: String
    let input: [UInt8]
    let expected: ExpectedOutcome

    init(_ id: String, _ input: [UInt8], _ expected: ExpectedOutcome) {
        self.id = id
        self.input = input
        self.expected = expected
    }

    init(_ id: String, _ input: String, _ expected: ExpectedOutcome) {
        self.init(id, bytes(input), expected)
    }

    var testDescription: String { id }
}

extension ParserRow {
    typealias N = Notation

    static let hc = RequestCheck()

    /// The rows L*, H*, F*, E*, M05, M06, X01, X02, X04 of http.md §15.
    static let all: [ParserRow] = requestLine + headers + framing + expect + routing + connection

    static let requestLine: [ParserRow] = [
        ParserRow("L01", N.hc, .requests([hc])),
        ParserRow("L02", "\r\n\r\n" + N.hc, .requests([hc])),
        ParserRow("L03", "GET /_confemu/health HTTP/1.1\nHost: h\n\n", .error(400, "bad-line-ending")),
        ParserRow("L04", "GET /_confemu/health HTTP/1.1\r\(N.host)\r\n", .error(400, "bad-line-ending")),
        ParserRow("L05", "GET  /_confemu/health HTTP/1.1\r\n\(N.host)\r\n", .error(400, "bad-request-line")),
        ParserRow("L06", " GET /_confemu/health HTTP/1.1\r\n\(N.host)\r\n", .error(400, "bad-request-line")),
        ParserRow("L07", "GET /_confemu/health HTTP/1.1 \r\n\(N.host)\r\n", .error(400, "bad-request-line")),
        ParserRow("L08", "GET\t/_confemu/health HTTP/1.1\r\n\(N.host)\r\n", .error(400, "invalid-character")),
        ParserRow("L09", "GET /_confemu/health\u{00} HTTP/1.1\r\n\(N.host)\r\n", .error(400, "invalid-character")),
        ParserRow("L10", bytes("GET /_confemu/h") + [0xC3, 0xA9] + bytes("alth HTTP/1.1\r\n\(N.host)\r\n"),
                  .error(400, "invalid-character")),
        ParserRow("L11", "GET /_confemu/health\u{7F} HTTP/1.1\r\n\(N.host)\r\n", .error(400, "invalid-character")),
        ParserRow("L12", "GET /_confemu/health HTTP/1.1 extra\r\n\(N.host)\r\n", .error(400, "bad-request-line")),
        ParserRow("L13", "G(T /_confemu/health HTTP/1.1\r\n\(N.host)\r\n", .error(400, "bad-request-line")),
        ParserRow("L14", "get /_confemu/health HTTP/1.1\r\n\(N.host)\r\n", .error(501, "method-not-implemented")),
        ParserRow("L15", "BREW /_confemu/health HTTP/1.1\r\n\(N.host)\r\n", .error(501, "method-not-implemented")),
        ParserRow("L16", "TRACE / HTTP/1.1\r\n\(N.host)\r\n", .error(501, "method-not-implemented")),
        ParserRow("L17", "CONNECT example.com:443 HTTP/1.1\r\n\(N.host)\r\n", .error(501, "method-not-implemented")),
        ParserRow("L18", String(repeating: "A", count: 40) + " / HTTP/1.1\r\n\(N.host)\r\n",
                  .error(501, "method-not-implemented")),
        ParserRow("L19", "GET \(paddedTarget(9000)) HTTP/1.1\r\n\(N.host)\r\n", .error(414, "uri-too-long")),
        ParserRow("L20", "GET \(paddedTarget(8000)) HTTP/1.1\r\n\(N.host)\r\n",
                  .requests([RequestCheck(rawTarget: paddedTarget(8000),
                                          rawQuery: String(paddedTarget(8000).dropFirst("/_confemu/health?".count)))])),
        ParserRow("L21", "GET /_confemu/health HTTP/1.2\r\n\(N.host)\r\n", .requests([hc])),
        ParserRow("L22", "GET /_confemu/health HTTP/2.0\r\n\(N.host)\r\n", .error(505, "version-not-supported")),
        ParserRow("L23", "GET /_confemu/health HTTP/0.9\r\n\(N.host)\r\n", .error(505, "version-not-supported")),
        ParserRow("L24", "GET /_confemu/health\r\n\(N.host)\r\n", .error(400, "bad-request-line")),
        ParserRow("L25", "GET /_confemu/health http/1.1\r\n\(N.host)\r\n", .error(400, "bad-version")),
        ParserRow("L26", "GET /_confemu/health HTTP/1.10\r\n\(N.host)\r\n", .error(400, "bad-version")),
        ParserRow("L27", "GET /_confemu/health HTTP/1\r\n\(N.host)\r\n", .error(400, "bad-version")),
        ParserRow("L28", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", .error(505, "version-not-supported")),
        ParserRow("L29", [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03] + Array(repeating: 0x41, count: 32),
                  .error(400, "invalid-character")),
        ParserRow("L30", "GET _confemu/health HTTP/1.1\r\n\(N.host)\r\n", .error(400, "bad-target")),
        ParserRow("L31", "GET http://example.com/_confemu/health HTTP/1.1\r\nHost: other.example\r\n\r\n",
                  .requests([RequestCheck(rawTarget: "http://example.com/_confemu/health", authority: "example.com",
                                          pathSegments: ["_confemu", "health"])])),
        ParserRow("L32", "GET HTTPS://example.com/_confemu/health HTTP/1.1\r\n\(N.host)\r\n",
                  .requests([RequestCheck(rawTarget: "HTTPS://example.com/_confemu/health", authority: "example.com")])),
        ParserRow("L33", "GET ftp://example.com/_confemu/health HTTP/1.1\r\n\(N.host)\r\n", .error(400, "bad-target")),
        ParserRow("L34", "GET http://user@example.com/_confemu/health HTTP/1.1\r\n\(N.host)\r\n",
                  .error(400, "bad-target")),
        ParserRow("L35", "GET * HTTP/1.1\r\n\(N.host)\r\n", .error(400, "bad-target")),
        // http.md 3.3: the server answers OPTIONS * itself; the parser hands it over as a normal request.
        ParserRow("L36", "OPTIONS * HTTP/1.1\r\n\(N.host)\r\n",
                  .requests([RequestCheck(method: .OPTIONS, rawTarget: "*", rawPath: "*", pathSegments: [])])),
        ParserRow("L37", "GET /_confemu/health#top HTTP/1.1\r\n\(N.host)\r\n", .error(400, "bad-target")),
        ParserRow("L38", "GET /_confemu/health?x=%ZZ&y=a+b&&z HTTP/1.1\r\n\(N.host)\r\n",
                  .requests([RequestCheck(rawQuery: "x=%ZZ&y=a+b&&z",
                                          query: [["x", "%ZZ"], ["y", "a b"], ["z", ""]])])),
    ]

    static let headers: [ParserRow] = [
        ParserRow("H01", "GET /_confemu/health HTTP/1.1\r\n\r\n", .error(400, "missing-host")),
        ParserRow("H02", "GET /_confemu/health HTTP/1.1\r\n\(N.host)Host: b\r\n\r\n", .error(400, "duplicate-host")),
        ParserRow("H03", "GET /_confemu/health HTTP/1.1\r\nHost: exa mple.com\r\n\r\n", .error(400, "invalid-host")),
        ParserRow("H04", "GET /_confemu/health HTTP/1.1\r\nHost: user@example.com\r\n\r\n", .error(400, "invalid-host")),
        ParserRow("H05", "GET /_confemu/health HTTP/1.1\r\nHost: example.com:99999999\r\n\r\n",
                  .error(400, "invalid-host")),
        ParserRow("H06", "GET /_confemu/health HTTP/1.0\r\n\r\n",
                  .requests([RequestCheck(version: .http10, authority: nil, keepAlive: false)])),
        ParserRow("H07", "GET /_confemu/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
                  .requests([RequestCheck(version: .http10, authority: nil, keepAlive: true)])),
        ParserRow("H08", N.hc(adding: "X-Test : 1\r\n"), .error(400, "bad-header")),
        ParserRow("H09", N.hc(adding: "X-Test: a\r\n b\r\n"), .error(400, "obs-fold")),
        ParserRow("H10", "GET /_confemu/health HTTP/1.1\r\n X-Test: 1\r\n\(N.host)\r\n", .error(400, "obs-fold")),
        ParserRow("H11", N.hc(adding: "X-Test\r\n"), .error(400, "bad-header")),
        ParserRow("H12", N.hc(adding: "X(Test): 1\r\n"), .error(400, "bad-header")),
        ParserRow("H13", N.hc(adding: ": 1\r\n"), .error(400, "bad-header")),
        ParserRow("H14", N.hc(adding: "X-Test: a\u{00}b\r\n"), .error(400, "invalid-header-value")),
        ParserRow("H15", N.hc(adding: "X-Test: a\u{7F}b\r\n"), .error(400, "invalid-header-value")),
        ParserRow("H16", N.hc(adding: "X-Test: a\rb\r\n"), .error(400, "bad-line-ending")),
        ParserRow("H17", N.hc(adding: "X-A: 1\nX-B: 2\r\n"), .error(400, "bad-line-ending")),
        ParserRow("H18", bytes("GET /_confemu/health HTTP/1.1\r\n\(N.host)X-Name: caf") + [0xE9] + bytes("\r\n\r\n"),
                  .requests([RequestCheck(fields: [["X-Name", "café"]])])),
        ParserRow("H19", N.hc(adding: "X-Empty:\r\n"), .requests([RequestCheck(fields: [["X-Empty", ""]])])),
        ParserRow("H20", N.hc(adding: "X-Big: \(String(repeating: "a", count: 40000))\r\n"),
                  .error(431, "headers-too-large")),
        ParserRow("H21", N.hc(adding: "X-Big: \(String(repeating: "a", count: 30000))\r\n"),
                  .requests([RequestCheck(fields: [["X-Big", String(repeating: "a", count: 30000)]])])),
        ParserRow("H22", N.hc(adding: padLines(100)), .error(431, "too-many-headers")),
        ParserRow("H23", N.hc(adding: padLines(99)), .requests([RequestCheck(fields: [["X-Pad-99", "v"]])])),
        ParserRow("H24", N.hc(adding: "Connection: close\r\n"), .requests([RequestCheck(keepAlive: false)])),
        ParserRow("H25", N.hc(adding: "Connection: keep-alive, Close\r\n"), .requests([RequestCheck(keepAlive: false)])),
        ParserRow("H26", N.hc(adding: "Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n"),
                  .requests([RequestCheck(fields: [["Upgrade", "h2c"]])])),
    ]

    static func post(_ body: String, http10: Bool = false, keepAlive: Bool = true) -> RequestCheck {
        RequestCheck(method: .POST, version: http10 ? .http10 : .http11, rawPath: N.cnt, keepAlive: keepAlive,
                     body: bytes(body))
    }

    static let framing: [ParserRow] = [
        ParserRow("F01", N.postCNT("Content-Length: 2\r\nTransfer-Encoding: chunked\r\n", body: "{}"),
                  .error(400, "te-and-cl")),
        ParserRow("F02", N.postCNT("Content-Length: 2\r\nContent-Length: 2\r\n", body: "{}"),
                  .error(400, "duplicate-content-length")),
        ParserRow("F03", N.postCNT("Content-Length: 2\r\nContent-Length: 3\r\n", body: "{}"),
                  .error(400, "duplicate-content-length")),
        ParserRow("F04", N.postCNT("Content-Length: 2, 2\r\n", body: "{}"), .error(400, "invalid-content-length")),
        ParserRow("F05", N.postCNT("Content-Length: +2\r\n", body: "{}"), .error(400, "invalid-content-length")),
        ParserRow("F06", N.postCNT("Content-Length: -1\r\n", body: "{}"), .error(400, "invalid-content-length")),
        ParserRow("F07", N.postCNT("Content-Length: 2 2\r\n", body: "{}"), .error(400, "invalid-content-length")),
        ParserRow("F08", N.postCNT("Content-Length: \r\n", body: "{}"), .error(400, "invalid-content-length")),
        ParserRow("F09", N.postCNT("Content-Length: 99999999999999999999\r\n", body: "{}"),
                  .error(400, "invalid-content-length")),
        ParserRow("F10", N.postCNT("Content-Length: 0x2\r\n", body: "{}"), .error(400, "invalid-content-length")),
        ParserRow("F11", "POST /session HTTP/1.1\r\n\(N.host)\(N.json)Content-Length: 2000000\r\n\r\n",
                  .tooLarge(rawPath: "/session")),
        ParserRow("F12", N.postCNT("Content-Length: 17000000\r\n"), .tooLarge(rawPath: N.cnt)),
        ParserRow("F13", N.postCNT("Transfer-Encoding: gzip, chunked\r\n"), .error(501, "unsupported-transfer-coding")),
        ParserRow("F14", N.postCNT("Transfer-Encoding: chunked, gzip\r\n"), .error(400, "bad-transfer-encoding")),
        ParserRow("F15", N.postCNT("Transfer-Encoding: xchunked\r\n"), .error(400, "bad-transfer-encoding")),
        ParserRow("F16", N.postCNT("Transfer-Encoding: identity\r\n"), .error(400, "bad-transfer-encoding")),
        ParserRow("F17", N.postCNT("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"),
                  .error(400, "bad-transfer-encoding")),
        ParserRow("F18", N.postCNT("Transfer-Encoding: \r\n"), .error(400, "bad-transfer-encoding")),
        ParserRow("F19", N.postCNT("Transfer-Encoding: chunked\r\n", body: "2\r\n{}\r\n0\r\n\r\n", version: "HTTP/1.0"),
                  .error(400, "te-on-http10")),
        ParserRow("F20", N.postCNT("Transfer-Encoding: Chunked\r\n", body: "2\r\n{}\r\n0\r\n\r\n"), .requests([post("{}")])),
        ParserRow("F21", N.chunked("1\r\n{\r\n1\r\n}\r\n0\r\n\r\n"), .requests([post("{}")])),
        ParserRow("F22", N.chunked("-0\r\n\r\n"), .error(400, "bad-chunk-size")),
        ParserRow("F23", N.chunked("+2\r\n{}\r\n0\r\n\r\n"), .error(400, "bad-chunk-size")),
        ParserRow("F24", N.chunked("0x2\r\n{}\r\n0\r\n\r\n"), .error(400, "bad-chunk-size")),
        ParserRow("F25", N.chunked("FFFFFFFFFFFFFFFF0\r\n"), .error(400, "bad-chunk-size")),
        ParserRow("F26", N.chunked("FFFFFFFFFFFFFFFF\r\n"), .tooLarge(rawPath: N.cnt)),
        ParserRow("F27", N.chunked("g\r\n"), .error(400, "bad-chunk-size")),
        ParserRow("F28", N.chunked("\r\n"), .error(400, "bad-chunk-size")),
        ParserRow("F29", N.chunked("2;foo=bar\r\n{}\r\n0\r\n\r\n"), .requests([post("{}")])),
        ParserRow("F30", N.chunked("2 ;foo\r\n{}\r\n0\r\n\r\n"), .requests([post("{}")])),
        ParserRow("F31", N.chunked("2;\(String(repeating: "a", count: 5000))\r\n{}\r\n0\r\n\r\n"),
                  .error(400, "chunk-extension-too-long")),
        ParserRow("F32", N.chunked("2 2\r\n{}\r\n0\r\n\r\n"), .error(400, "bad-chunk-size")),
        ParserRow("F33", N.chunked("2\r\n{}XX\r\n0\r\n\r\n"), .error(400, "bad-chunk-terminator")),
        ParserRow("F34", N.chunked("2\n{}\r\n0\r\n\r\n"), .error(400, "bad-line-ending")),
        ParserRow("F35", N.chunked("2\r\n{}\r\n0\r\nX-Trailer: 1\r\n\r\n"), .requests([post("{}")])),
        ParserRow("F36", N.chunked("2\r\n{}\r\n0\r\n" + padLines(200) + "\r\n"), .error(431, "trailers-too-large")),
        ParserRow("F37", "GET /_confemu/health HTTP/1.1\r\n\(N.host)Content-Length: 5\r\n\r\nhello",
                  .requests([RequestCheck(body: bytes("hello"))])),
    ]

    static let expect: [ParserRow] = [
        ParserRow("E01", N.postCNT("Content-Length: 2\r\nExpect: 100-continue\r\n", body: "{}"), .requests([post("{}")])),
        ParserRow("E02", "POST /session HTTP/1.1\r\n\(N.host)\(N.json)Content-Length: 2000000\r\nExpect: 100-continue\r\n\r\n",
                  .tooLarge(rawPath: "/session")),
        ParserRow("E03", N.hc(adding: "Expect: foo\r\n"), .error(417, "expectation-failed")),
        ParserRow("E04", N.postCNT("Content-Length: 2\r\nExpect: 100-continue\r\n", body: "{}", version: "HTTP/1.0"),
                  .requests([post("{}", http10: true, keepAlive: false)])),
        ParserRow("E05", N.hc(adding: "Expect: 100-continue\r\n"), .requests([hc])),
    ]

    static let routing: [ParserRow] = [
        ParserRow("M05", "GET /_confemu/%68ealth HTTP/1.1\r\n\(N.host)\r\n",
                  .requests([RequestCheck(rawPath: "/_confemu/%68ealth", pathSegments: ["_confemu", "health"])])),
        ParserRow("M06", "GET /_confemu/./health HTTP/1.1\r\n\(N.host)\r\n",
                  .requests([RequestCheck(rawPath: "/_confemu/./health", pathSegments: ["_confemu", ".", "health"])])),
    ]

    static let connection: [ParserRow] = [
        ParserRow("X01", N.hc + N.hc, .requests([hc, hc])),
        ParserRow("X02", N.hc(adding: "Connection: close\r\n") + N.hc,
                  .requests([RequestCheck(keepAlive: false), hc])),
        ParserRow("X04", N.postCNT("Content-Length: 2\r\n", body: "{}") + N.hc, .requests([post("{}"), hc])),
    ]

    /// `/_confemu/health?pad=aaa…` exactly `length` bytes long.
    static func paddedTarget(_ length: Int) -> String {
        let prefix = "/_confemu/health?pad="
        return prefix + String(repeating: "a", count: length - prefix.count)
    }

    /// `count` field lines `X-Pad-<n>: v`.
    static func padLines(_ count: Int) -> String {
        (1...count).map { "X-Pad-\($0): v\r\n" }.joined()
    }
}
