import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// Counters behind `/_confemu/metrics` (control-plane.md §10).
package final class EngineMetrics: Sendable {
    package struct RequestKey: Hashable, Sendable {
        package var provider: String
        package var operation: String
        package var status: Int
    }

    package struct Snapshot: Sendable {
        package var requests: [RequestKey: Int]
        /// Per provider: counts per upper bound of `latencyBuckets`, then the total count and sum.
        package var latencyBuckets: [String: [Int]]
        package var latencyCount: [String: Int]
        package var latencySum: [String: Double]
        package var faultsFired: [String: Int]
        package var outboxDeliveries: [String: Int]
        package var eventsFired: [String: Int]
    }

    /// Seconds.
    package static let latencyBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private let state = Mutex(Snapshot(requests: [:], latencyBuckets: [:], latencyCount: [:], latencySum: [:],
                                       faultsFired: [:], outboxDeliveries: [:], eventsFired: [:]))

    package init() {}

    package func request(provider: String, operation: String?, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[RequestKey(provider: provider, operation: operation ?? "", status: status), default: 0] += 1
            var buckets = state.latencyBuckets[provider] ?? Array(repeating: 0, count: Self.latencyBounds.count)
            for (index, bound) in Self.latencyBounds.enumerated() where seconds <= bound { buckets[index] += 1 }
            state.latencyBuckets[provider] = buckets
            state.latencyCount[provider, default: 0] += 1
            state.latencySum[provider, default: 0] += seconds
        }
    }

    package func faultFired(provider: String) {
        state.withLock { $0.faultsFired[provider, default: 0] += 1 }
    }

    package func outboxDelivery(state outcome: String) {
        state.withLock { $0.outboxDeliveries[outcome, default: 0] += 1 }
    }

    package func eventFired(_ name: String) {
        state.withLock { $0.eventsFired[name, default: 0] += 1 }
    }

    package var snapshot: Snapshot { state.withLock { $0 } }
}
