import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// A timed provider event on a namespace clock (architecture.md §5, "Clock events").
package struct ClockEvent: Sendable {
    package var id: Int64
    package var namespace: String
    package var provider: ProviderID
    /// The event name as the provider spec writes it (`bbb.meeting.expired`).
    package var kind: String
    /// Due time, virtual milliseconds since the epoch.
    package var dueMilliseconds: Int64
    /// What the event concerns, unique per kind (`meetingID`, room id); `cancel` uses it.
    package var key: String
    /// Shown as `subject` when the event fires (control-plane.md §12).
    package var subject: JSONValue
    /// Anything the handler needs later.
    package var payload: JSONValue

    package init(id: Int64, namespace: String, provider: ProviderID, kind: String, dueMilliseconds: Int64,
                 key: String, subject: JSONValue, payload: JSONValue) {
        self.id = id
        self.namespace = namespace
        self.provider = provider
        self.kind = kind
        self.dueMilliseconds = dueMilliseconds
        self.key = key
        self.subject = subject
        self.payload = payload
    }

    package var due: Date { NamespaceClock.date(dueMilliseconds) }
}
