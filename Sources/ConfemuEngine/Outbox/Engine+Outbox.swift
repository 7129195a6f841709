import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

extension Engine {
    static func outboxEntry(_ row: Row) throws -> OutboxEntry {
        OutboxEntry(
            id: try row.int64("id"), namespace: try row.string("namespace"), provider: try row.string("provider"),
            kind: try row.string("kind"), event: try row.string("event"), url: try row.optionalString("url"),
            to: try row.optionalString("recipient"), method: try row.string("method"),
            headers: (try? JSONValue(parsing: try row.string("headers"))) ?? .array([]),
            body: try row.string("body"), details: (try? JSONValue(parsing: try row.string("details"))) ?? .null,
            attempts: ((try? JSONValue(parsing: try row.string("attempts")))?.arrayValue) ?? [],
            tries: try row.int("tries"), state: try row.string("state"),
            nextAttemptMilliseconds: try row.optionalInt64("next_attempt_ms"),
            createdMilliseconds: try row.int64("created_ms"))
    }

    /// Newest first.
    package func outbox(namespace name: String, filter: OutboxFilter) async throws -> [OutboxEntry] {
        guard namespace(name) != nil else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        let entries = try await store.read { db in
            try db.query("SELECT * FROM outbox WHERE namespace = ? ORDER BY id DESC", [.text(name)]).map(Engine.outboxEntry)
        }
        return entries.filter(filter.matches)
    }

    /// Waits until `count` matching entries exist (200 with them) or the timeout passes (nil).
    package func waitForOutbox(namespace name: String, filter: OutboxFilter, count: Int,
                               timeoutMilliseconds: Int) async throws -> [OutboxEntry]? {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, timeoutMilliseconds)) * 1_000_000
        while true {
            let generation = outboxChanges.generation
            let entries = try await outbox(namespace: name, filter: filter)
            if entries.count >= count { return entries }
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { return nil }
            await outboxChanges.wait(after: generation, timeoutNanoseconds: deadline - now)
        }
    }

    /// `POST .../outbox/ID/redeliver`: sends again with a fresh retry budget.
    package func redeliver(namespace name: String, id: Int64) async throws -> OutboxEntry {
        guard let info = namespace(name) else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        let now = nowMilliseconds(namespace: info)
        let entry: OutboxEntry? = try await store.write { db in
            guard let row = try db.queryOne("SELECT * FROM outbox WHERE namespace = ? AND id = ?",
                                            [.text(name), .integer(id)]) else { return nil }
            let entry = try Engine.outboxEntry(row)
            guard entry.kind == "callback" else { return entry }
            try db.execute("UPDATE outbox SET state = 'pending', tries = 0, next_attempt_ms = ? WHERE id = ?",
                           [.integer(now), .integer(id)])
            return try db.queryOne("SELECT * FROM outbox WHERE id = ?", [.integer(id)]).map(Engine.outboxEntry)
        }
        guard let entry else { throw EngineError.notFound("outbox entry \(id) does not exist in namespace '\(name)'") }
        guard entry.kind == "callback" else {
            throw EngineError(409, "conflict", "outbox entry \(id) is a mail: mails are recorded, never sent")
        }
        outboxChanged()
        outboxWake.withLock { $0 }?()
        return entry
    }

    /// Wakes outbox waiters (rows inserted or updated).
    package func outboxChanged() {
        outboxChanges.signal()
    }
}
