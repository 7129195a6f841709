import Foundation

/// The project's small logger: built once in ConfemuApp and passed down; modules never make their own.
package struct Logger: Sendable {
    package let sink: any LogSink
    package let minimumLevel: LogLevel
    package private(set) var metadata: [(key: String, value: String)]

    package init(sink: any LogSink, minimumLevel: LogLevel = .info, metadata: [(key: String, value: String)] = []) {
        self.sink = sink
        self.minimumLevel = minimumLevel
        self.metadata = metadata
    }

    /// A logger that drops everything (tests that do not look at logs).
    package static var discarding: Logger { Logger(sink: DiscardingLogSink(), minimumLevel: .critical) }

    /// A copy that adds one metadata pair to every line (e.g. `requestID`).
    package func with(_ key: String, _ value: String) -> Logger {
        var copy = self
        copy.metadata.append((key, value))
        return copy
    }

    package func isEnabled(_ level: LogLevel) -> Bool { level >= minimumLevel }

    package func log(_ level: LogLevel, _ message: @autoclosure () -> String,
                     _ extra: [(key: String, value: String)] = []) {
        guard level >= minimumLevel else { return }
        sink.write(LogRecord(time: Date(), level: level, message: message(), metadata: metadata + extra))
    }

    package func trace(_ message: @autoclosure () -> String, _ extra: [(key: String, value: String)] = []) {
        log(.trace, message(), extra)
    }
    package func debug(_ message: @autoclosure () -> String, _ extra: [(key: String, value: String)] = []) {
        log(.debug, message(), extra)
    }
    package func info(_ message: @autoclosure () -> String, _ extra: [(key: String, value: String)] = []) {
        log(.info, message(), extra)
    }
    package func notice(_ message: @autoclosure () -> String, _ extra: [(key: String, value: String)] = []) {
        log(.notice, message(), extra)
    }
    package func warning(_ message: @autoclosure () -> String, _ extra: [(key: String, value: String)] = []) {
        log(.warning, message(), extra)
    }
    package func error(_ message: @autoclosure () -> String, _ extra: [(key: String, value: String)] = []) {
        log(.error, message(), extra)
    }
    package func critical(_ message: @autoclosure () -> String, _ extra: [(key: String, value: String)] = []) {
        log(.critical, message(), extra)
    }
}

package struct DiscardingLogSink: LogSink {
    package init() {}
    package func write(_ record: LogRecord) {}
}
