import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

extension Engine {
    /// Runs every event of `namespace` due at or before `untilMilliseconds`, in time order (ties in
    /// scheduling order). Each event runs in its own write transaction with `now` = its due time.
    @discardableResult
    package func fireDueEvents(namespace name: String, untilMilliseconds: Int64) async throws -> [FiredEvent] {
        var fired: [FiredEvent] = []
        let providers = self.providers
        let random = randomSource
        // Bounded so that a provider that keeps rescheduling in the past cannot spin forever.
        for _ in 0..<100_000 {
            let result: (FiredEvent?, Int64?) = try await store.write { db in
                guard let row = try db.query(
                    """
                    SELECT id, provider, kind, due_ms, key, subject, payload FROM clock_events
                    WHERE namespace = ? AND due_ms <= ? ORDER BY due_ms, id LIMIT 1
                    """, [.text(name), .integer(untilMilliseconds)]).first
                else { return (nil, try Engine.earliestDue(namespace: name, db: db)) }
                let event = ClockEvent(
                    id: try row.int64("id"), namespace: name,
                    provider: ProviderID(rawValue: try row.string("provider")) ?? .bbb,
                    kind: try row.string("kind"), dueMilliseconds: try row.int64("due_ms"), key: try row.string("key"),
                    subject: (try? JSONValue(parsing: try row.string("subject"))) ?? .null,
                    payload: (try? JSONValue(parsing: try row.string("payload"))) ?? .null)
                try db.execute("DELETE FROM clock_events WHERE id = ?", [.integer(event.id)])
                if let provider = providers.first(where: { $0.id == event.provider }) {
                    let transaction = TransactionContext(db: db, namespace: name, provider: event.provider,
                                                         nowMilliseconds: event.dueMilliseconds, randomSource: random)
                    try provider.handle(event, in: transaction)
                }
                return (FiredEvent(name: event.kind, atMilliseconds: event.dueMilliseconds, subject: event.subject),
                        try Engine.earliestDue(namespace: name, db: db))
            }
            noteEarliestDue(namespace: name, result.1)
            guard let event = result.0 else { break }
            fired.append(event)
            metrics.eventFired(event.name)
        }
        // Queued callbacks and retries that came due on the namespace clock go out now (control-plane.md §7).
        outboxWake.withLock { $0 }?()
        return fired
    }

    /// The cheap check before every request and on every tick: fire what is due in real time.
    package func catchUp(namespace name: String) async {
        guard let info = namespace(name) else { return }
        let now = nowMilliseconds(namespace: info)
        let due = nextDue.withLock { $0[name] }
        guard let due, due <= now else { return }
        do {
            try await fireDueEvents(namespace: name, untilMilliseconds: now)
        } catch {
            logger.error("clock events of namespace \(name) failed: \(error)")
        }
    }

    /// Fires due events of every namespace (the 1-second ticker).
    package func tick() async {
        for info in namespaces() { await catchUp(namespace: info.name) }
    }

    private func updateClock(_ name: String, _ change: (inout NamespaceClock, Date) -> Void) async throws
        -> NamespaceInfo {
        guard var info = namespace(name) else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        change(&info.clock, wallClock.now())
        let clock = info.clock
        try await store.write { db in
            try db.execute("UPDATE namespaces SET clock_offset_ms = ?, clock_frozen_ms = ? WHERE name = ?",
                           [.integer(clock.offsetMilliseconds), clock.frozenAtMilliseconds.map(SQLValue.integer) ?? .null,
                            .text(name)])
        }
        let updated = info
        registry.withLock { $0[name] = updated }
        return updated
    }

    /// `clock/advance`: moves time forward and runs every due event in order.
    package func advanceClock(namespace name: String, seconds: Double) async throws -> (NamespaceInfo, [FiredEvent]) {
        guard seconds >= 0, seconds.isFinite else {
            throw EngineError(400, "invalidRequest", "seconds must be a non-negative number")
        }
        let milliseconds = Int64((seconds * 1000).rounded())
        let info = try await updateClock(name) { clock, _ in clock.advance(milliseconds: milliseconds) }
        let fired = try await fireDueEvents(namespace: name, untilMilliseconds: nowMilliseconds(namespace: info))
        return (namespace(name) ?? info, fired)
    }

    /// `clock/set`: forward runs due events, backward runs none.
    package func setClock(namespace name: String, to target: Date) async throws -> (NamespaceInfo, [FiredEvent]) {
        let targetMilliseconds = NamespaceClock.milliseconds(target)
        let info = try await updateClock(name) { clock, real in clock.set(targetMilliseconds, real: real) }
        let fired = try await fireDueEvents(namespace: name, untilMilliseconds: nowMilliseconds(namespace: info))
        return (namespace(name) ?? info, fired)
    }

    package func freezeClock(namespace name: String) async throws -> NamespaceInfo {
        try await updateClock(name) { clock, real in clock.freeze(real: real) }
    }

    package func resumeClock(namespace name: String) async throws -> NamespaceInfo {
        try await updateClock(name) { clock, real in clock.resume(real: real) }
    }
}
