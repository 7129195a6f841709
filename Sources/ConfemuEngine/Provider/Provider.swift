import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// The handler a provider route runs. It receives the request, its path parameters and the context;
/// a thrown `ProviderError` is rendered through the provider's catalogue.
package typealias RouteHandler = @Sendable (ProviderRequest) async throws -> HTTPResponse

package typealias ProviderMount = Mount<RouteHandler>

/// One emulated provider (architecture.md §5). `ConfemuApp` lists the four in one array; nothing else
/// knows their concrete types. Every member with a default below may be left out.
package protocol Provider: Sendable {
    var id: ProviderID { get }
    /// Path prefixes it owns, with its routes; every route carries the spec's operation name.
    var mounts: [ProviderMount] { get }
    var catalogue: ErrorCatalogue { get }
    /// Operation names as the spec writes them (for `/_confemu/info` and fault validation).
    var operations: [String] { get }
    /// Clock event names this provider schedules (`bbb.meeting.expired`, ...).
    var eventKinds: [String] { get }
    /// Its own tables (`bbb_...`), named `bbb-001-meetings` and so on.
    var migrations: [Migration] { get }
    /// The catalogue key rendered when a handler fails unexpectedly.
    var internalErrorKey: String { get }
    /// Simulation endpoints of the control plane (control-plane.md §8), with patterns relative to
    /// `/_confemu/namespaces/{name}/<provider id>`; handlers answer control-plane JSON and throw
    /// `EngineError` for refusals.
    var controlRoutes: [Route<RouteHandler>] { get }
    /// OpenAPI 3.1 Path Item objects this provider adds to `GET /_confemu/openapi.json` (control-plane.md
    /// §10), keyed by full path (`/vpaas/rooms/{id}`); the JSON providers fill it, BBB may leave it empty.
    var openAPIPaths: [JSONMember] { get }
    /// Schemas its paths reference as `#/components/schemas/<name>`.
    var openAPISchemas: [JSONMember] { get }

    // MARK: Namespaces

    /// Builds the stored credentials and settings of a namespace from its fixtures section (nil when the
    /// fixtures have none). Throws `NamespaceConfigurationError` naming the JSON path of a problem.
    func makeConfiguration(_ input: ConfigurationInput) throws -> JSONValue
    /// The provider's section of the namespace document (control-plane.md §2).
    func namespaceDocument(configuration: JSONValue, namespace: NamespaceInfo, publicURL: String) -> JSONValue
    /// `PATCH /_confemu/namespaces/NAME/<provider>`: returns the new configuration or throws
    /// `NamespaceConfigurationError` (400 naming the unknown or invalid setting).
    func updateSettings(_ patch: JSONValue, configuration: JSONValue) throws -> JSONValue
    /// Checks an updated configuration against every other namespace's (credentials that select a namespace
    /// must stay unique); throws `NamespaceConfigurationError` on a clash. Default: no check.
    func checkUnique(_ configuration: JSONValue, others: [(namespace: String, configuration: JSONValue)]) throws

    // MARK: Requests

    /// Namespace selection by credential (control-plane.md §2 rule 3); nil when none matches.
    func identifyNamespace(_ request: HTTPRequest, match: ProviderRouteMatch?, among namespaces: [NamespaceInfo]) -> String?
    /// The answer to a request naming an unknown namespace by header or prefix.
    func unknownNamespace(_ request: HTTPRequest, name: String) -> UnknownNamespaceAnswer
    /// Answers before routing (CORS preflights, rate limits); nil to continue.
    func preRoute(_ request: HTTPRequest, context: ProviderContext) async -> PreRouteAnswer?
    /// The provider's own 404/405 rendering (http.md 10.2).
    func routingFailure(_ request: HTTPRequest, failure: RoutingFailure, context: ProviderContext) -> PreRouteAnswer
    /// Request parameters a fault rule's `match.params` compares with (control-plane.md §4).
    func faultParameters(_ request: HTTPRequest, pathParameters: [String: String]) -> [String: String]
    /// Extra parameters that need the store (e.g. a room's id and externalId resolved from a path value,
    /// videsk.md §13); merged over `faultParameters`. Default: none.
    func resolvedFaultParameters(_ request: HTTPRequest, pathParameters: [String: String],
                                 context: ProviderContext) async -> [String: [String]]
    /// The one-line `X-Confemu-Diagnostic` value for a request's diagnostics (default: the first line).
    func diagnosticHeader(_ diagnostics: [String]) -> String?
    /// What an `{"error": key}` fault does for this request (default: render the catalogue entry).
    func faultOutcome(key: String, request: HTTPRequest, operation: String, context: ProviderContext) -> FaultOutcome
    /// Renders a thrown `ProviderError` (default: the catalogue entry, else `internalErrorKey`).
    func render(_ error: ProviderError, request: HTTPRequest, operation: String?) -> HTTPResponse
    /// Last touch on every provider response (CORS fields, rate-limit headers, ...).
    func finish(_ response: inout HTTPResponse, request: HTTPRequest, context: ProviderContext)
    /// The journal diagnostic for an `X-Confemu-Fault` key that is not in the catalogue.
    func unknownFaultKeyDiagnostic(_ key: String) -> String
    /// Whether routes read `HTTPRequest.bodyTooLarge` themselves (ProCONF's 413); otherwise the
    /// pipeline answers the generic 413 of http.md 11.7 without running the route (http.md 5.6).
    var handlesOversizedBodies: Bool { get }
    /// Removes secrets from a journal entry beyond the `Authorization` header (e.g. `access_token`).
    func redact(_ entry: inout JournalEntry)

    // MARK: State

    /// Runs a due clock event inside the write transaction that removes it.
    func handle(_ event: ClockEvent, in transaction: TransactionContext) throws
    /// Creates the initial state of a namespace from its fixtures section (nil = none).
    func applyFixtures(_ section: JSONValue?, configuration: JSONValue, in transaction: TransactionContext) throws
    /// The namespace state as this provider's fixtures section (round-trips through `applyFixtures`).
    func exportState(configuration: JSONValue, in transaction: TransactionContext) throws -> JSONValue
    /// Deletes every row of this namespace from the provider's tables.
    func deleteState(in transaction: TransactionContext) throws
}

extension Provider {
    package var eventKinds: [String] { [] }

    package var controlRoutes: [Route<RouteHandler>] { [] }

    package func checkUnique(_ configuration: JSONValue,
                             others: [(namespace: String, configuration: JSONValue)]) throws {}

    package var openAPIPaths: [JSONMember] { [] }

    package var openAPISchemas: [JSONMember] { [] }

    package func preRoute(_ request: HTTPRequest, context: ProviderContext) async -> PreRouteAnswer? { nil }

    package func faultParameters(_ request: HTTPRequest, pathParameters: [String: String]) -> [String: String] {
        DefaultFaultParameters.collect(request, pathParameters: pathParameters)
    }

    package func faultOutcome(key: String, request: HTTPRequest, operation: String,
                              context: ProviderContext) -> FaultOutcome {
        guard let entry = catalogue.entry(key, operation: operation) else {
            return .notApplicable(diagnostic: "fault: \(key) does not apply to \(operation)")
        }
        if entry.kind == .upstream { return .behaviour(key) }
        return .respond(entry.render(ErrorRenderInput(operation: operation, parameters: [:], request: request)))
    }

    package func render(_ error: ProviderError, request: HTTPRequest, operation: String?) -> HTTPResponse {
        let input = ErrorRenderInput(operation: operation, parameters: error.parameters, request: request)
        if let response = catalogue.render(error.key, input: input) { return response }
        if let response = catalogue.entries.first(where: { $0.key == error.key })?.render(input) { return response }
        if let response = catalogue.render(internalErrorKey, input: input) { return response }
        return HTTPResponse(status: 500, contentType: "text/plain; charset=utf-8", body: "Internal Server Error")
    }

    package func finish(_ response: inout HTTPResponse, request: HTTPRequest, context: ProviderContext) {}

    package func unknownFaultKeyDiagnostic(_ key: String) -> String { "unknown fault key \"\(key)\"" }

    package func resolvedFaultParameters(_ request: HTTPRequest, pathParameters: [String: String],
                                         context: ProviderContext) async -> [String: [String]] { [:] }

    package func diagnosticHeader(_ diagnostics: [String]) -> String? { diagnostics.first }

    package var handlesOversizedBodies: Bool { false }

    package func redact(_ entry: inout JournalEntry) {}

    package func handle(_ event: ClockEvent, in transaction: TransactionContext) throws {}
}
