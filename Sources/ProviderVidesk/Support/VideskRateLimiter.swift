import ConfemuSupport
import Synchronization

/// Fixed one-second windows of real monotonic time per namespace (videsk.md §12). Process memory, not
/// namespace state: the counters need not survive a restart, so a Mutex inside the provider is enough.
final class VideskRateLimiter: Sendable {
    struct Decision: Sendable {
        var limit: Int
        var remaining: Int
        var limited: Bool
    }

    private struct Window {
        var start: UInt64
        var count: Int
    }

    private let clock: any MonotonicClock
    private let windows = Mutex<[String: Window]>([:])
    /// Decisions taken in `preRoute`, picked up by `finish` of the same request (by request id).
    private let pending = Mutex<[String: Decision]>([:])

    init(clock: any MonotonicClock) { self.clock = clock }

    /// Counts one request of `namespace` (this one included).
    func count(namespace: String, configuredLimit: Int?, requestID: String) -> Decision {
        let limit = configuredLimit ?? 20
        let now = clock.now().nanoseconds
        let count = windows.withLock { windows -> Int in
            var window = windows[namespace] ?? Window(start: now, count: 0)
            if now &- window.start >= 1_000_000_000 { window = Window(start: now, count: 0) }
            window.count += 1
            windows[namespace] = window
            return window.count
        }
        let limited = configuredLimit != nil && count > limit
        let decision = Decision(limit: limit, remaining: limited ? 0 : max(0, limit - count), limited: limited)
        pending.withLock { map in
            // Bounded: requests ended by a connection fault never reach `finish`.
            if map.count > 10_000 { map.removeAll() }
            map[requestID] = decision
        }
        return decision
    }

    func take(requestID: String) -> Decision? {
        pending.withLock { $0.removeValue(forKey: requestID) }
    }
}
