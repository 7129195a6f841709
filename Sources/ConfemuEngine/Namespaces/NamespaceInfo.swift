import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// A snapshot of one namespace's identity and configuration (control-plane.md §2).
package struct NamespaceInfo: Sendable {
    package var name: String
    /// Creation order; `default` is 0.
    package var ordinal: Int64
    package var createdAt: Date
    package var seed: UInt64?
    /// Stored credentials and settings per provider (what `Provider.makeConfiguration` built).
    package var configurations: [ProviderID: JSONValue]
    /// The fixtures document the namespace was created from (re-applied on reset).
    package var fixtures: JSONValue
    package var clock: NamespaceClock

    package init(name: String, ordinal: Int64, createdAt: Date, seed: UInt64?,
                 configurations: [ProviderID: JSONValue], fixtures: JSONValue, clock: NamespaceClock) {
        self.name = name
        self.ordinal = ordinal
        self.createdAt = createdAt
        self.seed = seed
        self.configurations = configurations
        self.fixtures = fixtures
        self.clock = clock
    }

    package func configuration(_ provider: ProviderID) -> JSONValue {
        configurations[provider] ?? .null
    }
}
