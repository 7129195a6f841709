import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// SQL of the `outbox` table. Callbacks start `pending` and due now; mails are `delivered` at once
/// (recorded, never sent; control-plane.md §7).
package enum OutboxStore {
    package static func insert(_ message: OutboxMessage, namespace: String, provider: ProviderID,
                               nowMilliseconds: Int64, db: Database) throws {
        let headers = JSONValue.array(message.headers.map { JSONValue.array([.string($0.name), .string($0.value)]) })
        let isCallback = message.kind == .callback
        try db.execute(
            """
            INSERT INTO outbox (namespace, provider, kind, event, url, recipient, method, headers, body, details,
                                attempts, state, next_attempt_ms, created_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)
            """,
            [.text(namespace), .text(provider.rawValue), .text(message.kind.rawValue), .text(message.event),
             message.url.map(SQLValue.text) ?? .null, message.to.map(SQLValue.text) ?? .null,
             .text(message.method), .text(headers.jsonString()), .text(message.body),
             .text(message.details.jsonString()), .text(isCallback ? "pending" : "delivered"),
             isCallback ? .integer(nowMilliseconds) : .null, .integer(nowMilliseconds)])
    }
}
