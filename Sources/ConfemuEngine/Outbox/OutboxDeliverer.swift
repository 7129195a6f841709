import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Dispatch
import Foundation
import Synchronization

/// Delivers pending callbacks with the blocking outbound client on its own serial queue (architecture.md
/// §4.4, http.md §14): 3 attempts, backoff 1 s then 5 s on the namespace clock, 10 s per attempt, never
/// blocking provider requests (control-plane.md §7).
package final class OutboxDeliverer: Sendable {
    private let engine: Engine
    private let logger: Logger
    private let transport: Transport
    private let queue = DispatchQueue(label: "confemu.outbox")
    private let state = Mutex(State())
    private static let backoffMilliseconds: [Int64] = [1000, 5000]
    private static let maximumTries = 3

    private struct State {
        var running = false
        var scheduled = false
        var again = false
        var stopped = false
    }

    /// What one delivery attempt gave: a response, or a transport failure (http.md §14).
    package enum Outcome: Sendable {
        case response(status: Int, location: String?, body: [UInt8])
        case failure(code: String, retryable: Bool)
    }

    /// Sends one request (method, URL, headers, body); blocking, called on the deliverer's queue.
    package typealias Transport = @Sendable (String, String, [(name: String, value: String)], [UInt8]) -> Outcome

    package init(engine: Engine, logger: Logger, client: HTTPClient = HTTPClient()) {
        self.engine = engine
        self.logger = logger
        self.transport = { method, url, headers, body in
            let request = HTTPClientRequest(method: HTTPMethod(rawValue: method) ?? .POST, url: url,
                                            headers: HTTPHeaders(headers), body: body)
            switch client.send(request) {
            case .success(let response):
                return .response(status: response.status, location: response.location, body: response.body)
            case .failure(let failure):
                // http.md 14.2: a URL that can never work is not retried.
                return .failure(code: failure.code,
                                retryable: failure != .invalidURL && failure != .unsupportedScheme)
            }
        }
    }

    /// A deliverer over another transport (tests: a recording fake receiver).
    package init(engine: Engine, logger: Logger, transport: @escaping Transport) {
        self.engine = engine
        self.logger = logger
        self.transport = transport
    }

    package func start() {
        state.withLock { $0.running = true }
        wake()
    }

    /// Stops taking up new work; undelivered entries stay `pending` in the database (http.md 13.5).
    package func stop() {
        state.withLock { $0.stopped = true }
    }

    /// Asks for a delivery round; rounds never overlap and a wake during a round runs one more.
    package func wake() {
        let startRound: Bool = state.withLock { state in
            guard state.running, !state.stopped else { return false }
            if state.scheduled {
                state.again = true
                return false
            }
            state.scheduled = true
            return true
        }
        guard startRound else { return }
        Task { await self.round() }
    }

    private func round() async {
        repeat {
            state.withLock { $0.again = false }
            await deliverDue()
        } while state.withLock({ $0.again && !$0.stopped })
        state.withLock { $0.scheduled = false }
    }

    private func deliverDue() async {
        let entries: [OutboxEntry]
        do {
            entries = try await engine.store.read { db in
                try db.query("SELECT * FROM outbox WHERE state = 'pending' AND kind = 'callback' ORDER BY id", [])
                    .map(Engine.outboxEntry)
            }
        } catch {
            logger.error("outbox: cannot read pending entries: \(error)")
            return
        }
        for entry in entries {
            if state.withLock({ $0.stopped }) { return }
            guard let info = engine.namespace(entry.namespace) else { continue }
            let now = engine.nowMilliseconds(namespace: info)
            guard (entry.nextAttemptMilliseconds ?? now) <= now else { continue }
            await attempt(entry)
        }
    }

    private func attempt(_ entry: OutboxEntry) async {
        let headers: [(name: String, value: String)] = (entry.headers.arrayValue ?? []).compactMap { pair in
            guard let name = pair[0]?.stringValue, let value = pair[1]?.stringValue else { return nil }
            return (name, value)
        }
        let transport = self.transport
        let url = entry.url ?? ""
        let body = Array(entry.body.utf8)
        let method = entry.method
        let result: Outcome = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: transport(method, url, headers, body))
            }
        }
        guard let info = engine.namespace(entry.namespace) else { return }
        let now = engine.nowMilliseconds(namespace: info)
        var record: [(key: String, value: JSONValue)] = [("time", .string(Timestamp.rfc3339Milliseconds(NamespaceClock.date(now))))]
        let tries = entry.tries + 1
        var newState = "failed"
        var retry = false
        switch result {
        case .response(let status, let location, let responseBody):
            record.append(("status", .integer(status)))
            if let location { record.append(("location", .string(location))) }
            record.append(("responseBody", .string(String(decoding: responseBody.prefix(65_536), as: UTF8.self))))
            switch status {
            case 200..<300: newState = "delivered"
            case 500..<600: retry = true
            default: newState = "failed"
            }
        case .failure(let code, let retryable):
            record.append(("error", .string(code)))
            retry = retryable
        }
        var nextAttempt: Int64?
        if retry {
            if tries < Self.maximumTries {
                newState = "pending"
                nextAttempt = now + Self.backoffMilliseconds[min(tries - 1, Self.backoffMilliseconds.count - 1)]
            } else {
                newState = "failed"
            }
        }
        let attempts = JSONValue.array(entry.attempts + [.object(record)]).jsonString()
        let finalState = newState
        do {
            try await engine.store.write { db in
                try db.execute("UPDATE outbox SET attempts = ?, tries = ?, state = ?, next_attempt_ms = ? WHERE id = ?",
                               [.text(attempts), .integer(Int64(tries)), .text(finalState),
                                nextAttempt.map(SQLValue.integer) ?? .null, .integer(entry.id)])
            }
        } catch {
            logger.error("outbox: cannot record attempt of entry \(entry.id): \(error)")
        }
        engine.metrics.outboxDelivery(state: finalState == "pending" ? "retry" : finalState)
        engine.outboxChanged()
    }
}
