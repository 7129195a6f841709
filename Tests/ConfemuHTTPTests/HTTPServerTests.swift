import ConfemuSupport
import Synchronization
import Testing
@testable import ConfemuHTTP

/// Live requests over real sockets on 127.0.0.1 port 0 (http.md §8, §16 "Live server").
@Suite("HTTPServer live requests (http.md §8, §9, §11)")
struct HTTPServerTests {
    static let healthRequest = "GET /_confemu/health HTTP/1.1\r\nHost: localhost\r\n\r\n"

    @Test("keep-alive: two requests on one connection, no Connection field, Date and Server present")
    func keepAlive() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { server, port in
                let client = try RawTestClient(port: port)
                for _ in 0..<2 {
                    try await client.send(Self.healthRequest)
                    let response = try await client.readResponse()
                    #expect(response.status == 200)
                    #expect(response.bodyText == TestResponder.health)
                    #expect(response.names == ["Date", "Server", "Content-Type", "Content-Length"])
                    #expect(response.header("Server") == "confemu")
                    #expect(response.header("Date")?.hasSuffix(" GMT") == true)
                }
                #expect(await client.staysSilent(milliseconds: 100))
                #expect(server.statistics.requests == 2)
            }
        }
    }

    @Test("Connection: close is answered with Connection: close and the connection ends (8.1, 8.2)")
    func connectionClose() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { _, port in
                let client = try RawTestClient(port: port)
                // X02: the pipelined second request is never answered.
                try await client.send("GET /_confemu/health HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Close\r\n\r\n"
                    + Self.healthRequest)
                let response = try await client.readResponse()
                #expect(response.status == 200)
                #expect(response.header("Connection") == "close")
                #expect(await client.closesWithoutData())
            }
        }
    }

    @Test("HTTP/1.0 closes by default and stays open with keep-alive (8.1)")
    func http10() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { _, port in
                let plain = try RawTestClient(port: port)
                try await plain.send("GET /_confemu/health HTTP/1.0\r\n\r\n")
                let closing = try await plain.readResponse()
                #expect(closing.status == 200)
                #expect(closing.header("Connection") == "close")
                #expect(await plain.closesWithoutData())

                let persistent = try RawTestClient(port: port)
                for _ in 0..<2 {
                    try await persistent.send("GET /_confemu/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                    let response = try await persistent.readResponse()
                    #expect(response.status == 200)
                    #expect(response.header("Connection") == "keep-alive")
                }
                #expect(await persistent.staysSilent(milliseconds: 100))
            }
        }
    }

    @Test("200 pipelined requests in one write come back in order (8.3)")
    func pipelining() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { _, port in
                let client = try RawTestClient(port: port)
                let requests = (0..<200).map { "GET /query?n=\($0) HTTP/1.1\r\nHost: h\r\n\r\n" }.joined()
                try await client.send(requests)
                for index in 0..<200 {
                    let response = try await client.readResponse()
                    #expect(response.status == 200)
                    #expect(response.bodyText == "n=\(index)")
                }
                #expect(await client.staysSilent(milliseconds: 100))
            }
        }
    }

    @Test("pipelined requests beyond 64 KiB behind a slow handler are all answered, in order (8.3)")
    func backpressure() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { _, port in
                let client = try RawTestClient(port: port)
                let padding = String(repeating: "p", count: 900)
                let follow = (0..<150).map { "GET /query?n=\($0)&pad=\(padding) HTTP/1.1\r\nHost: h\r\n\r\n" }
                try await client.send("GET /slow?ms=300&n=first HTTP/1.1\r\nHost: h\r\n\r\n" + follow.joined())
                #expect(try await client.readResponse().bodyText == "slow first")
                for index in 0..<150 {
                    #expect(try await client.readResponse().bodyText == "n=\(index)&pad=\(padding)")
                }
            }
        }
    }

    @Test("a request followed by half-close is answered, then the connection closes (8.4)")
    func halfClose() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { _, port in
                let client = try RawTestClient(port: port)
                try await client.send("GET /slow?ms=100&n=x HTTP/1.1\r\nHost: h\r\n\r\n")
                client.shutdownWrite()
                let response = try await client.readResponse()
                #expect(response.status == 200)
                #expect(response.header("Connection") == "close")
                #expect(await client.closesWithoutData())
            }
        }
    }

    @Test("Expect: 100-continue gets exactly the interim response, then the final one (7.2, 11.8)")
    func expectContinue() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { _, port in
                let client = try RawTestClient(port: port)
                try await client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n")
                #expect(await client.next() == .data(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)))
                try await client.send("{}")
                let response = try await client.readResponse()
                #expect(response.status == 200)
                #expect(response.bodyText == "{}")
                #expect(response.header("Connection") == nil)
            }
        }
    }

    @Test("lingering close: the 413 is read even after the client sent 1 MiB more (8.5)")
    func lingeringClose() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { server, port in
                let client = try RawTestClient(port: port)
                try await client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n")
                try await client.send([UInt8](repeating: 0x61, count: 1_048_576))
                let response = try await client.readResponse()
                #expect(response.status == 413)
                #expect(response.header("Connection") == "close")
                #expect(response.bodyText == "413 Content Too Large: body-too-large\n")
                #expect(await client.closesWithoutData(timeoutMilliseconds: 3000))
                #expect(await LiveServer.eventually { server.statistics.connectionsOpen == 0 })
            }
        }
    }

    @Test("300 idle connections do not keep a new client from a 200 within 1 s")
    func manyIdleConnections() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { server, port in
                let idle = try (0..<300).map { _ in try RawTestClient(port: port) }
                #expect(await LiveServer.eventually { server.statistics.connectionsOpen == 300 })
                let started = ContinuousClock.now
                let client = try RawTestClient(port: port)
                try await client.send(Self.healthRequest)
                #expect(try await client.readResponse(timeoutMilliseconds: 1000).status == 200)
                #expect(ContinuousClock.now - started < .seconds(1))
                for connection in idle { #expect(await connection.staysSilent(milliseconds: 0)) }
            }
        }
    }

    @Test("a parser error is answered in the 11.7 format with close and counted by slug")
    func parserError() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { server, port in
                let client = try RawTestClient(port: port)
                try await client.send("GET  /_confemu/health HTTP/1.1\r\nHost: h\r\n\r\n")
                let response = try await client.readResponse()
                #expect(response.status == 400)
                #expect(response.bodyText == "400 Bad Request: bad-request-line\n")
                #expect(response.names == ["Date", "Server", "Content-Type", "Content-Length", "Connection"])
                #expect(response.header("Connection") == "close")
                #expect(await client.closesWithoutData())
                #expect(server.statistics.protocolErrors == ["bad-request-line": 1])
                #expect(server.statistics.requests == 0)
            }
        }
    }

    @Test("OPTIONS * is answered by the server itself (3.3)")
    func optionsAsterisk() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { _, port in
                let client = try RawTestClient(port: port)
                try await client.send("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n" + Self.healthRequest)
                let response = try await client.readResponse()
                #expect(response.status == 200)
                #expect(response.header("Allow") == "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")
                #expect(response.header("Content-Length") == "0")
                #expect(try await client.readResponse().status == 200)
            }
        }
    }

    @Test("HEAD has the GET's fields and no body bytes (10.1)")
    func head() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { _, port in
                let client = try RawTestClient(port: port)
                try await client.send("HEAD /_confemu/health HTTP/1.1\r\nHost: h\r\n\r\n" + Self.healthRequest)
                let head = try await client.readResponse(head: true)
                #expect(head.status == 200)
                #expect(head.header("Content-Length") == String(TestResponder.health.utf8.count))
                // The next response starts right after the head: no body bytes were sent.
                let get = try await client.readResponse()
                #expect(get.bodyText == TestResponder.health)
            }
        }
    }

    @Test("a response body over 64 KiB arrives intact")
    func largeBody() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { _, port in
                let client = try RawTestClient(port: port)
                try await client.send("GET /big?bytes=300000 HTTP/1.1\r\nHost: h\r\n\r\n")
                let response = try await client.readResponse()
                #expect(response.body == (0..<300_000).map { UInt8(truncatingIfNeeded: $0 % 251) })
            }
        }
    }

    @Test("a CR/LF in a handler's field becomes 500 invalid-response-header; the connection stays open (11.6)")
    func invalidResponseHeader() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { server, port in
                let client = try RawTestClient(port: port)
                try await client.send("GET /bad-header HTTP/1.1\r\nHost: h\r\n\r\n")
                let response = try await client.readResponse()
                #expect(response.status == 500)
                #expect(response.bodyText == "500 Internal Server Error: invalid-response-header\n")
                #expect(response.header("Location") == nil)
                try await client.send(Self.healthRequest)
                #expect(try await client.readResponse().status == 200)
                #expect(server.statistics.protocolErrors["invalid-response-header"] == 1)
            }
        }
    }

    @Test("connection actions: close after the response, reset, silent close, hang (8.5)")
    func connectionActions() async throws {
        try await LiveServer.isolated { executor in
            try await LiveServer.run(LiveServer.configuration(executor: executor)) { _, port in
                let closing = try RawTestClient(port: port)
                try await closing.send("GET /action?do=close HTTP/1.1\r\nHost: h\r\n\r\n")
                #expect(try await closing.readResponse().header("Connection") == "close")
                #expect(await closing.closesWithoutData())

                let reset = try RawTestClient(port: port)
                try await reset.send("GET /action?do=reset HTTP/1.1\r\nHost: h\r\n\r\n")
                #expect(await reset.next() == .reset)

                let silent = try RawTestClient(port: port)
                try await silent.send("GET /action?do=silent HTTP/1.1\r\nHost: h\r\n\r\n")
                #expect(await silent.closesWithoutData())

                let started = ContinuousClock.now
                let hanging = try RawTestClient(port: port)
                try await hanging.send("GET /action?do=hang&s=1 HTTP/1.1\r\nHost: h\r\n\r\n")
                #expect(await hanging.closesWithoutData(timeoutMilliseconds: 3000))
                #expect(ContinuousClock.now - started >= .seconds(1))
            }
        }
    }

    @Test("a client that resets during the handler cancels the handler task (9.5)")
    func disconnectCancelsHandler() async throws {
        try await LiveServer.isolated { executor in
            let probe = Mutex<(started: Bool, cancelled: Bool)>((false, false))
            let responder: HTTPServer.Responder = { _ in
                probe.withLock { $0.started = true }
                do {
                    try await Task.sleep(for: .seconds(10))
                } catch {
                    probe.withLock { $0.cancelled = true }
                }
                return HTTPResponse(status: 200)
            }
            try await LiveServer.run(LiveServer.configuration(executor: executor), responder: responder) { server, port in
                let client = try RawTestClient(port: port)
                try await client.send(Self.healthRequest)
                #expect(await LiveServer.eventually { probe.withLock { $0.started } })
                client.reset()
                #expect(await LiveServer.eventually { probe.withLock { $0.cancelled } })
                #expect(await LiveServer.eventually { server.statistics.connectionsOpen == 0 })
            }
        }
    }

    @Test("an incomplete body gets 408 when the body deadline passes (9.2)")
    func bodyDeadline() async throws {
        try await LiveServer.isolated { executor in
            let configuration = LiveServer.configuration(executor: executor) { $0.bodyTimeout = .milliseconds(300) }
            try await LiveServer.run(configuration) { _, port in
                let started = ContinuousClock.now
                let client = try RawTestClient(port: port)
                try await client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nab")
                let response = try await client.readResponse()
                #expect(ContinuousClock.now - started >= .milliseconds(300))
                #expect(response.status == 408)
                #expect(response.bodyText == "408 Request Timeout: request-timeout\n")
                #expect(await client.closesWithoutData())
            }
        }
    }

    @Test("an idle persistent connection is closed silently after the idle timeout (9.3)")
    func idleTimeout() async throws {
        try await LiveServer.isolated { executor in
            let configuration = LiveServer.configuration(executor: executor) { $0.idleTimeout = .milliseconds(300) }
            try await LiveServer.run(configuration) { _, port in
                let client = try RawTestClient(port: port)
                let started = ContinuousClock.now
                try await client.send(Self.healthRequest)
                #expect(try await client.readResponse().status == 200)
                #expect(await client.closesWithoutData())
                #expect(ContinuousClock.now - started >= .milliseconds(300))
            }
        }
    }

    @Test("a response the client does not read is aborted at the write deadline (9.4)")
    func writeDeadline() async throws {
        try await LiveServer.isolated { executor in
            let configuration = LiveServer.configuration(executor: executor) { $0.writeTimeout = .milliseconds(300) }
            try await LiveServer.run(configuration) { server, port in
                let client = try RawTestClient(port: port)
                try await client.send("GET /huge?bytes=67108864 HTTP/1.1\r\nHost: h\r\n\r\n")
                #expect(await LiveServer.eventually { server.statistics.requests == 1 })
                #expect(await LiveServer.eventually { server.statistics.connectionsOpen == 0 })
            }
        }
    }

    @Test("shutdown: the in-flight response finishes with Connection: close; idle connections close at once (§13)")
    func shutdownInFlight() async throws {
        try await LiveServer.isolated { executor in
            let server = HTTPServer(configuration: LiveServer.configuration(executor: executor), logger: .discarding,
                                    responder: TestResponder.respond)
            let port = try server.start()
            let busy = try RawTestClient(port: port)
            try await busy.send("GET /slow?ms=500&n=last HTTP/1.1\r\nHost: h\r\n\r\n" + Self.healthRequest)
            let idle = try RawTestClient(port: port)
            #expect(await LiveServer.eventually { server.statistics.requests == 1 && server.statistics.connectionsOpen == 2 })
            server.shutdown()
            // 13.2: at once, long before the 10 s grace period.
            #expect(await idle.closesWithoutData())
            let response = try await busy.readResponse()
            #expect(response.bodyText == "slow last")
            #expect(response.header("Connection") == "close")
            // The pipelined request behind it is not processed (13.3).
            #expect(await busy.closesWithoutData())
            await server.waitUntilStopped()
            #expect(server.statistics.requests == 1)
        }
    }
}
