import Synchronization

/// Keeps records in memory so tests can assert on log lines.
package final class MemoryLogSink: LogSink {
    private let records = Mutex<[LogRecord]>([])

    package init() {}

    package func write(_ record: LogRecord) {
        records.withLock { $0.append(record) }
    }

    package var all: [LogRecord] { records.withLock { $0 } }

    package var messages: [String] { all.map(\.message) }
}
