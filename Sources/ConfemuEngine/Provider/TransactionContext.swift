import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// What a synchronous store closure of a provider sees: the database inside one write transaction,
/// the namespace, virtual `now`, the namespace RNG, and the means to schedule clock events and queue
/// outbox messages in the same transaction as the state change that causes them (architecture.md §5).
///
/// Not Sendable: it lives only for the duration of one closure on the store's serial executor.
package final class TransactionContext {
    package let db: Database
    package let namespace: String
    package let provider: ProviderID
    package let now: Date
    package let nowMilliseconds: Int64
    private let randomSource: NamespaceRandomSource
    /// Set when an outbox message was queued, so the engine wakes the deliverer after commit.
    package private(set) var queuedOutbox = false

    package init(db: Database, namespace: String, provider: ProviderID, nowMilliseconds: Int64,
                 randomSource: NamespaceRandomSource) {
        self.db = db
        self.namespace = namespace
        self.provider = provider
        self.nowMilliseconds = nowMilliseconds
        self.now = NamespaceClock.date(nowMilliseconds)
        self.randomSource = randomSource
    }

    /// Draws from the namespace's seeded generator (repeatable with a seed).
    package func random<T>(_ body: (inout SeededRNG) -> T) -> T {
        randomSource.draw(namespace: namespace, body)
    }

    /// Schedules `kind` for `key` at `dueMilliseconds` (virtual time).
    package func schedule(_ kind: String, atMilliseconds dueMilliseconds: Int64, key: String,
                          subject: JSONValue = .null, payload: JSONValue = .null) throws {
        try db.execute(
            """
            INSERT INTO clock_events (namespace, provider, kind, due_ms, key, subject, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(namespace), .text(provider.rawValue), .text(kind), .integer(dueMilliseconds), .text(key),
             .text(subject.jsonString()), .text(payload.jsonString())])
    }

    package func schedule(_ kind: String, at due: Date, key: String, subject: JSONValue = .null,
                          payload: JSONValue = .null) throws {
        try schedule(kind, atMilliseconds: NamespaceClock.milliseconds(due), key: key, subject: subject,
                     payload: payload)
    }

    /// Removes pending events of `kind` for `key` (a meeting ended early has no `durationReached`).
    package func cancel(_ kind: String, key: String) throws {
        try db.execute("DELETE FROM clock_events WHERE namespace = ? AND provider = ? AND kind = ? AND key = ?",
                       [.text(namespace), .text(provider.rawValue), .text(kind), .text(key)])
    }

    /// Removes every pending event of this provider for `key`.
    package func cancelAll(key: String) throws {
        try db.execute("DELETE FROM clock_events WHERE namespace = ? AND provider = ? AND key = ?",
                       [.text(namespace), .text(provider.rawValue), .text(key)])
    }

    /// The due time of a pending event, if one is scheduled.
    package func pendingEvent(_ kind: String, key: String) throws -> Int64? {
        try db.query(
            "SELECT due_ms FROM clock_events WHERE namespace = ? AND provider = ? AND kind = ? AND key = ? ORDER BY due_ms LIMIT 1",
            [.text(namespace), .text(provider.rawValue), .text(kind), .text(key)]
        ).first?.int64("due_ms")
    }

    /// Queues a callback or mail; the outbox delivers callbacks after the transaction commits.
    package func enqueue(_ message: OutboxMessage) throws {
        try OutboxStore.insert(message, namespace: namespace, provider: provider, nowMilliseconds: nowMilliseconds,
                               db: db)
        queuedOutbox = true
    }
}
