import Testing
@testable import ConfemuHTTP

/// A sample of http.md §15 over a live socket: the driver turns each parser outcome into the right
/// response, closes after errors, and keeps the connection open otherwise (`/echo` stands in for CNT).
@Suite("HTTPServer and the hostile-request table (http.md §15)")
struct HTTPServerHostileRowTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var id: String
        var request: String
        var status: Int
        var closes: Bool
        var slug: String?
        var testDescription: String { id }
    }

    static let host = "Host: localhost\r\n"
    static let health = "GET /_confemu/health HTTP/1.1\r\n\(host)\r\n"
    static let chunkedEcho = "POST /echo HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n"

    static let rows: [Row] = [
        Row(id: "L02", request: "\r\n\r\n" + health, status: 200, closes: false),
        Row(id: "L03", request: "GET /_confemu/health HTTP/1.1\nHost: h\n\n", status: 400, closes: true,
            slug: "bad-line-ending"),
        Row(id: "L05", request: "GET  /_confemu/health HTTP/1.1\r\n\(host)\r\n", status: 400, closes: true,
            slug: "bad-request-line"),
        Row(id: "L14", request: "get /_confemu/health HTTP/1.1\r\n\(host)\r\n", status: 501, closes: true,
            slug: "method-not-implemented"),
        Row(id: "L19", request: "GET /_confemu/health?pad=\(String(repeating: "a", count: 9000)) HTTP/1.1\r\n\(host)\r\n",
            status: 414, closes: true, slug: "uri-too-long"),
        Row(id: "L21", request: "GET /_confemu/health HTTP/1.2\r\n\(host)\r\n", status: 200, closes: false),
        Row(id: "L22", request: "GET /_confemu/health HTTP/2.0\r\n\(host)\r\n", status: 505, closes: true,
            slug: "version-not-supported"),
        Row(id: "L29", request: "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}", status: 400, closes: true,
            slug: "invalid-character"),
        Row(id: "H01", request: "GET /_confemu/health HTTP/1.1\r\n\r\n", status: 400, closes: true, slug: "missing-host"),
        Row(id: "H20", request: "GET /_confemu/health HTTP/1.1\r\n\(host)X-Big: \(String(repeating: "b", count: 40000))\r\n\r\n",
            status: 431, closes: true, slug: "headers-too-large"),
        Row(id: "F01", request: "POST /echo HTTP/1.1\r\n\(host)Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}",
            status: 400, closes: true, slug: "te-and-cl"),
        Row(id: "F13", request: "POST /echo HTTP/1.1\r\n\(host)Transfer-Encoding: gzip, chunked\r\n\r\n", status: 501,
            closes: true, slug: "unsupported-transfer-coding"),
        Row(id: "F21", request: chunkedEcho + "1\r\n{\r\n1\r\n}\r\n0\r\n\r\n", status: 200, closes: false),
        Row(id: "F26", request: chunkedEcho + "FFFFFFFFFFFFFFFF\r\n", status: 413, closes: true, slug: "body-too-large"),
        Row(id: "F37", request: "GET /_confemu/health HTTP/1.1\r\n\(host)Content-Length: 5\r\n\r\nhello", status: 200,
            closes: false),
        Row(id: "E03", request: "GET /_confemu/health HTTP/1.1\r\n\(host)Expect: foo\r\n\r\n", status: 417, closes: true,
            slug: "expectation-failed"),
        Row(id: "E05", request: "GET /_confemu/health HTTP/1.1\r\n\(host)Expect: 100-continue\r\n\r\n", status: 200,
            closes: false),
        Row(id: "X04", request: "POST /echo HTTP/1.1\r\n\(host)Content-Length: 2\r\n\r\n{}" + health, status: 200,
            closes: false),
    ]

    @Test("each row gets its status, its 11.7 body, and closes or stays open", arguments: rows)
    func row(_ row: Row) async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { server, port in
                let client = try RawTestClient(port: port)
                try await client.send(Array(row.request.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }))
                let response = try await client.readResponse()
                #expect(response.status == row.status)
                if let slug = row.slug {
                    #expect(response.bodyText == "\(row.status) \(HTTPStatus.reason(row.status)): \(slug)\n")
                    // The 413 of 5.6 is the responder's (the engine counts it); the others are the server's.
                    #expect(server.statistics.protocolErrors[slug] == (slug == "body-too-large" ? nil : 1))
                }
                if row.closes {
                    #expect(response.header("Connection") == "close")
                    #expect(await client.closesWithoutData(timeoutMilliseconds: 3000))
                } else {
                    #expect(response.header("Connection") == nil)
                    if row.id == "X04" { #expect(try await client.readResponse().status == 200) }
                    // "open": a further request on the same connection is answered.
                    try await client.send(Self.health)
                    #expect(try await client.readResponse().bodyText == TestResponder.health)
                }
                // After every row the server still answers on a new connection.
                let next = try RawTestClient(port: port)
                try await next.send(Self.health)
                #expect(try await next.readResponse().status == 200)
            }
        }
    }
}
