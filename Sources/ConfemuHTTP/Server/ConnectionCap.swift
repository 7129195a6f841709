import ConfemuSupport

/// The open-connection cap of http.md 9.6 and what to do with a connection that arrives at it.
package struct ConnectionCap: Sendable, Equatable {
    package enum Decision: Sendable, Equatable {
        /// Below the cap.
        case accept
        /// At the cap: close this idle connection silently to make room.
        case evict(UInt64)
        /// At the cap and nothing idle: answer 503 `server-busy` with `Retry-After: 1` and close.
        case reject
    }

    package let limit: Int

    package init(limit: Int) { self.limit = max(1, limit) }

    /// http.md 9.6: `min(1024, soft limit − 64)`.
    package init(maximum: Int, softFileLimit: Int?, reserve: Int) {
        let byFiles = softFileLimit.map { $0 - reserve } ?? maximum
        self.init(limit: min(maximum, byFiles))
    }

    /// The decision for a new connection, given how many are open and the idle ones with the time
    /// they became idle. The longest-idle one is evicted (fresh silent connections count as idle).
    package func admit(openCount: Int, idle: [(id: UInt64, since: MonotonicInstant)]) -> Decision {
        guard openCount >= limit else { return .accept }
        guard let oldest = idle.min(by: { $0.since < $1.since || ($0.since == $1.since && $0.id < $1.id) }) else {
            return .reject
        }
        return .evict(oldest.id)
    }
}
