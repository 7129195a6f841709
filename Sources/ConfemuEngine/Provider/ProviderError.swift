import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// Thrown by handlers to answer with a catalogue entry (architecture.md §5, "Error catalogue").
/// The pipeline renders `key` through the provider's catalogue, so a handled error and an injected
/// fault with the same key are byte-identical.
package struct ProviderError: Error, Sendable {
    package var key: String
    /// Values the entry's renderer may use (e.g. `meetingID`).
    package var parameters: [String: String]
    /// Lines added to the journal entry's `diagnostics`; the first also becomes `X-Confemu-Diagnostic`.
    package var diagnostics: [String]

    package init(_ key: String, parameters: [String: String] = [:], diagnostics: [String] = []) {
        self.key = key
        self.parameters = parameters
        self.diagnostics = diagnostics
    }
}
