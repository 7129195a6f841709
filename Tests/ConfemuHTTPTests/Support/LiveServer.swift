import ConfemuSupport
import Foundation
import Synchronization
import Testing
@testable import ConfemuHTTP

/// Starts an `HTTPServer` on 127.0.0.1 port 0 for one test and always stops it.
enum LiveServer {
    /// A small configuration with test-sized timeouts (http.md §0 allows shorter ones in-process).
    static func configuration(_ change: (inout HTTPServer.Configuration) -> Void = { _ in })
        -> HTTPServer.Configuration {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.shutdownGracePeriod = .seconds(2)
        configuration.handlerTaskPriority = .high
        change(&configuration)
        return configuration
    }

    static func run(_ configuration: HTTPServer.Configuration = configuration(),
                    logger: Logger = .discarding,
                    responder: @escaping HTTPServer.Responder = TestResponder.respond,
                    bodyLimit: @escaping BodyLimitLookup = { _, _ in nil },
                    _ body: (HTTPServer, Int) async throws -> Void) async throws {
        let server = HTTPServer(configuration: configuration, logger: logger, responder: responder, bodyLimit: bodyLimit)
        let port = try server.start()
        do {
            try await body(server, port)
        } catch {
            server.shutdown()
            server.shutdown()
            await server.waitUntilStopped()
            throw error
        }
        server.shutdown()
        server.shutdown()
        await server.waitUntilStopped()
    }

    /// Runs `body` in a high-priority task. CPU-heavy synchronous tests (the parser's split tables)
    /// queue hundreds of default-priority jobs on the two pool threads; a live test that waited behind
    /// them would see server deadlines pass while it is not running.
    static func prioritized<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task(priority: .high) { try await body() }.value
    }

    /// Polls `condition` every 10 ms for at most 2 s.
    static func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<200 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}

/// The tiny responder of the live tests: `GET /_confemu/health` answers JSON, `/echo` echoes the body,
/// `/slow?ms=N` waits, `/close` asks to close, too-large bodies get the generic 413, anything else 404.
enum TestResponder {
    static let health = #"{"status":"ok"}"#

    @Sendable static func respond(_ request: HTTPRequest) async -> HTTPResponse {
        if request.bodyTooLarge { return .protocolError(status: 413, slug: "body-too-large") }
        switch (request.method, request.pathSegments) {
        case (.GET, ["_confemu", "health"]), (.HEAD, ["_confemu", "health"]):
            return HTTPResponse(status: 200, contentType: "application/json; charset=utf-8", body: health)
        case (.POST, ["echo"]):
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"], body: request.body)
        case (_, ["slow"]):
            let milliseconds = Int(request.query.first("ms") ?? "") ?? 200
            try? await Task.sleep(for: .milliseconds(milliseconds))
            return HTTPResponse(status: 200, contentType: "text/plain", body: "slow \(request.query.first("n") ?? "")")
        case (_, ["close"]):
            var response = HTTPResponse(status: 200, contentType: "text/plain", body: "bye")
            response.connectionAction = .close
            return response
        default:
            return .protocolError(status: 404, slug: "no-route", close: false)
        }
    }
}
