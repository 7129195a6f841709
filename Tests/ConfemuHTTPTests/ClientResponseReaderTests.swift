import Testing
@testable import ConfemuHTTP

@Suite("ClientResponseReader (http.md 14.5)")
struct ClientResponseReaderTests {
    func read(_ chunks: [String], method: HTTPMethod = .POST, maxBody: Int = 65536, eof: Bool = false)
        -> (ClientResponseReader.Progress, ClientResponseReader) {
        var reader = ClientResponseReader(maxHeadBytes: 32768, maxBodyBytes: maxBody, requestMethod: method)
        var progress = ClientResponseReader.Progress.needMore
        for chunk in chunks {
            reader.append(Array(chunk.utf8))
            progress = reader.process()
            if progress != .needMore { return (progress, reader) }
        }
        if eof { progress = reader.endOfInput() }
        return (progress, reader)
    }

    @Test("a Content-Length body split across reads")
    func contentLength() {
        let (progress, reader) = read(["HTTP/1.1 200 OK\r\nContent-Le", "ngth: 5\r\nX-A:  v \r\n\r\nhe", "llo"])
        #expect(progress == .complete)
        #expect(reader.response.status == 200)
        #expect(reader.response.reason == "OK")
        #expect(reader.response.headers.first("x-a") == "v")
        #expect(reader.response.body == Array("hello".utf8))
    }

    @Test("a chunked response fed one byte at a time gives the same result")
    func byteByByte() {
        let text = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n"
        let (progress, reader) = read(text.utf8.map { String(decoding: [$0], as: UTF8.self) })
        #expect(progress == .complete)
        #expect(reader.response.status == 200)
        #expect(reader.response.body == Array("abc".utf8))
    }

    @Test("interim 1xx responses are skipped")
    func interimSkipped() {
        let (progress, reader) = read(["HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n",
                                       "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"])
        #expect(progress == .complete)
        #expect(reader.response.status == 201)
    }

    @Test("a chunked body with extensions and trailers")
    func chunked() {
        let (progress, reader) = read(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                                       "3;x=1\r\nabc\r\n", "A\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n"])
        #expect(progress == .complete)
        #expect(reader.response.body == Array("abc0123456789".utf8))
    }

    @Test("a body without framing ends at EOF")
    func untilClose() {
        let (progress, reader) = read(["HTTP/1.0 200 OK\r\n\r\nsome", " body"], eof: true)
        #expect(progress == .complete)
        #expect(reader.response.body == Array("some body".utf8))
    }

    @Test("only the first bytes of a long body are kept, then reading stops", arguments: [
        "Content-Length: 20\r\n\r\n", "Transfer-Encoding: chunked\r\n\r\n14\r\n", "\r\n",
    ])
    func truncation(framing: String) {
        let (progress, reader) = read(["HTTP/1.1 200 OK\r\n" + framing, "0123456789", "0123456789"], maxBody: 8)
        #expect(progress == .complete)
        #expect(reader.response.body == Array("01234567".utf8))
        #expect(reader.response.bodyTruncated)
    }

    @Test("HEAD, 204 and 304 responses have no body")
    func noBody() {
        #expect(read(["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"], method: .HEAD).0 == .complete)
        #expect(read(["HTTP/1.1 204 No Content\r\n\r\n"]).0 == .complete)
        #expect(read(["HTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\n\r\n"]).0 == .complete)
    }

    @Test("unparsable responses are bad-response", arguments: [
        "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "ICY 200 OK\r\n\r\n", "HTTP/1.1 200OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nNo colon\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc",
    ])
    func badResponses(text: String) {
        #expect(read([text]).0 == .failed(.badResponse))
    }

    @Test("a head over 32 KiB is bad-response")
    func headTooLarge() {
        let long = "HTTP/1.1 200 OK\r\nX-Pad: " + String(repeating: "a", count: 33000)
        #expect(read([long]).0 == .failed(.badResponse))
    }

    @Test("EOF before the response is complete is bad-response")
    func truncatedByEOF() {
        #expect(read([], eof: true).0 == .failed(.badResponse))
        #expect(read(["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"], eof: true).0 == .failed(.badResponse))
    }
}
