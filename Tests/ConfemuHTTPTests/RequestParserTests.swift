import ConfemuHTTP
import Testing

@Suite("Request parser: the hostile-request table of http.md §15")
struct RequestParserTableTests {
    @Test("each row gives the expected event when fed in one piece", arguments: ParserRow.all)
    func rowFedAtOnce(row: ParserRow) {
        verify(ParserHarness.events(row.input), row: row)
    }

    @Test("each row gives the same events fed one byte at a time", arguments: ParserRow.all)
    func rowFedByteByByte(row: ParserRow) {
        let whole = ParserHarness.events(row.input)
        let byteByByte = ParserHarness.eventsByteByByte(row.input)
        #expect(withoutContinue(byteByByte) == withoutContinue(whole))
        verify(byteByByte, row: row)
    }

    @Test("each row gives the same events split in two at every byte offset", arguments: ParserRow.all)
    func rowSplitAtEveryOffset(row: ParserRow) {
        let whole = withoutContinue(ParserHarness.events(row.input))
        var mismatches: [Int] = []
        for offset in Self.splitOffsets(row.input) {
            let split = ParserHarness.events([row.input[..<offset], row.input[offset...]])
            if withoutContinue(split) != whole { mismatches.append(offset) }
            let continues = split.filter { $0 == .sendContinue }.count
            if continues > 1 { mismatches.append(offset) }
        }
        #expect(mismatches.isEmpty, "\(row.id): events differ at offsets \(mismatches.prefix(10))")
    }

    /// Every offset from 0 to the length for rows up to 4 KiB. The five larger rows (L19, L20, F31, H20,
    /// H21) would cost n² parsed bytes in a debug build, so there the offsets are every one of the first
    /// and last 256, every one within 128 bytes of a byte that produced an event when fed one byte at a time
    /// (where a limit fires or the head ends), and every 61st in between; the byte-by-byte test covers all
    /// their boundaries.
    static func splitOffsets(_ input: [UInt8]) -> [Int] {
        let count = input.count
        guard count > 4096 else { return Array(0...count) }
        var harness = ParserHarness()
        var points: [Int] = []
        for index in input.indices where !harness.stopped {
            let before = harness.events.count
            harness.feed(input[index...index])
            if harness.events.count != before { points.append(index + 1) }
        }
        return (0...count).filter { offset in
            offset < 256 || offset > count - 256 || offset % 61 == 0 || points.contains { abs($0 - offset) <= 128 }
        }
    }

    func verify(_ events: [ParsedEvent], row: ParserRow) {
        switch row.expected {
        case .error(let status, let slug):
            #expect(events.last == .error(status: status, slug: slug), "\(row.id): \(events)")
            #expect(!events.contains { $0.request != nil }, "\(row.id): no request before the error")
        case .tooLarge(let rawPath):
            let plain = withoutContinue(events)
            #expect(plain.count == 2, "\(row.id): \(events)")
            guard plain.count == 2, case .head = plain[0], case .tooLarge(let request) = plain[1] else {
                Issue.record("\(row.id): expected head then tooLarge, got \(events)")
                return
            }
            #expect(request.rawPath == rawPath)
            #expect(request.bodyTooLarge)
            #expect(request.body.isEmpty)
            #expect(!request.keepAlive, "the connection closes after a too-large body (5.6)")
        case .requests(let checks):
            let plain = withoutContinue(events)
            #expect(plain.count == 2 * checks.count, "\(row.id): \(events)")
            for (index, check) in checks.enumerated() where 2 * index + 1 < plain.count {
                guard case .head(let method, let rawTarget) = plain[2 * index],
                      case .complete(let request) = plain[2 * index + 1] else {
                    Issue.record("\(row.id): expected head then complete, got \(events)")
                    return
                }
                #expect(method == request.method.rawValue)
                #expect(rawTarget == request.rawTarget)
                check.verify(request, row: row.id)
            }
        }
    }
}

@Suite("Request parser: driver protocol")
struct RequestParserProtocolTests {
    @Test("an empty parser needs more and holds nothing")
    func emptyParser() {
        var parser = RequestParser()
        #expect(ParsedEvent(parser.next()) == nil)
        #expect(parser.bufferedByteCount == 0)
        #expect(!parser.hasPartialRequest)
        #expect(!parser.isReadingBody)
        #expect(!parser.isFinished)
    }

    @Test("a request without body yields head, then complete, then needMore")
    func headThenComplete() {
        var parser = RequestParser()
        parser.append(bytes(Notation.hc))
        guard case .head(let head) = parser.next() else {
            Issue.record("expected head")
            return
        }
        #expect(head.method == .GET)
        #expect(head.rawPath == "/_confemu/health")
        #expect(head.authority == "confemu.test:8080")
        #expect(parser.isReadingBody)
        guard case .complete(let request) = parser.next() else {
            Issue.record("expected complete")
            return
        }
        #expect(request.headers.first("host") == "confemu.test:8080")
        #expect(ParsedEvent(parser.next()) == nil)
        #expect(!parser.hasPartialRequest)
        #expect(!parser.isReadingBody)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test("a partial request line counts as a partial request and as buffered bytes")
    func partialRequest() {
        var parser = RequestParser()
        parser.append(bytes("GET /_confemu/he"))
        #expect(ParsedEvent(parser.next()) == nil)
        #expect(parser.hasPartialRequest)
        #expect(parser.bufferedByteCount == 16)
        #expect(!parser.isReadingBody)
    }

    @Test("skipped leading empty lines count as received bytes of the next request (2.2, 9.1)")
    func leadingEmptyLinesArePartial() {
        var parser = RequestParser()
        parser.append(bytes("\r\n"))
        #expect(ParsedEvent(parser.next()) == nil)
        #expect(parser.hasPartialRequest)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test("the body deadline applies while the body is read (isReadingBody)")
    func readingBody() {
        var parser = RequestParser()
        parser.append(bytes(Notation.postCNT("Content-Length: 4\r\n", body: "ab")))
        #expect(ParsedEvent(parser.next()) == .head(method: "POST", rawTarget: Notation.cnt))
        #expect(ParsedEvent(parser.next()) == nil)
        #expect(parser.isReadingBody)
        #expect(parser.hasPartialRequest)
        parser.append(bytes("cd"))
        guard case .complete(let request) = parser.next() else {
            Issue.record("expected complete")
            return
        }
        #expect(request.body == bytes("abcd"))
        #expect(!parser.isReadingBody)
    }

    @Test("pipelined bytes after a complete request stay buffered for the next one (8.3)")
    func pipelinedBytesStayBuffered() {
        var parser = RequestParser()
        let second = "GET /_confemu/namespaces HTTP/1.1\r\n\(Notation.host)\r\n"
        parser.append(bytes(Notation.hc + second))
        #expect(ParsedEvent(parser.next()) == .head(method: "GET", rawTarget: "/_confemu/health"))
        guard case .complete = parser.next() else {
            Issue.record("expected complete")
            return
        }
        // While the handler runs the driver does not call next(); the rest waits in the buffer.
        #expect(parser.bufferedByteCount == second.utf8.count)
        #expect(parser.hasPartialRequest)
        parser.append(bytes("GET"))
        #expect(parser.bufferedByteCount == second.utf8.count + 3)
        #expect(ParsedEvent(parser.next()) == .head(method: "GET", rawTarget: "/_confemu/namespaces"))
        guard case .complete(let request) = parser.next() else {
            Issue.record("expected the second request")
            return
        }
        #expect(request.pathSegments == ["_confemu", "namespaces"])
        #expect(ParsedEvent(parser.next()) == nil)
        #expect(parser.bufferedByteCount == 3)
    }

    @Test("after an error the parser is finished: needMore forever, appended bytes dropped")
    func finishedAfterError() {
        var parser = RequestParser()
        parser.append(bytes("GET / HTTP/1.1\n"))
        #expect(ParsedEvent(parser.next()) == .error(status: 400, slug: "bad-line-ending"))
        #expect(parser.isFinished)
        #expect(ParsedEvent(parser.next()) == nil)
        parser.append(bytes(Notation.hc))
        #expect(ParsedEvent(parser.next()) == nil)
        #expect(parser.bufferedByteCount == 0)
        #expect(!parser.hasPartialRequest)
    }

    @Test("after tooLarge the parser is finished and keeps no body bytes")
    func finishedAfterTooLarge() {
        var parser = RequestParser(bodyLimit: testBodyLimit)
        parser.append(bytes("POST /tiny HTTP/1.1\r\n\(Notation.host)Content-Length: 11\r\n\r\n0123456789A"))
        #expect(ParsedEvent(parser.next()) == .head(method: "POST", rawTarget: "/tiny"))
        guard case .tooLarge(let request) = parser.next() else {
            Issue.record("expected tooLarge")
            return
        }
        #expect(request.bodyTooLarge)
        #expect(request.body.isEmpty)
        #expect(request.headers.first("Content-Length") == "11")
        #expect(parser.isFinished)
        #expect(parser.bufferedByteCount == 0)
        #expect(ParsedEvent(parser.next()) == nil)
    }

    @Test("half-close: a complete buffered request is still produced, then the parser is finished (8.4)")
    func halfCloseAfterCompleteRequest() {
        var parser = RequestParser()
        parser.append(bytes(Notation.hc))
        parser.finishInput()
        parser.append(bytes(Notation.hc))  // ignored: nothing arrives after EOF
        #expect(ParsedEvent(parser.next()) == .head(method: "GET", rawTarget: "/_confemu/health"))
        guard case .complete = parser.next() else {
            Issue.record("expected complete")
            return
        }
        #expect(!parser.isFinished)
        #expect(ParsedEvent(parser.next()) == nil)
        #expect(parser.isFinished)
        #expect(!parser.hasPartialRequest, "EOF between requests")
    }

    @Test("half-close in the middle of a request: finished with a partial request (close silently, 8.4)")
    func halfCloseInsideRequest() {
        var parser = RequestParser()
        parser.append(bytes(Notation.postCNT("Content-Length: 10\r\n", body: "abc")))
        parser.finishInput()
        #expect(ParsedEvent(parser.next()) == .head(method: "POST", rawTarget: Notation.cnt))
        #expect(ParsedEvent(parser.next()) == nil)
        #expect(parser.isFinished)
        #expect(parser.hasPartialRequest)
    }

    @Test("leading empty lines are skipped before each pipelined request (2.2)")
    func leadingEmptyLinesBetweenRequests() {
        let events = ParserHarness.events(bytes(Notation.hc + "\r\n\r\n\r\n" + Notation.hc))
        #expect(events.compactMap(\.request).count == 2)
        #expect(events.count == 4)
    }
}

@Suite("Request parser: header fields")
struct RequestParserFieldTests {
    @Test("fields keep their order, case and duplicates; values are trimmed of SP and HTAB (4.3, 4.5)")
    func fieldsInOrder() throws {
        let input = "GET / HTTP/1.1\r\nHost: h\r\nX-A: \t one two \t\r\nx-a:two\r\nX-Empty: \t \r\n\r\n"
        let request = try #require(ParserHarness.events(bytes(input)).last?.request)
        #expect(request.headers == [["Host", "h"], ["X-A", "one two"], ["x-a", "two"], ["X-Empty", ""]])
    }

    @Test("a UTF-8 value stays UTF-8, other high bytes map to ISO-8859-1 (4.3)")
    func valueDecoding() throws {
        let input = bytes("GET / HTTP/1.1\r\nHost: h\r\nX-U: caf") + [0xC3, 0xA9] + bytes("\r\nX-L: ") + [0xFF, 0xE9]
            + bytes("\r\n\r\n")
        let request = try #require(ParserHarness.events(input).last?.request)
        #expect(request.headers[1] == ["X-U", "café"])
        #expect(request.headers[2] == ["X-L", "ÿé"])
    }

    @Test("the absolute-form authority replaces Host, which must still be valid (3.2, 4.6)", arguments: [
        ("GET http://example.com:81/x?q HTTP/1.1\r\nHost: other\r\n\r\n", "example.com:81"),
        ("GET http://[::1]:8080 HTTP/1.1\r\nHost: other\r\n\r\n", "[::1]:8080"),
        ("GET http://example.com?a=1 HTTP/1.1\r\nHost: other\r\n\r\n", "example.com"),
    ])
    func absoluteAuthority(input: String, authority: String) throws {
        let request = try #require(ParserHarness.events(bytes(input)).last?.request)
        #expect(request.authority == authority)
        #expect(request.headers == [["Host", "other"]])
        #expect(request.rawPath.hasPrefix("/"))
    }

    @Test("absolute-form without a path means / and keeps the query (3.2, 3.6)")
    func absoluteWithoutPath() throws {
        let request = try #require(ParserHarness.events(bytes("GET http://h?a=1 HTTP/1.1\r\nHost: h\r\n\r\n")).last?.request)
        #expect(request.rawPath == "/")
        #expect(request.rawQuery == "a=1")
        #expect(request.rawTarget == "http://h?a=1")
        #expect(request.pathSegments == [""])
    }

    @Test("absolute-form with an invalid Host field is still invalid-host (3.2, 4.6)")
    func absoluteWithBadHost() {
        let events = ParserHarness.events(bytes("GET http://h/ HTTP/1.1\r\nHost: a b\r\n\r\n"))
        #expect(events == [.error(status: 400, slug: "invalid-host")])
    }

    @Test("HTTP/1.1 absolute-form without Host is still missing-host (4.6)")
    func absoluteWithoutHost() {
        let events = ParserHarness.events(bytes("GET http://h/ HTTP/1.1\r\n\r\n"))
        #expect(events == [.error(status: 400, slug: "missing-host")])
    }

    @Test("bad absolute-form targets are bad-target (3.2)", arguments: [
        "http:///x", "http://", "https://:80/", "http://a:b@h/", "http://h:123456/", "http://h%zz/",
        "http:/h/", "mailto:x", "example.com:443",
    ])
    func badAbsoluteTargets(target: String) {
        let events = ParserHarness.events(bytes("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n"))
        #expect(events == [.error(status: 400, slug: "bad-target")])
    }

    @Test("Host values of the uri-host [\":\" port] grammar are accepted (4.6)", arguments: [
        "", "localhost", "localhost:8080", "127.0.0.1:1", "[::1]", "[::1]:80", "[2001:db8::8:800:200c:417a]",
        "[::ffff:192.0.2.1]", "ex%41mple.com", "a!$&'()*+,;=b", ":80",
    ])
    func validHosts(host: String) throws {
        let request = try #require(ParserHarness.events(bytes("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")).last?.request)
        #expect(request.authority == host)
    }

    @Test("Host values outside the grammar are invalid-host (4.6)", arguments: [
        "exa mple", "user@h", "h:", "h:123456", "h:8o", "[::1", "[::1]x", "[1:2:3:4:5:6:7:8:9]", "[1::2::3]",
        "[12345::]", "h%zz", "h/x", "[::1%eth0]",
    ])
    func invalidHosts(host: String) {
        let events = ParserHarness.events(bytes("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n"))
        #expect(events == [.error(status: 400, slug: "invalid-host")])
    }

    @Test("HTTP/1.0 with two Host lines is duplicate-host, with a bad one invalid-host (4.6)")
    func http10Host() {
        #expect(ParserHarness.events(bytes("GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n"))
            == [.error(status: 400, slug: "duplicate-host")])
        #expect(ParserHarness.events(bytes("GET / HTTP/1.0\r\nHost: a b\r\n\r\n"))
            == [.error(status: 400, slug: "invalid-host")])
    }

    @Test("keep-alive follows 8.1", arguments: [
        ("HTTP/1.1", "", true),
        ("HTTP/1.1", "Connection: close\r\n", false),
        ("HTTP/1.1", "Connection: foo\r\nConnection: CLOSE\r\n", false),
        ("HTTP/1.1", "Connection: keep-alive\r\n", true),
        ("HTTP/1.1", "Connection: closed\r\n", true),
        ("HTTP/1.0", "", false),
        ("HTTP/1.0", "Connection: Keep-Alive\r\n", true),
        ("HTTP/1.0", "Connection: keep-alive, close\r\n", false),
        ("HTTP/1.0", "Connection: keep-alive\r\nConnection: close\r\n", false),
    ])
    func keepAlive(version: String, fields: String, keepAlive: Bool) throws {
        let input = "GET / \(version)\r\nHost: h\r\n\(fields)\r\n"
        let request = try #require(ParserHarness.events(bytes(input)).last?.request)
        #expect(request.keepAlive == keepAlive)
    }

    @Test("HTTP/1.2 is handled and reported as HTTP/1.1 (2.7, RFC 9110 §2.5)")
    func minorVersionAboveOne() throws {
        let request = try #require(ParserHarness.events(bytes("GET / HTTP/1.9\r\nHost: h\r\n\r\n")).last?.request)
        #expect(request.version == .http11)
    }
}

@Suite("Request parser: order of checks (2.8)")
struct RequestParserOrderTests {
    @Test("checks at the end of the request line run shape, version, method, target in that order", arguments: [
        ("get  * HTTP/2.0", 400, "bad-request-line"),
        ("get * HTTP/2.0", 505, "version-not-supported"),
        ("get * HTTP/1.1", 501, "method-not-implemented"),
        ("get * http/1.1", 400, "bad-version"),
        ("GET * HTTP/1.1", 400, "bad-target"),
        ("G(T # HTTP/9.9", 400, "bad-request-line"),
        ("OPTIONS #", 400, "bad-request-line"),
    ])
    func endOfLineOrder(line: String, status: Int, slug: String) {
        let events = ParserHarness.events(bytes(line + "\r\nHost: h\r\n\r\n"))
        #expect(events == [.error(status: status, slug: slug)])
    }

    @Test("errors at the end of the request line come before any header is read")
    func requestLineErrorBeforeHeaders() {
        var harness = ParserHarness()
        harness.feed(bytes("GET x HTTP/1.1\r\n"))
        #expect(harness.events == [.error(status: 400, slug: "bad-target")])
    }

    @Test("Host is checked before framing, framing before Expect (2.8)")
    func headCheckOrder() {
        #expect(ParserHarness.events(bytes("POST / HTTP/1.1\r\nContent-Length: x\r\nExpect: foo\r\n\r\n"))
            == [.error(status: 400, slug: "missing-host")])
        #expect(ParserHarness.events(bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: x\r\nExpect: foo\r\n\r\n"))
            == [.error(status: 400, slug: "invalid-content-length")])
        #expect(ParserHarness.events(bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nExpect: foo\r\n\r\n"))
            == [.error(status: 417, slug: "expectation-failed")])
    }

    @Test("framing rules answer in the order of §5", arguments: [
        ("HTTP/1.0", "Transfer-Encoding: gzip\r\nContent-Length: 1\r\nContent-Length: 1\r\n", "te-on-http10"),
        ("HTTP/1.1", "Transfer-Encoding: gzip\r\nContent-Length: 1\r\nContent-Length: 1\r\n", "te-and-cl"),
        ("HTTP/1.1", "Content-Length: x\r\nContent-Length: 1\r\n", "duplicate-content-length"),
        ("HTTP/1.1", "Transfer-Encoding: chunked, chunked\r\n", "bad-transfer-encoding"),
        ("HTTP/1.1", "Transfer-Encoding: chunked;x=1\r\n", "bad-transfer-encoding"),
        ("HTTP/1.1", "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", "unsupported-transfer-coding"),
    ])
    func framingOrder(version: String, fields: String, slug: String) {
        let events = ParserHarness.events(bytes("POST / \(version)\r\nHost: h\r\n\(fields)\r\n"))
        #expect(events.last?.description.contains(slug) == true, "\(events)")
        #expect(events.count == 1)
    }

    @Test("a too-large Content-Length wins over a bad Expect value (§5 before §7)")
    func tooLargeBeforeExpect() {
        let events = ParserHarness.events(bytes("POST /tiny HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\nExpect: foo\r\n\r\n"))
        #expect(events.count == 2)
        guard case .tooLarge = events.last else {
            Issue.record("expected tooLarge, got \(events)")
            return
        }
    }

    @Test("within a byte, line endings come before characters: CR then NUL is bad-line-ending")
    func lineEndingBeforeCharacter() {
        #expect(ParserHarness.events(bytes("GET /\r\u{00}")) == [.error(status: 400, slug: "bad-line-ending")])
        #expect(ParserHarness.events(bytes("GET /\u{00}")) == [.error(status: 400, slug: "invalid-character")])
    }

    @Test("character errors come before the method limit at byte 17")
    func characterBeforeMethodLimit() {
        let events = ParserHarness.events(bytes(String(repeating: "A", count: 16) + "\u{01}"))
        #expect(events == [.error(status: 400, slug: "invalid-character")])
    }

    @Test("a request line without SP is cut at byte 17 by the method limit, even with a bad tchar")
    func methodLimitWithoutSpace() {
        #expect(ParserHarness.events(bytes("(((((((((((((((((")) == [.error(status: 501, slug: "method-not-implemented")])
        #expect(ParserHarness.events(bytes("((((((((((((((((")) == [])
    }

    @Test("a version part longer than 1024 bytes is a bad-request-line without waiting for the CRLF")
    func versionPartBounded() {
        let line = "GET / HTTP/1.1" + String(repeating: "x", count: 1016)
        #expect(ParserHarness.events(bytes(line)) == [])
        #expect(ParserHarness.events(bytes(line + "x")) == [.error(status: 400, slug: "bad-request-line")])
        #expect(ParserHarness.events(bytes(line + "\r\n")) == [.error(status: 400, slug: "bad-version")])
    }

    @Test("header lines: grammar before the line budget, line budget before the byte budget")
    func fieldBudgetOrder() {
        let head = "GET / HTTP/1.1\r\nHost: h\r\n" + ParserRow.padLines(99)
        #expect(ParserHarness.events(bytes(head + " x")) == [.error(status: 400, slug: "obs-fold")])
        #expect(ParserHarness.events(bytes(head + "(")) == [.error(status: 400, slug: "bad-header")])
        #expect(ParserHarness.events(bytes(head + "X")) == [.error(status: 431, slug: "too-many-headers")])
        #expect(ParserHarness.events(bytes(head + "\r\n")).count == 2)
    }
}
