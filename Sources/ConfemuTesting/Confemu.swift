import ConfemuApp
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation

/// A whole confemu started in-process on `127.0.0.1:0` for a test (architecture.md §8). The base URL is
/// handed out only once the listener is open.
public final class Confemu: Sendable {
    public struct Options: Sendable {
        public var seed: UInt64?
        /// Fixtures file relative to the repository's `fixtures/` folder.
        public var fixtures: String
        public var adminToken: String?

        public init(seed: UInt64? = nil, fixtures: String = "default.json", adminToken: String? = nil) {
            self.seed = seed
            self.fixtures = fixtures
            self.adminToken = adminToken
        }
    }

    let application: ConfemuApplication

    init(application: ConfemuApplication) { self.application = application }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { application.baseURL }
    public var port: Int { application.port }

    /// Sends one request on a new connection and returns the response (2 s deadline).
    public func request(_ method: String, _ path: String, headers: [(String, String)] = [], body: String = "")
        async throws -> RawHTTPConnection.Response {
        var all = headers
        if let token = application.configuration.adminToken, path.hasPrefix("/_confemu") {
            all.append(("Authorization", "Bearer \(token)"))
        }
        if !body.isEmpty, !all.contains(where: { $0.0.lowercased() == "content-type" }) {
            all.append(("Content-Type", "application/json"))
        }
        let port = self.port
        let fields = all + [("Connection", "close")]
        return try await offThePool {
            try RawHTTPConnection(port: port).request(method, path, headers: fields, body: Array(body.utf8))
        }
    }

    /// Creates a namespace and returns its document as JSON text (control-plane.md §2).
    public func createNamespace(name: String? = nil, seed: UInt64? = nil) async throws -> String {
        var members: [String] = []
        if let name { members.append("\"name\":\"\(name)\"") }
        if let seed { members.append("\"seed\":\(seed)") }
        let response = try await request("POST", "/_confemu/namespaces", body: "{" + members.joined(separator: ",") + "}")
        guard response.status == 201 else { throw ConfemuError("namespace creation failed: \(response.text)") }
        return response.text
    }
}

/// Starts confemu (port 0, `:memory:`, the shipped fixtures), runs `body`, and stops it even when `body`
/// throws.
public func withConfemu<T: Sendable>(_ options: Confemu.Options = Confemu.Options(),
                                     _ body: (Confemu) async throws -> T) async throws -> T {
    var configuration = ServeConfiguration()
    configuration.port = 0
    configuration.databasePath = ":memory:"
    configuration.fixturesPath = FixturesLocator.url(options.fixtures).path
    configuration.seed = options.seed
    configuration.adminToken = options.adminToken
    let executor = DispatchTaskExecutor()
    var http = HTTPServer.Configuration()
    http.handlerExecutor = executor
    let application = try await ConfemuApplication.start(configuration, logger: .discarding, httpConfiguration: http)
    let confemu = Confemu(application: application)
    do {
        let result = try await body(confemu)
        await application.stop()
        return result
    } catch {
        await application.stop()
        throw error
    }
}
