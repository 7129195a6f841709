import ConfemuHTTP
import Testing

@Suite("Request parser: limits at the boundary and one past (http.md §0, 1.2)")
struct RequestParserLimitTests {
    // MARK: Method (2.5)

    @Test("16 method bytes wait for more; byte 17 is 501 at once")
    func methodLimit() {
        let sixteen = String(repeating: "M", count: 16)
        #expect(ParserHarness.events(bytes(sixteen)) == [])
        #expect(ParserHarness.eventsByteByByte(bytes(sixteen + "M")) == [.error(status: 501, slug: "method-not-implemented")])
        // A 16-byte well-formed method is not supported: 501 at the end of the line.
        #expect(ParserHarness.events(bytes(sixteen + " / HTTP/1.1\r\nHost: h\r\n\r\n"))
            == [.error(status: 501, slug: "method-not-implemented")])
    }

    // MARK: Target (2.6)

    @Test("an 8000-byte target is served; byte 8001 is 414 even before any SP follows")
    func targetLimit() throws {
        let target8000 = "/" + String(repeating: "a", count: 7999)
        let request = try #require(ParserHarness.events(bytes("GET \(target8000) HTTP/1.1\r\nHost: h\r\n\r\n")).last?.request)
        #expect(request.rawTarget == target8000)
        #expect(ParserHarness.events(bytes("GET \(target8000)")) == [])
        #expect(ParserHarness.events(bytes("GET \(target8000)a")) == [.error(status: 414, slug: "uri-too-long")])
        #expect(ParserHarness.eventsByteByByte(bytes("GET \(target8000)a")) == [.error(status: 414, slug: "uri-too-long")])
    }

    @Test("the target limit counts the whole absolute-form target")
    func absoluteTargetLimit() {
        let target = "http://h/" + String(repeating: "a", count: 8000 - 9)
        #expect(ParserHarness.events(bytes("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n")).count == 2)
        #expect(ParserHarness.events(bytes("GET \(target)a")) == [.error(status: 414, slug: "uri-too-long")])
    }

    // MARK: Header section (4.4)

    /// A head whose header section (field lines + empty line) is exactly `size` bytes.
    static func head(sectionBytes size: Int) -> String {
        // "Host: h\r\n" (9) + "X-Pad: " (7) + value + "\r\n" (2) + "\r\n" (2)
        "GET / HTTP/1.1\r\nHost: h\r\nX-Pad: \(String(repeating: "a", count: size - 20))\r\n\r\n"
    }

    @Test("a 32768-byte header section is accepted; 32769 bytes is 431")
    func headerSectionLimit() {
        #expect(ParserHarness.events(bytes(Self.head(sectionBytes: 32768))).count == 2)
        #expect(ParserHarness.events(bytes(Self.head(sectionBytes: 32769))) == [.error(status: 431, slug: "headers-too-large")])
    }

    @Test("byte 32769 of the header section is 431 at once, in the middle of a line")
    func headerSectionLimitMidLine() {
        let prefix = "GET / HTTP/1.1\r\nHost: h\r\nX-Pad: "
        let section = 9 + 7
        let upTo32768 = prefix + String(repeating: "a", count: 32768 - section)
        #expect(ParserHarness.events(bytes(upTo32768)) == [])
        #expect(ParserHarness.events(bytes(upTo32768 + "a")) == [.error(status: 431, slug: "headers-too-large")])
        #expect(ParserHarness.eventsByteByByte(bytes(upTo32768 + "a")) == [.error(status: 431, slug: "headers-too-large")])
    }

    @Test("100 field lines are accepted; line 101 is 431 as soon as it starts")
    func fieldLineLimit() {
        let hundred = "GET / HTTP/1.1\r\nHost: h\r\n" + ParserRow.padLines(99)
        #expect(ParserHarness.events(bytes(hundred + "\r\n")).count == 2)
        #expect(ParserHarness.events(bytes(hundred + "X")) == [.error(status: 431, slug: "too-many-headers")])
    }

    @Test("custom limits from ParserLimits are honoured")
    func customLimits() {
        var limits = ParserLimits()
        limits.maxTargetBytes = 10
        limits.maxHeaderLines = 1
        limits.maxMethodBytes = 3
        #expect(ParserHarness.events(bytes("GET /123456789 HTTP/1.1\r\nHost: h\r\n\r\n"), limits: limits).count == 2)
        #expect(ParserHarness.events(bytes("GET /1234567890"), limits: limits) == [.error(status: 414, slug: "uri-too-long")])
        #expect(ParserHarness.events(bytes("POST"), limits: limits) == [.error(status: 501, slug: "method-not-implemented")])
        #expect(ParserHarness.events(bytes("GET / HTTP/1.1\r\nHost: h\r\nX"), limits: limits)
            == [.error(status: 431, slug: "too-many-headers")])
    }

    // MARK: Chunk size line (6.1, 6.2)

    @Test("16 chunk-size digits are accepted; the 17th is bad-chunk-size at once")
    func chunkDigits() throws {
        let request = try #require(ParserHarness.events(bytes(Notation.chunked("0000000000000002\r\n{}\r\n0000000000000000\r\n\r\n"))).last?.request)
        #expect(request.body == bytes("{}"))
        #expect(ParserHarness.events(bytes(Notation.chunked("0000000000000000"))).count == 1)
        #expect(ParserHarness.events(bytes(Notation.chunked("00000000000000000")))
            == [.head(method: "POST", rawTarget: Notation.cnt), .error(status: 400, slug: "bad-chunk-size")])
    }

    @Test("a 4096-byte size line is accepted; byte 4097 is chunk-extension-too-long at once")
    func chunkLineLimit() throws {
        let line4096 = "2;" + String(repeating: "a", count: 4094)
        let request = try #require(ParserHarness.events(bytes(Notation.chunked(line4096 + "\r\n{}\r\n0\r\n\r\n"))).last?.request)
        #expect(request.body == bytes("{}"))
        #expect(ParserHarness.events(bytes(Notation.chunked(line4096))).count == 1)
        #expect(ParserHarness.events(bytes(Notation.chunked(line4096 + "a"))).last
            == .error(status: 400, slug: "chunk-extension-too-long"))
        #expect(ParserHarness.events(bytes(Notation.chunked("0;" + String(repeating: "a", count: 4095)))).last
            == .error(status: 400, slug: "chunk-extension-too-long"))
    }

    // MARK: Body limit (5.6)

    @Test("Content-Length equal to the limit is read; one more is tooLarge before any body byte", arguments: [
        ("/tiny", 10), ("/session", 1_048_576), ("/elsewhere", 1_048_576), ("/_confemu/x", 16_777_216),
    ])
    func contentLengthLimit(path: String, limit: Int) {
        let exact = ParserHarness.events(bytes("POST \(path) HTTP/1.1\r\nHost: h\r\nContent-Length: \(limit)\r\n\r\n"))
        #expect(exact == [.head(method: "POST", rawTarget: path)], "waits for the body")
        let over = ParserHarness.events(bytes("POST \(path) HTTP/1.1\r\nHost: h\r\nContent-Length: \(limit + 1)\r\n\r\n"))
        #expect(over.count == 2)
        #expect(over.last?.request?.bodyTooLarge == true)
    }

    @Test("a body of exactly the limit completes")
    func contentLengthExactBody() throws {
        let input = "POST /tiny HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789"
        let request = try #require(ParserHarness.events(bytes(input)).last?.request)
        #expect(request.body == bytes("0123456789"))
        #expect(!request.bodyTooLarge)
    }

    @Test("chunked bodies may total exactly the limit; the size line that passes it is tooLarge")
    func chunkedLimit() throws {
        let exact = Notation.chunked("5\r\n12345\r\n5\r\n67890\r\n0\r\n\r\n", path: "/tiny")
        let request = try #require(ParserHarness.events(bytes(exact)).last?.request)
        #expect(request.body == bytes("1234567890"))

        let over = Notation.chunked("5\r\n12345\r\n6\r\n", path: "/tiny")
        let events = ParserHarness.events(bytes(over))
        #expect(events.count == 2)
        #expect(events.last?.request?.bodyTooLarge == true)
        #expect(events.last?.request?.body == [])
        // Announced, not received: the data of the passing chunk is never awaited.
        #expect(ParserHarness.events(bytes(Notation.chunked("B\r\n", path: "/tiny"))).count == 2)
    }

    @Test("a 1 MiB body fed in 4 KiB pieces completes, byte-exact, with nothing left buffered")
    func megabyteBodyInPieces() throws {
        let body = (0..<1_048_576).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let input = bytes("POST /session HTTP/1.1\r\nHost: h\r\nContent-Length: 1048576\r\n\r\n") + body
        let clock = ContinuousClock()
        var harness = ParserHarness()
        var maxBuffered = 0
        let elapsed = clock.measure {
            var offset = 0
            while offset < input.count {
                let end = min(offset + 4096, input.count)
                harness.feed(input[offset..<end])
                maxBuffered = max(maxBuffered, harness.parser.bufferedByteCount)
                offset = end
            }
        }
        let request = try #require(harness.events.last?.request)
        #expect(request.body == body)
        #expect(maxBuffered == 0, "body bytes are consumed as they arrive")
        #expect(elapsed < .seconds(2))
    }

    @Test("a 1 MiB chunked body fed in 4 KiB pieces completes byte-exact")
    func megabyteChunkedBodyInPieces() throws {
        var body: [UInt8] = []
        var chunks: [UInt8] = []
        var produced = 0
        while produced < 1_048_576 {
            let size = min(1000 + produced % 7, 1_048_576 - produced)
            let data = (0..<size).map { UInt8(truncatingIfNeeded: ($0 + produced) &* 13) }
            chunks += bytes(String(size, radix: 16) + ";n=v\r\n") + data + bytes("\r\n")
            body += data
            produced += size
        }
        let input = bytes("POST /session HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n") + chunks
            + bytes("0\r\nX-T: 1\r\n\r\n")
        var harness = ParserHarness()
        let elapsed = ContinuousClock().measure {
            var offset = 0
            while offset < input.count {
                let end = min(offset + 4096, input.count)
                harness.feed(input[offset..<end])
                offset = end
            }
        }
        let request = try #require(harness.events.last?.request)
        #expect(request.body == body)
        #expect(elapsed < .seconds(2))
    }

    @Test("a 32 KiB head fed one byte at a time is parsed without rescanning")
    func largeHeadByteByByte() {
        let input = bytes(Self.head(sectionBytes: 32768))
        var events: [ParsedEvent] = []
        let elapsed = ContinuousClock().measure { events = ParserHarness.eventsByteByByte(input) }
        #expect(events.count == 2)
        #expect(elapsed < .seconds(2))
    }
}
