import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// A callback to deliver or a mail to record (control-plane.md §7), queued inside a transaction.
package struct OutboxMessage: Sendable {
    package enum Kind: String, Sendable {
        case callback
        case mail
    }

    package var kind: Kind
    /// What caused it (`bbb.meeting.ended`, `jitsiAdmin.invitation`, ...).
    package var event: String
    /// Callback URL (kind callback).
    package var url: String?
    /// Mail recipient (kind mail).
    package var to: String?
    package var method: String
    package var headers: [(name: String, value: String)]
    package var body: String
    /// Extra fields shown with the entry (mail subject, attachments, ...).
    package var details: JSONValue

    package init(kind: Kind, event: String, url: String? = nil, to: String? = nil, method: String = "POST",
                 headers: [(name: String, value: String)] = [], body: String = "", details: JSONValue = .null) {
        self.kind = kind
        self.event = event
        self.url = url
        self.to = to
        self.method = method
        self.headers = headers
        self.body = body
        self.details = details
    }

    package static func callback(event: String, url: String, method: String = "POST",
                                 headers: [(name: String, value: String)] = [], body: String = "") -> OutboxMessage {
        OutboxMessage(kind: .callback, event: event, url: url, method: method, headers: headers, body: body)
    }

    package static func mail(event: String, to: String, body: String, details: JSONValue = .null) -> OutboxMessage {
        OutboxMessage(kind: .mail, event: event, to: to, method: "SMTP", body: body, details: details)
    }
}
