import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// Every error a provider can render, by key. Several entries may share a key when the body differs
/// by operation or surface (proconf.md §11: `unauthorized` on the session and admin surfaces).
package struct ErrorCatalogue: Sendable {
    package private(set) var entries: [CatalogueEntry]

    package init(_ entries: [CatalogueEntry]) { self.entries = entries }

    package var keys: [String] {
        var seen = Set<String>()
        return entries.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }

    package func contains(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// The entry for `key` that applies to `operation` (the first listed when several do).
    package func entry(_ key: String, operation: String?) -> CatalogueEntry? {
        entries.first { $0.key == key && $0.applies(to: operation) }
    }

    /// Renders `key` for `operation`; nil when the key is unknown or does not apply.
    package func render(_ key: String, input: ErrorRenderInput) -> HTTPResponse? {
        entry(key, operation: input.operation)?.render(input)
    }
}
