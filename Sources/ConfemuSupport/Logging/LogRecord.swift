import Foundation

/// One log line before it is formatted by a sink.
package struct LogRecord: Sendable {
    package var time: Date
    package var level: LogLevel
    package var message: String
    package var metadata: [(key: String, value: String)]

    package init(time: Date, level: LogLevel, message: String, metadata: [(key: String, value: String)]) {
        self.time = time
        self.level = level
        self.message = message
        self.metadata = metadata
    }
}
