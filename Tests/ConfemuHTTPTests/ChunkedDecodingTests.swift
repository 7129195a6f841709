import ConfemuHTTP
import Testing

@Suite("Request parser: chunked bodies (http.md §6)")
struct ChunkedDecodingTests {
    static func outcome(_ chunks: String) -> [ParsedEvent] {
        ParserHarness.events(bytes(Notation.chunked(chunks)))
    }

    static func body(_ chunks: String) throws -> [UInt8] {
        try #require(outcome(chunks).last?.request).body
    }

    @Test("valid chunked bodies decode to their data", arguments: [
        ("2\r\n{}\r\n0\r\n\r\n", "{}"),
        ("a\r\n0123456789\r\nA\r\nabcdefghij\r\n0\r\n\r\n", "0123456789abcdefghij"),
        ("1\r\nx\r\n000\r\n\r\n", "x"),
        ("2;a=b;c=\"d e\"\r\n{}\r\n0;last\r\n\r\n", "{}"),
        ("2\t;x\r\n{}\r\n0 \t ;y\r\n\r\n", "{}"),
        ("2 \t ;\r\n{}\r\n0\r\n\r\n", "{}"),
        ("0\r\n\r\n", ""),
        ("3\r\n\r\n\r\r\n0\r\n\r\n", "\r\n\r"),
    ])
    func validBodies(chunks: String, body: String) throws {
        #expect(try Self.body(chunks) == bytes(body))
    }

    @Test("malformed chunk framing is rejected with its slug", arguments: [
        ("2 \r\n{}\r\n0\r\n\r\n", "bad-chunk-size"),
        (";x\r\n", "bad-chunk-size"),
        (" 2\r\n", "bad-chunk-size"),
        ("2;x\u{01}\r\n", "bad-chunk-size"),
        ("2;x\u{7F}\r\n", "bad-chunk-size"),
        ("2\r\r\n", "bad-line-ending"),
        ("2\r\n{}\n0\r\n\r\n", "bad-chunk-terminator"),
        ("2\r\n{}\rX", "bad-chunk-terminator"),
        ("2\r\n{}", ""),
        ("0\r\nX-T : 1\r\n\r\n", "bad-header"),
        ("0\r\n X-T: 1\r\n\r\n", "obs-fold"),
        ("0\r\nX-T: a\u{00}\r\n\r\n", "invalid-header-value"),
        ("0\r\nX-T: 1\n\r\n", "bad-line-ending"),
        ("0\r\n\n", "bad-line-ending"),
    ])
    func malformed(chunks: String, slug: String) {
        let events = Self.outcome(chunks)
        if slug.isEmpty {
            #expect(events.count == 1, "waits for more")
        } else {
            #expect(events.last?.description == "error(400 \(slug))", "\(events)")
        }
    }

    @Test("trailers are checked then discarded: handlers never see them (6.4)")
    func trailersDiscarded() throws {
        let request = try #require(Self.outcome("2\r\n{}\r\n0\r\nX-Trailer: 1\r\nX-Other: 2\r\n\r\n").last?.request)
        #expect(!request.headers.contains { $0.first == "X-Trailer" })
        #expect(request.headers.count == 3)
    }

    @Test("trailers share the 32768-byte budget with the head (6.4)")
    func trailerBytesShareBudget() {
        let head = Notation.chunked("")
        let headSection = head.utf8.count - head.utf8.split(separator: 0x0A, maxSplits: 1)[0].count - 1
        // The trailer section: "X-T: " + value + CRLF + CRLF.
        let room = 32768 - headSection
        let fits = "0\r\nX-T: \(String(repeating: "v", count: room - 9))\r\n\r\n"
        #expect(Self.outcome(fits).last?.request != nil)
        let over = "0\r\nX-T: \(String(repeating: "v", count: room - 8))\r\n\r\n"
        #expect(Self.outcome(over).last == .error(status: 431, slug: "trailers-too-large"))
    }

    @Test("trailer lines share the 100-line budget with the head (6.4)")
    func trailerLinesShareBudget() {
        // The head has 3 field lines (Host, Content-Type, Transfer-Encoding).
        #expect(Self.outcome("0\r\n" + ParserRow.padLines(97) + "\r\n").last?.request != nil)
        #expect(Self.outcome("0\r\n" + ParserRow.padLines(98) + "\r\n").last
            == .error(status: 431, slug: "trailers-too-large"))
    }

    @Test("a request pipelined after a chunked body is parsed on its own (8.3)")
    func pipelinedAfterChunked() {
        let events = ParserHarness.events(bytes(Notation.chunked("2\r\n{}\r\n0\r\n\r\n") + Notation.hc))
        let requests = events.compactMap(\.request)
        #expect(requests.count == 2)
        #expect(requests.first?.body == bytes("{}"))
        #expect(requests.last?.rawPath == "/_confemu/health")
    }

    @Test("chunk data split across many appends is joined")
    func chunkDataAcrossAppends() throws {
        var harness = ParserHarness()
        harness.feed(bytes(Notation.chunked("10\r\n0123")))
        harness.feed(bytes("456789"))
        harness.feed(bytes("abcdef\r"))
        harness.feed(bytes("\n0\r\n\r"))
        #expect(harness.events.count == 1)
        harness.feed(bytes("\n"))
        #expect(try #require(harness.events.last?.request).body == bytes("0123456789abcdef"))
    }
}

@Suite("Request parser: Expect and 100 Continue (http.md §7)")
struct RequestParserExpectTests {
    static let head = Notation.postCNT("Content-Length: 2\r\nExpect: 100-continue\r\n")

    @Test("HTTP/1.1 with content and no body byte yet: sendContinue once, right after head (7.2, E01)")
    func continueOnce() throws {
        var harness = ParserHarness()
        harness.feed(bytes(Self.head))
        #expect(harness.events == [.head(method: "POST", rawTarget: Notation.cnt), .sendContinue])
        harness.feed(bytes("{"))
        harness.feed(bytes("}"))
        #expect(harness.events.filter { $0 == .sendContinue }.count == 1)
        #expect(try #require(harness.events.last?.request).body == bytes("{}"))
    }

    @Test("no sendContinue when body bytes arrived with the head (7.2)")
    func noContinueWhenBodyArrived() {
        let events = ParserHarness.events(bytes(Self.head + "{"))
        #expect(events == [.head(method: "POST", rawTarget: Notation.cnt)])
    }

    @Test("chunked content gets sendContinue too")
    func continueForChunked() {
        var harness = ParserHarness()
        harness.feed(bytes(Notation.postCNT("Transfer-Encoding: chunked\r\nExpect: 100-Continue\r\n")))
        #expect(harness.events.last == .sendContinue)
        harness.feed(bytes("2\r\n{}\r\n0\r\n\r\n"))
        #expect(harness.events.last?.request?.body == bytes("{}"))
    }

    @Test("no sendContinue without content, on HTTP/1.0, or for a too-large body, at any split", arguments: [
        Notation.postCNT("Content-Length: 0\r\nExpect: 100-continue\r\n"),
        Notation.hc(adding: "Expect: 100-continue\r\n"),
        Notation.postCNT("Content-Length: 2\r\nExpect: 100-continue\r\n", body: "{}", version: "HTTP/1.0"),
        "POST /session HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\nExpect: 100-continue\r\n\r\n",
    ])
    func noContinue(input: String) {
        let input = bytes(input)
        #expect(!ParserHarness.eventsByteByByte(input).contains(.sendContinue))
        for offset in 0...input.count {
            #expect(!ParserHarness.events([input[..<offset], input[offset...]]).contains(.sendContinue))
        }
    }

    @Test("a chunked body found too large at a size line gets no 100 once body bytes arrived with the head")
    func chunkedTooLargeWithBody() {
        // Whether a chunked body is too large is only known from a size line, i.e. once body bytes
        // arrived; a head that arrives alone gets its 100 (the limit cannot be known yet).
        let input = "POST /session HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
        let events = ParserHarness.events(bytes(input + "FFFFFFFFFFFFFFFF\r\n"))
        #expect(events.count == 2)
        #expect(events.last?.request?.bodyTooLarge == true)
        var harness = ParserHarness()
        harness.feed(bytes(input))
        harness.feed(bytes("100001\r\n"))
        #expect(harness.events.count == 3)
        #expect(harness.events[1] == .sendContinue)
        #expect(harness.events.last?.request?.bodyTooLarge == true)
    }

    @Test("HTTP/1.0 ignores Expect entirely, whatever its value (7.1)")
    func http10IgnoresExpect() throws {
        let request = try #require(ParserHarness.events(bytes("GET / HTTP/1.0\r\nExpect: foo\r\n\r\n")).last?.request)
        #expect(request.headers == [["Expect", "foo"]])
    }

    @Test("any other Expect value is 417 (7.3)", arguments: [
        "foo", "", "100-continue, foo", "100-continuex", "100-continue;a=b",
    ])
    func otherExpectations(value: String) {
        let events = ParserHarness.events(bytes(Notation.postCNT("Content-Length: 2\r\nExpect: \(value)\r\n", body: "{}")))
        #expect(events == [.error(status: 417, slug: "expectation-failed")])
    }

    @Test("two Expect lines make two members: 417 (7.2 one member)")
    func twoExpectLines() {
        let input = Notation.postCNT("Content-Length: 2\r\nExpect: 100-continue\r\nExpect: 100-continue\r\n")
        #expect(ParserHarness.events(bytes(input)) == [.error(status: 417, slug: "expectation-failed")])
    }

    @Test("Expect: 100-continue is case-insensitive and trimmed", arguments: ["100-Continue", "100-CONTINUE"])
    func caseInsensitive(value: String) {
        var harness = ParserHarness()
        harness.feed(bytes(Notation.postCNT("Content-Length: 2\r\nExpect: \(value)\r\n")))
        #expect(harness.events.last == .sendContinue)
    }
}
