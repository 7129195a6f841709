import ConfemuSupport
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import ConfemuHTTP

/// Starts an `HTTPServer` on 127.0.0.1 port 0 for one test and always stops it.
enum LiveServer {
    /// A small configuration with test-sized timeouts (http.md §0 allows shorter ones in-process).
    static func configuration(executor: TestExecutor? = nil,
                              _ change: (inout HTTPServer.Configuration) -> Void = { _ in })
        -> HTTPServer.Configuration {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.handlerExecutor = executor
        // Long enough that a slow test machine never reaches it by accident; tests that stop the
        // server call shutdown() twice, which cuts it.
        configuration.shutdownGracePeriod = .seconds(10)
        change(&configuration)
        return configuration
    }

    static func run(_ configuration: HTTPServer.Configuration,
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

    /// Runs `body` on an executor of its own (a serial dispatch queue, whose threads are not the
    /// width-limited cooperative pool). CPU-bound synchronous tests running in parallel (the parser's
    /// split tables) can occupy both pool threads for seconds; a live test waiting behind them would see
    /// server deadlines pass while it is not running.
    static func isolated<T: Sendable>(_ body: @escaping @Sendable (TestExecutor) async throws -> T) async throws -> T {
        let executor = TestExecutor()
        return try await Task(executorPreference: executor) { try await body(executor) }.value
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

/// The tiny responder of the live tests: `GET /_confemu/health` answers JSON, `POST /echo` echoes the
/// body, `/query` echoes the raw query, `/slow?ms=N` waits, `/big?bytes=N` sends a patterned body,
/// `/huge?bytes=N` a cheap uniform one,
/// `/action?do=close|reset|hang|silent` returns that connection action, `/bad-header` sets a CR/LF
/// value, too-large bodies get the generic 413, anything else 404 `no-route`.
enum TestResponder {
    static let health = #"{"status":"ok"}"#

    @Sendable static func respond(_ request: HTTPRequest) async -> HTTPResponse {
        if request.bodyTooLarge { return .protocolError(status: 413, slug: "body-too-large") }
        switch (request.method, request.pathSegments) {
        case (.GET, ["_confemu", "health"]), (.HEAD, ["_confemu", "health"]):
            return HTTPResponse(status: 200, contentType: "application/json; charset=utf-8", body: health)
        case (.POST, ["echo"]):
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"], body: request.body)
        case (.GET, ["query"]):
            return HTTPResponse(status: 200, contentType: "text/plain", body: request.rawQuery ?? "")
        case (_, ["slow"]):
            let milliseconds = Int(request.query.first("ms") ?? "") ?? 200
            try? await Task.sleep(for: .milliseconds(milliseconds))
            return HTTPResponse(status: 200, contentType: "text/plain", body: "slow \(request.query.first("n") ?? "")")
        case (.GET, ["huge"]):
            let count = Int(request.query.first("bytes") ?? "") ?? 0
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"],
                                body: [UInt8](repeating: 0x61, count: count))
        case (.GET, ["big"]):
            let count = Int(request.query.first("bytes") ?? "") ?? 0
            let body = (0..<count).map { UInt8(truncatingIfNeeded: $0 % 251) }
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"], body: body)
        case (_, ["action"]):
            var response = HTTPResponse(status: 200, contentType: "text/plain", body: "action")
            switch request.query.first("do") {
            case "close": response.connectionAction = .close
            case "reset": response.connectionAction = .reset
            case "hang": response.connectionAction = .hang(maxSeconds: Int(request.query.first("s") ?? "") ?? 1)
            case "silent": response.connectionAction = .closeSilently
            default: break
            }
            return response
        case (.GET, ["bad-header"]):
            return HTTPResponse(status: 302, headers: ["Location": "/x\r\nSet-Cookie: a=b"])
        default:
            return .protocolError(status: 404, slug: "no-route", close: false)
        }
    }
}

/// A task executor backed by a serial dispatch queue (which targets an overcommit root queue, so it gets
/// a thread even while the cooperative pool is saturated).
final class TestExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "confemu-http-tests")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
