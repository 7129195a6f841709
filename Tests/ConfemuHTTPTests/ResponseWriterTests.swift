import ConfemuSupport
import Testing
@testable import ConfemuHTTP

@Suite("ResponseWriter (http.md §11)")
struct ResponseWriterTests {
    static let date = "Sun, 22 Nov 2026 10:00:00 GMT"

    func text(_ response: HTTPResponse, head: Bool = false, connection: ResponseWriter.ConnectionField = .none,
              logger: Logger = .discarding) -> String {
        let output = ResponseWriter.serialize(response, omitBody: head, connection: connection, date: Self.date,
                                              logger: logger)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    @Test("fields come in the order Date, Server, handler fields, Content-Length, Connection")
    func fieldOrder() {
        let response = HTTPResponse(status: 200, headers: ["Content-Type": "application/json", "X-B": "2"],
                                    body: Array("{}".utf8))
        #expect(text(response, connection: .close) == "HTTP/1.1 200 OK\r\n"
            + "Date: \(Self.date)\r\nServer: confemu\r\nContent-Type: application/json\r\nX-B: 2\r\n"
            + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
    }

    @Test("persistent HTTP/1.1 has no Connection field; persistent HTTP/1.0 says keep-alive")
    func connectionField() {
        let response = HTTPResponse(status: 404)
        #expect(!text(response).contains("Connection"))
        #expect(text(response, connection: .keepAlive).hasSuffix("Content-Length: 0\r\nConnection: keep-alive\r\n\r\n"))
    }

    @Test("HEAD keeps the GET's Content-Length and drops the body")
    func headDropsBody() {
        let response = HTTPResponse(status: 200, body: Array("hello".utf8))
        let written = text(response, head: true)
        #expect(written.hasSuffix("Content-Length: 5\r\n\r\n"))
    }

    @Test("204 has neither Content-Length nor body")
    func noContent() {
        let written = text(HTTPResponse(status: 204, headers: ["X-A": "1"], body: Array("x".utf8)))
        #expect(written == "HTTP/1.1 204 No Content\r\nDate: \(Self.date)\r\nServer: confemu\r\nX-A: 1\r\n\r\n")
    }

    @Test("1xx has no Date, Server or Content-Length")
    func informational() {
        #expect(text(HTTPResponse(status: 103, headers: ["Link": "</a>"])) == "HTTP/1.1 103 Unknown\r\nLink: </a>\r\n\r\n")
        #expect(String(decoding: ResponseWriter.continueBytes, as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
    }

    @Test("framing fields set by the handler are dropped", arguments: [
        "Content-Length", "content-length", "Transfer-Encoding", "Connection", "Date", "SERVER",
    ])
    func ownedFieldsDropped(name: String) {
        let sink = MemoryLogSink()
        let response = HTTPResponse(status: 200, headers: HTTPHeaders([(name, "99"), ("X-Kept", "yes")]),
                                    body: Array("abc".utf8))
        let written = text(response, logger: Logger(sink: sink, minimumLevel: .debug))
        #expect(!written.contains("99"))
        #expect(written.contains("X-Kept: yes\r\nContent-Length: 3\r\n"))
        #expect(sink.messages.contains("dropped handler field owned by the writer"))
    }

    @Test("a CR, LF or NUL in a value or a non-token name replaces the response with 500", arguments: [
        ("Location", "/a\r\nSet-Cookie: x=1"), ("X-A", "a\nb"), ("X-A", "a\u{0}b"), ("Bad Name", "v"), ("", "v"),
        ("X(A)", "v"),
    ])
    func invalidFieldGives500(name: String, value: String) {
        let sink = MemoryLogSink()
        let response = HTTPResponse(status: 302, headers: HTTPHeaders([(name, value)]), body: Array("moved".utf8))
        let output = ResponseWriter.serialize(response, omitBody: false, connection: .none, date: Self.date,
                                              logger: Logger(sink: sink, minimumLevel: .debug))
        let body = "500 Internal Server Error: invalid-response-header\n"
        #expect(String(decoding: output.bytes, as: UTF8.self) == "HTTP/1.1 500 Internal Server Error\r\n"
            + "Date: \(Self.date)\r\nServer: confemu\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
        #expect(output.replaced)
        #expect(output.status == 500)
        #expect(sink.all.contains { $0.level == .error })
    }

    @Test("HTTP-layer responses have the 11.7 body")
    func protocolErrorBody() {
        let written = text(.protocolError(status: 400, slug: "duplicate-content-length"), connection: .close)
        #expect(written.hasSuffix("Content-Length: 42\r\nConnection: close\r\n\r\n400 Bad Request: duplicate-content-length\n"))
    }

    @Test("a body over 64 KiB is kept apart for a gathered write; smaller bodies share the head's buffer")
    func gatheredWrite() {
        let large = ResponseWriter.serialize(HTTPResponse(status: 200, body: [UInt8](repeating: 65, count: 70000)),
                                             omitBody: false, connection: .none, date: Self.date, logger: .discarding)
        #expect(large.body.count == 70000)
        #expect(String(decoding: large.head, as: UTF8.self).hasSuffix("Content-Length: 70000\r\n\r\n"))
        let small = ResponseWriter.serialize(HTTPResponse(status: 200, body: [UInt8](repeating: 65, count: 65536)),
                                             omitBody: false, connection: .none, date: Self.date, logger: .discarding)
        #expect(small.body.isEmpty)
        #expect(small.count == small.head.count)
    }

    @Test("every response says HTTP/1.1 with the RFC reason phrase", arguments: [
        (413, "Content Too Large"), (431, "Request Header Fields Too Large"), (505, "HTTP Version Not Supported"),
        (503, "Service Unavailable"),
    ])
    func reasonPhrases(status: Int, reason: String) {
        #expect(text(HTTPResponse(status: status)).hasPrefix("HTTP/1.1 \(status) \(reason)\r\n"))
    }
}
