import ConfemuApp
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation

/// An engine on an in-memory database, driven in-process through the same pipeline as the server
/// (no socket): what provider unit tests use. `send` builds the `HTTPRequest` the parser would.
package final class TestEngine: Sendable {
    package let engine: Engine
    package let store: Store
    package let wallClock: ManualWallClock

    /// - Parameters:
    ///   - providers: the providers under test (default: every provider confemu ships).
    ///   - fixtures: the start fixtures (default: the shipped `fixtures/default.json`).
    package static func make(providers: [any Provider]? = nil, fixtures: JSONValue? = nil, seed: UInt64? = 7,
                             publicURL: String = "http://127.0.0.1:8080",
                             start: Date = Date(timeIntervalSince1970: 1_795_341_600)) async throws -> TestEngine {
        let providers = providers ?? ProviderCatalog.all
        let store = try await Store.open(path: ":memory:", migrations: Engine.migrations(for: providers),
                                         logger: .discarding)
        let clock = ManualWallClock(start)
        let startFixtures = try fixtures ?? FixturesLocator.load("default.json")
        let engine = try await Engine.open(
            configuration: EngineConfiguration(publicURL: publicURL, seed: seed, startFixtures: startFixtures),
            store: store, providers: providers, logger: .discarding, wallClock: clock)
        return TestEngine(engine: engine, store: store, wallClock: clock)
    }

    private init(engine: Engine, store: Store, wallClock: ManualWallClock) {
        self.engine = engine
        self.store = store
        self.wallClock = wallClock
    }

    /// Sends one request through the provider pipeline; a path no provider claims gets the generic 404.
    package func send(_ method: HTTPMethod, _ target: String, headers: [(String, String)] = [],
                      body: [UInt8] = []) async -> HTTPResponse {
        let request = TestRequest.make(method, target, headers: headers, body: body)
        return await engine.handle(request) ?? HTTPResponse.protocolError(status: 404, slug: "no-route", close: false)
    }

    package func send(_ method: HTTPMethod, _ target: String, headers: [(String, String)] = [],
                      json: JSONValue) async -> HTTPResponse {
        var all = headers
        if !all.contains(where: { $0.0.lowercased() == "content-type" }) { all.append(("Content-Type", "application/json")) }
        return await send(method, target, headers: all, body: Array(json.jsonString().utf8))
    }
}

/// Builds requests as the parser would hand them to a route (http.md 1.3, 3.6–3.8).
package enum TestRequest {
    package static func make(_ method: HTTPMethod, _ target: String, headers: [(String, String)] = [],
                             body: [UInt8] = [], remoteAddress: String = "127.0.0.1") -> HTTPRequest {
        let rawPath: String
        let rawQuery: String?
        if let question = target.firstIndex(of: "?") {
            rawPath = String(target[..<question])
            rawQuery = String(target[target.index(after: question)...])
        } else {
            rawPath = target
            rawQuery = nil
        }
        var fields = HTTPHeaders(headers.map { (name: $0.0, value: $0.1) })
        if !fields.contains("Host") { fields.add("Host", "127.0.0.1:8080") }
        return HTTPRequest(method: method, rawTarget: target, rawPath: rawPath, rawQuery: rawQuery,
                           pathSegments: PathPattern.decodedSegments(ofRawPath: rawPath),
                           query: QueryParameters(decoding: rawQuery), headers: fields, body: body,
                           authority: fields.first("Host"), remoteAddress: remoteAddress)
    }
}
