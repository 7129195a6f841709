import ConfemuSupport
import Testing
@testable import ConfemuHTTP

@Suite("HTTPServer connections without a request (http.md 9.1, 9.6, §13)")
struct HTTPServerLifecycleTests {
    @Test("a silent new connection is closed without a response when the header deadline passes")
    func silentConnection() async throws {
        try await LiveServer.prioritized {
            let configuration = LiveServer.configuration { $0.headerTimeout = .milliseconds(300) }
            try await LiveServer.run(configuration) { _, port in
                let client = try RawTestClient(port: port)
                #expect(client.staysSilent(milliseconds: 150))
                #expect(client.closesWithoutData(timeoutMilliseconds: 2000))
            }
        }
    }

    @Test("a partly received head gets 408 request-timeout and close")
    func partialHead() async throws {
        try await LiveServer.prioritized {
            let configuration = LiveServer.configuration { $0.headerTimeout = .milliseconds(300) }
            try await LiveServer.run(configuration) { server, port in
                let client = try RawTestClient(port: port)
                try client.send("GET /_confemu/health HTTP/1.1\r\nHost: x\r\n")
                let response = try client.readResponse()
                #expect(response.status == 408)
                #expect(response.header("Connection") == "close")
                #expect(response.bodyText == "408 Request Timeout: request-timeout\n")
                #expect(client.closesWithoutData())
                #expect(server.statistics.protocolErrors["request-timeout"] == 1)
            }
        }
    }

    @Test("at the cap the longest-idle connection is evicted to admit a new one")
    func eviction() async throws {
        try await LiveServer.prioritized {
            let configuration = LiveServer.configuration { $0.maxConnections = 2 }
            try await LiveServer.run(configuration) { server, port in
                let first = try RawTestClient(port: port)
                #expect(await LiveServer.eventually { server.statistics.connectionsOpen == 1 })
                let second = try RawTestClient(port: port)
                #expect(await LiveServer.eventually { server.statistics.connectionsOpen == 2 })
                let third = try RawTestClient(port: port)
                #expect(first.closesWithoutData())
                #expect(second.staysSilent(milliseconds: 100))
                #expect(third.staysSilent(milliseconds: 100))
                #expect(server.statistics.connectionsEvicted == 1)
                #expect(server.statistics.connectionsOpen == 2)
            }
        }
    }

    @Test("at the cap with nothing idle the new connection gets 503 server-busy with Retry-After: 1")
    func rejection() async throws {
        try await LiveServer.prioritized {
            let configuration = LiveServer.configuration { $0.maxConnections = 2 }
            try await LiveServer.run(configuration) { server, port in
                var busy: [RawTestClient] = []
                for count in 1...2 {
                    let client = try RawTestClient(port: port)
                    try client.send("GET /_confemu/he")
                    busy.append(client)
                    #expect(await LiveServer.eventually { server.statistics.connectionsOpen == count })
                }
                // Give the loop a moment to read the partial heads (they make the connections non-idle).
                try await Task.sleep(for: .milliseconds(100))
                let rejected = try RawTestClient(port: port)
                let response = try rejected.readResponse()
                #expect(response.status == 503)
                #expect(response.header("Retry-After") == "1")
                #expect(response.header("Connection") == "close")
                #expect(response.bodyText == "503 Service Unavailable: server-busy\n")
                #expect(rejected.closesWithoutData())
                #expect(server.statistics.connectionsRejected == 1)
                #expect(server.statistics.protocolErrors["server-busy"] == 1)
                for client in busy { #expect(client.staysSilent(milliseconds: 50)) }
            }
        }
    }

    @Test("shutdown closes idle connections at once, refuses new ones, and waitUntilStopped returns")
    func shutdownIdle() async throws {
        try await LiveServer.prioritized {
            let server = HTTPServer(configuration: LiveServer.configuration(), logger: .discarding,
                                    responder: TestResponder.respond)
            let port = try server.start()
            #expect(server.boundPort == port)
            let idle = try RawTestClient(port: port)
            #expect(await LiveServer.eventually { server.statistics.connectionsOpen == 1 })
            let started = ContinuousClock.now
            server.shutdown()
            #expect(idle.closesWithoutData())
            await server.waitUntilStopped()
            #expect(ContinuousClock.now - started < .seconds(1))
            #expect(throws: (any Error).self) { try RawTestClient(port: port) }
            #expect(server.statistics.connectionsOpen == 0)
            #expect(server.boundPort == nil)
            // A stopped server cannot start again; waiting again returns at once.
            #expect(throws: (any Error).self) { try server.start() }
            await server.waitUntilStopped()
        }
    }

    @Test("a partly received request holds shutdown until the grace period, then is force-closed")
    func shutdownGracePeriod() async throws {
        try await LiveServer.prioritized {
            let configuration = LiveServer.configuration { $0.shutdownGracePeriod = .milliseconds(300) }
            let server = HTTPServer(configuration: configuration, logger: .discarding, responder: TestResponder.respond)
            let port = try server.start()
            let partial = try RawTestClient(port: port)
            try partial.send("GET /_confemu/health HTTP/1.1\r\n")
            try await Task.sleep(for: .milliseconds(50))
            let started = ContinuousClock.now
            server.shutdown()
            #expect(partial.staysSilent(milliseconds: 100))
            #expect(partial.closesWithoutData())
            await server.waitUntilStopped()
            #expect(ContinuousClock.now - started >= .milliseconds(250))
        }
    }

    @Test("a second shutdown cuts the grace period short")
    func secondShutdown() async throws {
        try await LiveServer.prioritized {
            let configuration = LiveServer.configuration { $0.shutdownGracePeriod = .seconds(30) }
            let server = HTTPServer(configuration: configuration, logger: .discarding, responder: TestResponder.respond)
            let port = try server.start()
            let partial = try RawTestClient(port: port)
            try partial.send("GET /_confemu/health HTTP/1.1\r\n")
            try await Task.sleep(for: .milliseconds(50))
            let started = ContinuousClock.now
            server.shutdown()
            #expect(partial.staysSilent(milliseconds: 100))
            server.shutdown()
            #expect(partial.closesWithoutData())
            await server.waitUntilStopped()
            #expect(ContinuousClock.now - started < .seconds(2))
        }
    }

    @Test("shutdown before start just marks the server stopped")
    func shutdownBeforeStart() async throws {
        try await LiveServer.prioritized {
            let server = HTTPServer(configuration: LiveServer.configuration(), logger: .discarding,
                                    responder: TestResponder.respond)
            server.shutdown()
            await server.waitUntilStopped()
            #expect(throws: (any Error).self) { try server.start() }
        }
    }
}
