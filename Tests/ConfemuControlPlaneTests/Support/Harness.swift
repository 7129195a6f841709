import ConfemuControlPlane
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import ConfemuTesting
import Foundation

/// An engine over its own store with the test provider, a manual wall clock and a control plane, driven
/// in-process: `control` for `/_confemu` calls, `send` for provider requests.
struct Harness {
    static let start = Date(timeIntervalSince1970: 1_795_341_600)  // 2026-11-22T10:00:00Z
    static let fixtures: JSONValue = .object([
        ("description", "test start fixtures"),
        ("videsk", .object([
            ("apiKey", "default-key"),
            ("items", .array([.object([("id", "a"), ("name", "Alpha")]), .object([("id", "b"), ("name", "Beta")])])),
        ])),
    ])

    let engine: Engine
    let store: Store
    let wallClock: ManualWallClock
    let controlPlane: ControlPlane

    static func make(path: String = ":memory:", adminToken: String? = nil, strictFidelity: Bool = false,
                     journalMax: Int = 10_000, seed: UInt64? = 7, server: HTTPServer? = nil,
                     wallClock: ManualWallClock = ManualWallClock(Harness.start)) async throws -> Harness {
        let providers: [any Provider] = [TestProvider()]
        let store = try await Store.open(path: path, migrations: Engine.migrations(for: providers), logger: .discarding)
        let engine = try await Engine.open(
            configuration: EngineConfiguration(publicURL: "http://127.0.0.1:8080", journalMax: journalMax,
                                               strictFidelity: strictFidelity, seed: seed, startFixtures: fixtures),
            store: store, providers: providers, logger: .discarding, wallClock: wallClock)
        let controlPlane = ControlPlane(engine: engine, server: server, settings: ControlPlane.Settings(
            adminToken: adminToken, boundHost: "127.0.0.1", publicURL: "http://127.0.0.1:8080",
            configuration: .object([("adminToken", adminToken == nil ? .null : "[redacted]")])))
        return Harness(engine: engine, store: store, wallClock: wallClock, controlPlane: controlPlane)
    }

    /// A control-plane call; `nil` from the control plane (not its path) fails the caller's expectations
    /// with status 0.
    func control(_ method: HTTPMethod, _ target: String, json: JSONValue? = nil,
                 headers: [(String, String)] = []) async -> HTTPResponse {
        var all = headers
        var body: [UInt8] = []
        if let json {
            all.append(("Content-Type", "application/json"))
            body = Array(json.jsonString().utf8)
        }
        let request = TestRequest.make(method, target, headers: all, body: body)
        return await controlPlane.handle(request) ?? HTTPResponse(status: 0)
    }

    func send(_ method: HTTPMethod, _ target: String, headers: [(String, String)] = [],
              json: JSONValue? = nil) async -> HTTPResponse {
        var all = headers
        var body: [UInt8] = []
        if let json {
            all.append(("Content-Type", "application/json"))
            body = Array(json.jsonString().utf8)
        }
        return await engine.handle(TestRequest.make(method, target, headers: all, body: body)) ?? HTTPResponse(status: 0)
    }

    func close() async {
        try? await store.close()
    }
}

extension HTTPResponse {
    /// The body parsed as JSON (`null` when it is not JSON, which then fails the caller's comparisons).
    var json: JSONValue { (try? JSONValue(parsing: body)) ?? .null }

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? { headers.first(name) }
}

/// A file in a fresh temporary directory, removed by `cleanup`.
struct TemporaryDatabase {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("confemu-cp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var path: String { directory.appendingPathComponent("test.sqlite").path }

    func cleanup() { try? FileManager.default.removeItem(at: directory) }
}
