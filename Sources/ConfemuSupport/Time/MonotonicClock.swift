#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Nanoseconds on CLOCK_MONOTONIC: what connection deadlines and durations use (http.md §9).
package struct MonotonicInstant: Sendable, Comparable, Hashable {
    package var nanoseconds: UInt64

    package init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    package static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    package func adding(milliseconds: UInt64) -> MonotonicInstant {
        MonotonicInstant(nanoseconds: nanoseconds &+ milliseconds &* 1_000_000)
    }

    package func adding(seconds: Double) -> MonotonicInstant {
        MonotonicInstant(nanoseconds: nanoseconds &+ UInt64(max(0, seconds) * 1_000_000_000))
    }

    /// Milliseconds from `self` until `later` (0 when `later` is not after `self`).
    package func milliseconds(until later: MonotonicInstant) -> UInt64 {
        later.nanoseconds > nanoseconds ? (later.nanoseconds - nanoseconds) / 1_000_000 : 0
    }
}

/// Where monotonic time comes from; tests inject a manual one to check deadlines in microseconds.
package protocol MonotonicClock: Sendable {
    func now() -> MonotonicInstant
}

package struct SystemMonotonicClock: MonotonicClock {
    package init() {}

    package func now() -> MonotonicInstant {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return MonotonicInstant(nanoseconds: UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec))
    }
}

package final class ManualMonotonicClock: MonotonicClock {
    private let current = Mutex<UInt64>(1_000_000_000)

    package init() {}

    package func now() -> MonotonicInstant { MonotonicInstant(nanoseconds: current.withLock { $0 }) }

    package func advance(milliseconds: UInt64) {
        current.withLock { $0 &+= milliseconds &* 1_000_000 }
    }
}
