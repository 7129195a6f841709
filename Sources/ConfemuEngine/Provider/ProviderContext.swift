import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// Everything a handler may use (architecture.md §5): the namespace, `now` on its clock, the store
/// (through `write`/`read`), a logger carrying the request id, the namespace RNG and a diagnostics sink.
package final class ProviderContext: Sendable {
    package let namespace: NamespaceInfo
    package let provider: ProviderID
    package let selection: NamespaceSelection
    /// `/ns/NAME` when the namespace was chosen by the path prefix, else `""` (bbb.md §4.3 client URL).
    package let pathPrefix: String
    /// The namespace clock at the moment the request was taken up, in milliseconds.
    package let nowMilliseconds: Int64
    package let publicURL: String
    package let logger: Logger
    package let requestID: String
    /// Upstream behaviours switched on by a fault for this request (proconf.md §11 "upstream" rows).
    package let behaviours: Set<String>
    private let services: any EngineServices
    private let diagnosticLines = Mutex<[String]>([])

    package init(namespace: NamespaceInfo, provider: ProviderID, selection: NamespaceSelection, pathPrefix: String,
                 nowMilliseconds: Int64, publicURL: String, logger: Logger, requestID: String,
                 behaviours: Set<String>, services: any EngineServices) {
        self.namespace = namespace
        self.provider = provider
        self.selection = selection
        self.pathPrefix = pathPrefix
        self.nowMilliseconds = nowMilliseconds
        self.publicURL = publicURL
        self.logger = logger
        self.requestID = requestID
        self.behaviours = behaviours
        self.services = services
    }

    package var now: Date { NamespaceClock.date(nowMilliseconds) }

    /// This provider's stored credentials and settings in the namespace.
    package var configuration: JSONValue { namespace.configuration(provider) }

    /// `{public-url}` or `{public-url}/ns/NAME` when the request came through the prefix.
    package var baseURL: String { publicURL + pathPrefix }

    /// Adds a journal diagnostic; the first one also becomes the `X-Confemu-Diagnostic` header.
    package func diagnose(_ line: String) {
        diagnosticLines.withLock { $0.append(line) }
    }

    package var diagnostics: [String] { diagnosticLines.withLock { $0 } }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction on the store's executor.
    package func write<T: Sendable>(_ body: @escaping @Sendable (TransactionContext) throws -> T) async throws -> T {
        try await services.write(namespace: namespace.name, provider: provider, nowMilliseconds: nowMilliseconds,
                                 body)
    }

    /// Runs a read-only `body` on the store's executor.
    package func read<T: Sendable>(_ body: @escaping @Sendable (TransactionContext) throws -> T) async throws -> T {
        try await services.read(namespace: namespace.name, provider: provider, nowMilliseconds: nowMilliseconds,
                                body)
    }

    /// Every namespace in creation order (for diagnostics such as "this token belongs to namespace X").
    package func allNamespaces() -> [NamespaceInfo] { services.namespaceDirectory() }

    /// Replaces this provider's stored configuration of the namespace (e.g. servers cloned at runtime that
    /// the namespace document lists). Takes effect for later requests.
    package func updateConfiguration(_ configuration: JSONValue) async throws {
        try await services.updateConfiguration(namespace: namespace.name, provider: provider, configuration)
    }

    /// Draws from the namespace RNG outside a transaction.
    package func random<T>(_ body: (inout SeededRNG) -> T) -> T {
        services.randomSource.draw(namespace: namespace.name, body)
    }
}

/// The engine services a context reaches; implemented by `Engine`.
package protocol EngineServices: Sendable {
    var randomSource: NamespaceRandomSource { get }
    func namespaceDirectory() -> [NamespaceInfo]
    func updateConfiguration(namespace: String, provider: ProviderID, _ configuration: JSONValue) async throws
    func write<T: Sendable>(namespace: String, provider: ProviderID, nowMilliseconds: Int64,
                            _ body: @escaping @Sendable (TransactionContext) throws -> T) async throws -> T
    func read<T: Sendable>(namespace: String, provider: ProviderID, nowMilliseconds: Int64,
                           _ body: @escaping @Sendable (TransactionContext) throws -> T) async throws -> T
}
