import ConfemuTesting
import Foundation
import Testing

/// Every row of http.md §15 sent over a real socket to the whole application (not a test responder):
/// exact status, and whether the connection stays open (a further `HC` is answered) or closes.
@Suite("http.md §15 hostile requests against the real app", .serialized)
struct HostileRequestTests {
    enum After: Sendable {
        case open
        case close
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var id: String
        var bytes: [UInt8]
        var statuses: [Int]
        var after: After
        var slug: String?
        var head = false
        var halfClose = false
        /// Send these bytes only after the first (interim) response arrived.
        var afterInterim: [UInt8] = []

        var testDescription: String { id }
    }

    static let host = "Host: 127.0.0.1\r\n"
    static let hc = "GET /_confemu/health HTTP/1.1\r\n\(host)\r\n"
    static let cnt = "/_confemu/namespaces/default/requests/count"
    static let json = "Content-Type: application/json\r\n"

    static func row(_ id: String, _ text: String, _ statuses: [Int], _ after: After, _ slug: String? = nil) -> Row {
        Row(id: id, bytes: Array(text.utf8), statuses: statuses, after: after, slug: slug)
    }

    static func hcWith(_ extra: String) -> String { "GET /_confemu/health HTTP/1.1\r\n\(host)\(extra)\r\n" }

    static func chunked(_ body: String) -> String {
        "POST \(cnt) HTTP/1.1\r\n\(host)\(json)Transfer-Encoding: chunked\r\n\r\n\(body)"
    }

    static let rows: [Row] = {
        let h = host
        var rows: [Row] = [
            row("L01", hc, [200], .open),
            row("L02", "\r\n\r\n" + hc, [200], .open),
            row("L03", "GET /_confemu/health HTTP/1.1\nHost: h\n\n", [400], .close, "bad-line-ending"),
            row("L04", "GET /_confemu/health HTTP/1.1\r\(h)\r\n", [400], .close, "bad-line-ending"),
            row("L05", "GET  /_confemu/health HTTP/1.1\r\n\(h)\r\n", [400], .close, "bad-request-line"),
            row("L06", " GET /_confemu/health HTTP/1.1\r\n\(h)\r\n", [400], .close, "bad-request-line"),
            row("L07", "GET /_confemu/health HTTP/1.1 \r\n\(h)\r\n", [400], .close, "bad-request-line"),
            row("L08", "GET\t/_confemu/health HTTP/1.1\r\n\(h)\r\n", [400], .close, "invalid-character"),
            row("L09", "GET /_confemu/health\u{0} HTTP/1.1\r\n\(h)\r\n", [400], .close, "invalid-character"),
            Row(id: "L10", bytes: Array("GET /_confemu/h".utf8) + [0xC3, 0xA9] + Array("alth HTTP/1.1\r\n\(h)\r\n".utf8),
                statuses: [400], after: .close, slug: "invalid-character"),
            row("L11", "GET /_confemu/health\u{7F} HTTP/1.1\r\n\(h)\r\n", [400], .close, "invalid-character"),
            row("L12", "GET /_confemu/health HTTP/1.1 extra\r\n\(h)\r\n", [400], .close, "bad-request-line"),
            row("L13", "G(T /_confemu/health HTTP/1.1\r\n\(h)\r\n", [400], .close, "bad-request-line"),
            row("L14", "get /_confemu/health HTTP/1.1\r\n\(h)\r\n", [501], .close, "method-not-implemented"),
            row("L15", "BREW /_confemu/health HTTP/1.1\r\n\(h)\r\n", [501], .close, "method-not-implemented"),
            row("L16", "TRACE / HTTP/1.1\r\n\(h)\r\n", [501], .close, "method-not-implemented"),
            row("L17", "CONNECT example.com:443 HTTP/1.1\r\n\(h)\r\n", [501], .close, "method-not-implemented"),
            row("L18", String(repeating: "A", count: 40) + " / HTTP/1.1\r\n\(h)\r\n", [501], .close,
                "method-not-implemented"),
        ]
        let base = "/_confemu/health?pad="
        rows.append(row("L19", "GET \(base)\(String(repeating: "a", count: 9000 - base.count)) HTTP/1.1\r\n\(h)\r\n",
                        [414], .close, "uri-too-long"))
        rows.append(row("L20", "GET \(base)\(String(repeating: "a", count: 8000 - base.count)) HTTP/1.1\r\n\(h)\r\n",
                        [200], .open))
        rows += [
            row("L21", "GET /_confemu/health HTTP/1.2\r\n\(h)\r\n", [200], .open),
            row("L22", "GET /_confemu/health HTTP/2.0\r\n\(h)\r\n", [505], .close, "version-not-supported"),
            row("L23", "GET /_confemu/health HTTP/0.9\r\n\(h)\r\n", [505], .close, "version-not-supported"),
            row("L24", "GET /_confemu/health\r\n\(h)\r\n", [400], .close, "bad-request-line"),
            row("L25", "GET /_confemu/health http/1.1\r\n\(h)\r\n", [400], .close, "bad-version"),
            row("L26", "GET /_confemu/health HTTP/1.10\r\n\(h)\r\n", [400], .close, "bad-version"),
            row("L27", "GET /_confemu/health HTTP/1\r\n\(h)\r\n", [400], .close, "bad-version"),
            row("L28", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", [505], .close, "version-not-supported"),
            Row(id: "L29", bytes: [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03], statuses: [400],
                after: .close, slug: "invalid-character"),
            row("L30", "GET _confemu/health HTTP/1.1\r\n\(h)\r\n", [400], .close, "bad-target"),
            row("L31", "GET http://127.0.0.1/_confemu/health HTTP/1.1\r\nHost: other.example\r\n\r\n", [200], .open),
            row("L32", "GET HTTPS://127.0.0.1/_confemu/health HTTP/1.1\r\n\(h)\r\n", [200], .open),
            row("L33", "GET ftp://example.com/_confemu/health HTTP/1.1\r\n\(h)\r\n", [400], .close, "bad-target"),
            row("L34", "GET http://user@example.com/_confemu/health HTTP/1.1\r\n\(h)\r\n", [400], .close, "bad-target"),
            row("L35", "GET * HTTP/1.1\r\n\(h)\r\n", [400], .close, "bad-target"),
            row("L36", "OPTIONS * HTTP/1.1\r\n\(h)\r\n", [200], .open),
            row("L37", "GET /_confemu/health#top HTTP/1.1\r\n\(h)\r\n", [400], .close, "bad-target"),
            row("L38", "GET /_confemu/health?x=%ZZ&y=a+b&&z HTTP/1.1\r\n\(h)\r\n", [200], .open),
            row("H01", "GET /_confemu/health HTTP/1.1\r\n\r\n", [400], .close, "missing-host"),
            row("H02", "GET /_confemu/health HTTP/1.1\r\n\(h)Host: b\r\n\r\n", [400], .close, "duplicate-host"),
            row("H03", "GET /_confemu/health HTTP/1.1\r\nHost: exa mple.com\r\n\r\n", [400], .close, "invalid-host"),
            row("H04", "GET /_confemu/health HTTP/1.1\r\nHost: user@example.com\r\n\r\n", [400], .close, "invalid-host"),
            row("H05", "GET /_confemu/health HTTP/1.1\r\nHost: example.com:99999999\r\n\r\n", [400], .close, "invalid-host"),
            row("H06", "GET /_confemu/health HTTP/1.0\r\n\r\n", [200], .close),
            row("H07", "GET /_confemu/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", [200], .open),
            row("H08", hcWith("X-Test : 1\r\n"), [400], .close, "bad-header"),
            row("H09", hcWith("X-Test: a\r\n b\r\n"), [400], .close, "obs-fold"),
            row("H10", "GET /_confemu/health HTTP/1.1\r\n X-Test: 1\r\n\(h)\r\n", [400], .close, "obs-fold"),
            row("H11", hcWith("X-Test\r\n"), [400], .close, "bad-header"),
            row("H12", hcWith("X(Test): 1\r\n"), [400], .close, "bad-header"),
            row("H13", hcWith(": 1\r\n"), [400], .close, "bad-header"),
            row("H14", hcWith("X-Test: a\u{0}b\r\n"), [400], .close, "invalid-header-value"),
            row("H15", hcWith("X-Test: a\u{7F}b\r\n"), [400], .close, "invalid-header-value"),
            row("H16", hcWith("X-Test: a\rb\r\n"), [400], .close, "bad-line-ending"),
            row("H17", hcWith("X-A: 1\nX-B: 2\r\n"), [400], .close, "bad-line-ending"),
            Row(id: "H18", bytes: Array(hcWith("X-Name: caf").utf8.dropLast(2)) + [0xE9] + Array("\r\n\r\n".utf8),
                statuses: [200], after: .open),
            row("H19", hcWith("X-Empty:\r\n"), [200], .open),
            row("H20", hcWith("X-Big: \(String(repeating: "a", count: 40000))\r\n"), [431], .close, "headers-too-large"),
            row("H21", hcWith("X-Big: \(String(repeating: "a", count: 30000))\r\n"), [200], .open),
            row("H22", hcWith((1...100).map { "X-Pad-\($0): 1\r\n" }.joined()), [431], .close, "too-many-headers"),
            row("H23", hcWith((1...99).map { "X-Pad-\($0): 1\r\n" }.joined()), [200], .open),
            row("H24", hcWith("Connection: close\r\n"), [200], .close),
            row("H25", hcWith("Connection: keep-alive, Close\r\n"), [200], .close),
            row("H26", hcWith("Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n"),
                [200], .open),
        ]
        let post = "POST \(cnt) HTTP/1.1\r\n\(h)\(json)"
        rows += [
            row("F01", post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}", [400], .close, "te-and-cl"),
            row("F02", post + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}", [400], .close, "duplicate-content-length"),
            row("F03", post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", [400], .close, "duplicate-content-length"),
            row("F04", post + "Content-Length: 2, 2\r\n\r\n{}", [400], .close, "invalid-content-length"),
            row("F05", post + "Content-Length: +2\r\n\r\n{}", [400], .close, "invalid-content-length"),
            row("F06", post + "Content-Length: -1\r\n\r\n{}", [400], .close, "invalid-content-length"),
            row("F07", post + "Content-Length: 2 2\r\n\r\n{}", [400], .close, "invalid-content-length"),
            row("F08", post + "Content-Length: \r\n\r\n{}", [400], .close, "invalid-content-length"),
            row("F09", post + "Content-Length: 99999999999999999999\r\n\r\n{}", [400], .close, "invalid-content-length"),
            row("F10", post + "Content-Length: 0x2\r\n\r\n{}", [400], .close, "invalid-content-length"),
            row("F11", "POST /session HTTP/1.1\r\n\(h)\(json)Content-Length: 2000000\r\n\r\n", [413], .close),
            row("F12", post + "Content-Length: 17000000\r\n\r\n", [413], .close, "body-too-large"),
            row("F13", "POST \(cnt) HTTP/1.1\r\n\(h)Transfer-Encoding: gzip, chunked\r\n\r\n", [501], .close,
                "unsupported-transfer-coding"),
            row("F14", "POST \(cnt) HTTP/1.1\r\n\(h)Transfer-Encoding: chunked, gzip\r\n\r\n", [400], .close,
                "bad-transfer-encoding"),
            row("F15", "POST \(cnt) HTTP/1.1\r\n\(h)Transfer-Encoding: xchunked\r\n\r\n", [400], .close,
                "bad-transfer-encoding"),
            row("F16", "POST \(cnt) HTTP/1.1\r\n\(h)Transfer-Encoding: identity\r\n\r\n", [400], .close,
                "bad-transfer-encoding"),
            row("F17", "POST \(cnt) HTTP/1.1\r\n\(h)Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                [400], .close, "bad-transfer-encoding"),
            row("F18", "POST \(cnt) HTTP/1.1\r\n\(h)Transfer-Encoding: \r\n\r\n", [400], .close, "bad-transfer-encoding"),
            row("F19", "POST \(cnt) HTTP/1.0\r\n\(h)Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", [400], .close,
                "te-on-http10"),
            row("F20", "POST \(cnt) HTTP/1.1\r\n\(h)\(json)Transfer-Encoding: Chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", [200], .open),
            row("F21", chunked("1\r\n{\r\n1\r\n}\r\n0\r\n\r\n"), [200], .open),
            row("F22", chunked("-0\r\n\r\n"), [400], .close, "bad-chunk-size"),
            row("F23", chunked("+2\r\n{}\r\n0\r\n\r\n"), [400], .close, "bad-chunk-size"),
            row("F24", chunked("0x2\r\n{}\r\n0\r\n\r\n"), [400], .close, "bad-chunk-size"),
            row("F25", chunked("FFFFFFFFFFFFFFFF0\r\n"), [400], .close, "bad-chunk-size"),
            row("F26", chunked("FFFFFFFFFFFFFFFF\r\n"), [413], .close, "body-too-large"),
            row("F27", chunked("g\r\n"), [400], .close, "bad-chunk-size"),
            row("F28", chunked("\r\n"), [400], .close, "bad-chunk-size"),
            row("F29", chunked("2;foo=bar\r\n{}\r\n0\r\n\r\n"), [200], .open),
            row("F30", chunked("2 ;foo\r\n{}\r\n0\r\n\r\n"), [200], .open),
            row("F31", chunked("2;" + String(repeating: "a", count: 5000) + "\r\n{}\r\n0\r\n\r\n"), [400], .close,
                "chunk-extension-too-long"),
            row("F32", chunked("2 2\r\n{}\r\n0\r\n\r\n"), [400], .close, "bad-chunk-size"),
            row("F33", chunked("2\r\n{}XX\r\n0\r\n\r\n"), [400], .close, "bad-chunk-terminator"),
            row("F34", chunked("2\n{}\r\n0\r\n\r\n"), [400], .close, "bad-line-ending"),
            row("F35", chunked("2\r\n{}\r\n0\r\nX-Trailer: 1\r\n\r\n"), [200], .open),
            row("F36", chunked("2\r\n{}\r\n0\r\n" + (1...200).map { "X-T\($0): 1\r\n" }.joined()), [431], .close,
                "trailers-too-large"),
            row("F37", "GET /_confemu/health HTTP/1.1\r\n\(h)Content-Length: 5\r\n\r\nhello", [200], .open),
            Row(id: "E01", bytes: Array((post + "Content-Length: 2\r\nExpect: 100-continue\r\n\r\n").utf8),
                statuses: [100, 200], after: .open, afterInterim: Array("{}".utf8)),
            row("E02", "POST /session HTTP/1.1\r\n\(h)\(json)Content-Length: 2000000\r\nExpect: 100-continue\r\n\r\n",
                [413], .close),
            row("E03", hcWith("Expect: foo\r\n"), [417], .close, "expectation-failed"),
            row("E04", "POST \(cnt) HTTP/1.0\r\n\(h)\(json)Content-Length: 2\r\nExpect: 100-continue\r\n\r\n{}", [200], .close),
            row("E05", hcWith("Expect: 100-continue\r\n"), [200], .open),
            Row(id: "M01", bytes: Array("HEAD /_confemu/health HTTP/1.1\r\n\(h)\r\n".utf8), statuses: [200], after: .open,
                head: true),
            Row(id: "M02", bytes: Array("HEAD /_confemu/nope HTTP/1.1\r\n\(h)\r\n".utf8), statuses: [404], after: .open,
                head: true),
            row("M03", "PUT /_confemu/health HTTP/1.1\r\n\(h)Content-Length: 0\r\n\r\n", [405], .open),
            row("M04", "GET /_confemu/nope HTTP/1.1\r\n\(h)\r\n", [404], .open),
            row("M05", "GET /_confemu/%68ealth HTTP/1.1\r\n\(h)\r\n", [200], .open),
            row("M06", "GET /_confemu/./health HTTP/1.1\r\n\(h)\r\n", [404], .open),
            row("C01", "OPTIONS /_confemu/health HTTP/1.1\r\n\(h)Origin: http://localhost:3000\r\nAccess-Control-Request-Method: GET\r\n\r\n",
                [204], .open),
            row("C02", "OPTIONS /_confemu/namespaces HTTP/1.1\r\n\(h)Origin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\n\r\n",
                [403], .open),
            row("C03", post + "Origin: https://evil.example\r\nContent-Length: 2\r\n\r\n{}", [403], .open),
            row("C04", "GET /_confemu/namespaces HTTP/1.1\r\nHost: attacker.example\r\n\r\n", [403], .open),
            row("C05", "OPTIONS /_confemu/health HTTP/1.1\r\n\(h)\r\n", [204], .open),
            row("C06", "GET /_confemu/namespaces/default HTTP/1.1\r\n\(h)Origin: http://127.0.0.1:5173\r\n\r\n", [200], .open),
            row("C07", post + "Origin: null\r\nContent-Length: 2\r\n\r\n{}", [403], .open),
            row("X01", hc + hc, [200, 200], .open),
            row("X02", hcWith("Connection: close\r\n") + hc, [200], .close),
            Row(id: "X03", bytes: Array(hc.utf8), statuses: [200], after: .close, halfClose: true),
            row("X04", post + "Content-Length: 2\r\n\r\n{}" + hc, [200, 200], .open),
        ]
        return rows
    }()

    @Test("each row gets the status and connection outcome of http.md §15", arguments: rows)
    func row(_ row: Row) async throws {
        try await withConfemu { confemu in
            let port = confemu.port
            let outcome: (statuses: [Int], bodies: [String], headers: [[(name: String, value: String)]], closed: Bool,
                          nextStatus: Int?) = try await offThePool {
                let connection = try RawHTTPConnection(port: port, timeout: 3)
                try connection.send(row.bytes)
                if row.halfClose { connection.shutdownWrite() }
                var statuses: [Int] = []
                var bodies: [String] = []
                var headers: [[(name: String, value: String)]] = []
                for index in row.statuses.indices {
                    let response = try connection.readResponse(head: row.head)
                    statuses.append(response.status)
                    bodies.append(response.text)
                    headers.append(response.headers)
                    if index == 0, !row.afterInterim.isEmpty { try connection.send(row.afterInterim) }
                }
                switch row.after {
                case .close:
                    return (statuses, bodies, headers, connection.isClosedByPeer(), nil)
                case .open:
                    try connection.send(Array(HostileRequestTests.hc.utf8))
                    return (statuses, bodies, headers, false, try connection.readResponse().status)
                }
            }
            #expect(outcome.statuses == row.statuses, "\(row.id): \(outcome.bodies)")
            switch row.after {
            case .close:
                #expect(outcome.closed, "\(row.id): the connection should close")
                let last = outcome.headers.last ?? []
                if row.statuses.last.map({ $0 >= 400 }) == true || row.id == "H24" || row.id == "H25" {
                    #expect(last.contains { $0.name == "Connection" && $0.value == "close" }, "\(row.id)")
                }
            case .open:
                #expect(outcome.nextStatus == 200, "\(row.id): a further request should be answered")
            }
            if let slug = row.slug, let status = row.statuses.last {
                #expect(outcome.bodies.last?.hasSuffix(": \(slug)\n") == true, "\(row.id): \(outcome.bodies)")
                #expect(outcome.bodies.last?.hasPrefix("\(status) ") == true, "\(row.id)")
            }
            if row.head {
                #expect(outcome.bodies.last == "", "\(row.id): HEAD has no body")
                let length = outcome.headers.last?.first { $0.name == "Content-Length" }?.value
                if row.statuses == [200] { #expect(Int(length ?? "0") ?? 0 > 0) }
            }
            // After every row the server still answers GET /_confemu/health with 200.
            let health = try await confemu.request("GET", "/_confemu/health")
            #expect(health.status == 200)
        }
    }
}
