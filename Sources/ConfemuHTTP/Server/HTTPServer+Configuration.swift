extension HTTPServer {
    /// Every number of http.md §0 that concerns the server, with the spec's values as defaults.
    /// The `confemu` binary always uses the defaults; in-process tests may shorten the timeouts.
    package struct Configuration: Sendable {
        package var host: String
        /// 0 binds a free port; `start()` returns the bound one.
        package var port: Int
        package var parserLimits = ParserLimits()
        /// http.md 9.1: header deadline.
        package var headerTimeout: Duration = .seconds(10)
        /// http.md 9.2: body deadline after the head.
        package var bodyTimeout: Duration = .seconds(30)
        /// http.md 9.3: idle keep-alive.
        package var idleTimeout: Duration = .seconds(30)
        /// http.md 9.4: write deadline per response.
        package var writeTimeout: Duration = .seconds(30)
        /// http.md 8.5: lingering drain, time and bytes.
        package var drainTimeout: Duration = .seconds(2)
        package var drainLimitBytes = 1_048_576
        /// http.md 8.5: the longest a `hang` fault holds a socket.
        package var maxHangDuration: Duration = .seconds(300)
        /// http.md 9.6: at most 1024 connections, lowered to the fd soft limit minus this reserve.
        package var maxConnections = 1024
        package var fileDescriptorReserve = 64
        /// http.md 8.3: unparsed bytes buffered while a handler runs before reading stops.
        package var pipelineBufferLimit = 65536
        /// http.md 13.4: graceful shutdown period before every connection is force-closed.
        package var shutdownGracePeriod: Duration = .seconds(5)
        /// http.md 8.6: accepting pauses this long after EMFILE/ENFILE.
        package var acceptPauseAfterFileExhaustion: Duration = .milliseconds(100)

        /// Where handler tasks run: nil (the binary) is the cooperative pool (architecture.md 4.2).
        /// In-process tests pass an executor of their own so that CPU-bound tests running in
        /// parallel on the two pool threads cannot hold their handlers back for seconds.
        package var handlerExecutor: (any TaskExecutor)?

        package init(host: String = "127.0.0.1", port: Int = 0) {
            self.host = host
            self.port = port
        }

        var connectionTimeouts: ConnectionStateMachine.Timeouts {
            ConnectionStateMachine.Timeouts(
                header: headerTimeout.wholeMilliseconds, body: bodyTimeout.wholeMilliseconds,
                idle: idleTimeout.wholeMilliseconds, write: writeTimeout.wholeMilliseconds,
                drain: drainTimeout.wholeMilliseconds, drainBytes: drainLimitBytes,
                maxHang: maxHangDuration.wholeMilliseconds)
        }
    }
}
