/// Where formatted log lines go. Sinks must be safe to call from any thread.
package protocol LogSink: Sendable {
    func write(_ record: LogRecord)
}
