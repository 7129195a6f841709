import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// An outbox row as the control plane lists it (control-plane.md §7).
package struct OutboxEntry: Sendable {
    package var id: Int64
    package var namespace: String
    package var provider: String
    package var kind: String
    package var event: String
    package var url: String?
    package var to: String?
    package var method: String
    package var headers: JSONValue
    package var body: String
    package var details: JSONValue
    package var attempts: [JSONValue]
    package var tries: Int
    package var state: String
    package var nextAttemptMilliseconds: Int64?
    package var createdMilliseconds: Int64
}

/// Filters of the outbox list and wait calls.
package struct OutboxFilter: Sendable {
    package var kind: String?
    package var event: String?
    package var state: String?

    package init(kind: String? = nil, event: String? = nil, state: String? = nil) {
        self.kind = kind
        self.event = event
        self.state = state
    }

    package func matches(_ entry: OutboxEntry) -> Bool {
        (kind == nil || entry.kind == kind) && (event == nil || entry.event == event)
            && (state == nil || entry.state == state)
    }
}
