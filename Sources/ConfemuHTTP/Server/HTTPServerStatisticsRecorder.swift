import Synchronization

/// The mutable side of the counters, shared between the I/O thread and readers.
final class HTTPServerStatisticsRecorder: Sendable {
    private let counters = Mutex(HTTPServerStatistics())

    var snapshot: HTTPServerStatistics { counters.withLock { $0 } }

    func update(_ change: (inout HTTPServerStatistics) -> Void) {
        counters.withLock { change(&$0) }
    }

    func protocolError(_ slug: String) {
        counters.withLock { $0.protocolErrors[slug, default: 0] += 1 }
    }
}
