import ConfemuSupport
import Testing
@testable import ConfemuHTTP

/// Connection-level behaviour that needs no complete request. Timeouts are asserted as lower bounds
/// measured from before the triggering action, so a slow test machine cannot make them flaky.
@Suite("HTTPServer connections without a request (http.md 9.1, 9.6, §13)")
struct HTTPServerLifecycleTests {
    @Test("a silent new connection is closed without a response when the header deadline passes")
    func silentConnection() async throws {
        try await LiveServer.isolated { executor in
            let configuration = LiveServer.configuration(executor: executor) { $0.headerTimeout = .milliseconds(300) }
            try await LiveServer.run(configuration) { _, port in
                let started = ContinuousClock.now
                let client = try RawTestClient(port: port)
                #expect(await client.closesWithoutData())
                #expect(ContinuousClock.now - started >= .milliseconds(300))
            }
        }
    }

    @Test("a partly received head gets 408 request-timeout and close")
    func partialHead() async throws {
        try await LiveServer.isolated { executor in
            let configuration = LiveServer.configuration(executor: executor) { $0.headerTimeout = .milliseconds(300) }
            try await LiveServer.run(configuration) { server, port in
                let started = ContinuousClock.now
                let client = try RawTestClient(port: port)
                try await client.send("GET /_confemu/health HTTP/1.1\r\nHost: x\r\n")
                let response = try await client.readResponse()
                #expect(ContinuousClock.now - started >= .milliseconds(300))
                #expect(response.status == 408)
                #expect(response.header("Connection") == "close")
                #expect(response.bodyText == "408 Request Timeout: request-timeout\n")
                #expect(await client.closesWithoutData())
                #expect(server.statistics.protocolErrors["request-timeout"] == 1)
            }
        }
    }

    @Test("at the cap the longest-idle connection is evicted to admit a new one")
    func eviction() async throws {
        try await LiveServer.isolated { executor in
            let configuration = LiveServer.configuration(executor: executor) {
                $0.maxConnections = 2
                $0.headerTimeout = .seconds(60)
            }
            try await LiveServer.run(configuration) { server, port in
                let first = try RawTestClient(port: port)
                #expect(await LiveServer.eventually { server.statistics.connectionsOpen == 1 })
                let second = try RawTestClient(port: port)
                #expect(await LiveServer.eventually { server.statistics.connectionsOpen == 2 })
                let third = try RawTestClient(port: port)
                #expect(await first.closesWithoutData())
                #expect(await second.staysSilent(milliseconds: 100))
                #expect(await third.staysSilent(milliseconds: 100))
                #expect(server.statistics.connectionsEvicted == 1)
                #expect(server.statistics.connectionsOpen == 2)
            }
        }
    }

    @Test("at the cap with nothing idle the new connection gets 503 server-busy with Retry-After: 1")
    func rejection() async throws {
        try await LiveServer.isolated { executor in
            let configuration = LiveServer.configuration(executor: executor) {
                $0.maxConnections = 2
                $0.headerTimeout = .seconds(60)
            }
            try await LiveServer.run(configuration) { server, port in
                var busy: [RawTestClient] = []
                for count in 1...2 {
                    let client = try RawTestClient(port: port)
                    try await client.send("GET /_confemu/he")
                    busy.append(client)
                    #expect(await LiveServer.eventually { server.statistics.connectionsOpen == count })
                }
                // Give the I/O thread a moment to read the partial heads (they make the connections busy).
                try await Task.sleep(for: .milliseconds(100))
                let rejected = try RawTestClient(port: port)
                let response = try await rejected.readResponse()
                #expect(response.status == 503)
                #expect(response.header("Retry-After") == "1")
                #expect(response.header("Connection") == "close")
                #expect(response.bodyText == "503 Service Unavailable: server-busy\n")
                #expect(await rejected.closesWithoutData())
                #expect(server.statistics.connectionsRejected == 1)
                #expect(server.statistics.protocolErrors["server-busy"] == 1)
                for client in busy { #expect(await client.staysSilent(milliseconds: 50)) }
            }
        }
    }

    @Test("shutdown closes idle connections at once, refuses new ones, and waitUntilStopped returns")
    func shutdownIdle() async throws {
        try await LiveServer.isolated { executor in
            let server = HTTPServer(configuration: LiveServer.configuration(executor: executor), logger: .discarding,
                                    responder: TestResponder.respond)
            let port = try server.start()
            #expect(server.boundPort == port)
            let idle = try RawTestClient(port: port)
            #expect(await LiveServer.eventually { server.statistics.connectionsOpen == 1 })
            let started = ContinuousClock.now
            server.shutdown()
            #expect(await idle.closesWithoutData())
            await server.waitUntilStopped()
            // Far below the 10 s grace period: nothing was in flight.
            #expect(ContinuousClock.now - started < .seconds(5))
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
        try await LiveServer.isolated { executor in
            let configuration = LiveServer.configuration(executor: executor) { $0.shutdownGracePeriod = .milliseconds(300) }
            let server = HTTPServer(configuration: configuration, logger: .discarding, responder: TestResponder.respond)
            _ = try server.start()
            let port = try #require(server.boundPort)
            let partial = try RawTestClient(port: port)
            try await partial.send("GET /_confemu/health HTTP/1.1\r\n")
            try await Task.sleep(for: .milliseconds(50))
            let started = ContinuousClock.now
            server.shutdown()
            #expect(await partial.closesWithoutData())
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            await server.waitUntilStopped()
        }
    }

    @Test("a second shutdown cuts the grace period short")
    func secondShutdown() async throws {
        try await LiveServer.isolated { executor in
            let configuration = LiveServer.configuration(executor: executor) { $0.shutdownGracePeriod = .seconds(60) }
            let server = HTTPServer(configuration: configuration, logger: .discarding, responder: TestResponder.respond)
            let port = try server.start()
            let partial = try RawTestClient(port: port)
            try await partial.send("GET /_confemu/health HTTP/1.1\r\n")
            try await Task.sleep(for: .milliseconds(50))
            let started = ContinuousClock.now
            server.shutdown()
            #expect(await partial.staysSilent(milliseconds: 100))
            server.shutdown()
            #expect(await partial.closesWithoutData())
            await server.waitUntilStopped()
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    @Test("shutdown before start just marks the server stopped")
    func shutdownBeforeStart() async {
        let server = HTTPServer(configuration: LiveServer.configuration(), logger: .discarding,
                                responder: TestResponder.respond)
        server.shutdown()
        await server.waitUntilStopped()
        #expect(throws: (any Error).self) { try server.start() }
    }
}
