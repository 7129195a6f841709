import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// What `Provider.makeConfiguration` builds from.
package struct ConfigurationInput {
    /// The namespace's own fixtures section for this provider, nil when it has none.
    package var section: JSONValue?
    /// The same provider's section of the fixtures file loaded at start (a template for runtime
    /// namespaces, e.g. jitsi-admin.md §4.2), nil when absent.
    package var startSection: JSONValue?
    package var namespace: String
    package var isDefault: Bool
    /// Configurations of every other namespace (for uniqueness of keys and tokens).
    package var others: [(namespace: String, configuration: JSONValue)]
    package var rng: SeededRNG

    package init(section: JSONValue?, startSection: JSONValue?, namespace: String, isDefault: Bool,
                 others: [(namespace: String, configuration: JSONValue)], rng: SeededRNG) {
        self.section = section
        self.startSection = startSection
        self.namespace = namespace
        self.isDefault = isDefault
        self.others = others
        self.rng = rng
    }
}

/// A fixtures or settings problem. `status` 400 with code `invalidFixtures` (or `invalidSettings`) by
/// default; credential clashes use 409 `conflict` (bbb.md §2.2).
package struct NamespaceConfigurationError: Error, Sendable, CustomStringConvertible {
    package var status: Int
    package var code: String
    package var message: String

    package init(status: Int = 400, code: String = "invalidFixtures", _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// `path: message`, e.g. `jitsiAdmin.servers[0].url: required`.
    package static func invalid(_ path: String, _ problem: String, code: String = "invalidFixtures")
        -> NamespaceConfigurationError {
        NamespaceConfigurationError(code: code, "\(path): \(problem)")
    }

    package var description: String { message }
}

/// How the namespace of a request was chosen (control-plane.md §2).
package enum NamespaceSelection: String, Sendable {
    case header
    case prefix
    case credential
    case fallback
}

/// The answer to a request that names a namespace that does not exist.
package struct UnknownNamespaceAnswer: Sendable {
    package var response: HTTPResponse
    /// Whether the request is journaled in `default` (BBB, ProCONF) or not at all (Videsk).
    package var journalInDefault: Bool
    package var diagnostic: String?

    package init(response: HTTPResponse, journalInDefault: Bool, diagnostic: String?) {
        self.response = response
        self.journalInDefault = journalInDefault
        self.diagnostic = diagnostic
    }
}

/// A response produced before or instead of a route, with the operation to journal it under.
package struct PreRouteAnswer: Sendable {
    package var response: HTTPResponse
    /// Journal operation (`unmatched`, `session.unmatched`, or nil for Videsk's `null`).
    package var operation: String?
    /// False for answers the provider does not journal.
    package var journaled: Bool
    package var diagnostics: [String]

    package init(response: HTTPResponse, operation: String?, journaled: Bool = true, diagnostics: [String] = []) {
        self.response = response
        self.operation = operation
        self.journaled = journaled
        self.diagnostics = diagnostics
    }
}

/// Why routing found no route inside a provider's mount.
package enum RoutingFailure: Sendable, Equatable {
    case notFound
    case methodNotAllowed(allowed: [HTTPMethod])
}

/// What a fault `{"error": key}` does to one request.
package enum FaultOutcome: Sendable {
    /// Answer with this response instead of handling the request.
    case respond(HTTPResponse)
    /// Handle the request, reproducing the upstream behaviour named by the key (proconf.md §11).
    case behaviour(String)
    /// The key has no entry for this operation; serve normally and journal the diagnostic.
    case notApplicable(diagnostic: String)
}

/// The route a request matched inside a provider mount (for credential lookup by path, e.g. the BBB key).
package struct ProviderRouteMatch: Sendable {
    package var operation: String
    package var parameters: [String: String]

    package init(operation: String, parameters: [String: String]) {
        self.operation = operation
        self.parameters = parameters
    }
}
