#if canImport(Glibc)
import Glibc
#endif
import CEpoll
import ConfemuSupport
import Foundation
import Synchronization

/// confemu's HTTP/1.1 server (http.md): one listening socket served by one I/O thread running an
/// epoll loop (architecture.md 4.1); each complete request goes to `responder` in its own task (4.2).
package final class HTTPServer: Sendable {
    package typealias Responder = @Sendable (HTTPRequest) async -> HTTPResponse

    private enum Lifecycle {
        case idle
        case running(inbox: EventLoopInbox, port: Int)
        case stopped
    }

    private struct StopState {
        var stopped = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    package let configuration: Configuration
    private let logger: Logger
    private let responder: Responder
    private let bodyLimit: BodyLimitLookup
    private let recorder = HTTPServerStatisticsRecorder()
    private let lifecycle = Mutex(Lifecycle.idle)
    private let stopState = Mutex(StopState())

    package init(configuration: Configuration, logger: Logger, responder: @escaping Responder,
                 bodyLimit: @escaping BodyLimitLookup = { _, _ in nil }) {
        self.configuration = configuration
        self.logger = logger
        self.responder = responder
        self.bodyLimit = bodyLimit
    }

    /// A snapshot of the counters of http.md 12.
    package var statistics: HTTPServerStatistics { recorder.snapshot }

    /// The bound port while running.
    package var boundPort: Int? {
        lifecycle.withLock { state in
            if case .running(_, let port) = state { return port }
            return nil
        }
    }

    /// Opens the listener and starts the I/O thread; returns the bound port (useful with port 0).
    /// The listener is open when this returns, so a client may connect at once.
    package func start() throws -> Int {
        try lifecycle.withLock { state in
            guard case .idle = state else { throw ConfemuError("the HTTP server was already started") }
            ProcessResources.ignoreBrokenPipe()
            let cap = ConnectionCap(maximum: configuration.maxConnections,
                                    softFileLimit: ProcessResources.raiseFileLimit(),
                                    reserve: configuration.fileDescriptorReserve)
            let listener = try Socket.listen(host: configuration.host, port: configuration.port)
            let port: Int
            do {
                port = try listener.boundPort()
            } catch {
                listener.close()
                throw error
            }
            let epoll = confemu_epoll_create()
            guard epoll >= 0 else {
                listener.close()
                throw SocketError.last("epoll_create1")
            }
            let eventDescriptor = confemu_eventfd()
            guard eventDescriptor >= 0 else {
                listener.close()
                _ = Glibc.close(epoll)
                throw SocketError.last("eventfd")
            }
            let inbox = EventLoopInbox(eventDescriptor: eventDescriptor)
            let dependencies = EventLoop.Dependencies(
                configuration: configuration, logger: logger, responder: responder, bodyLimit: bodyLimit,
                statistics: recorder, cap: cap)
            let thread = Thread { [self] in
                let loop = EventLoop(dependencies: dependencies, listener: listener, epoll: epoll, inbox: inbox)
                loop.run()
                markStopped()
            }
            thread.name = "confemu-io"
            state = .running(inbox: inbox, port: port)
            thread.start()
            logger.debug("HTTP server listening", [("host", configuration.host), ("port", String(port))])
            return port
        }
    }

    /// Graceful shutdown (http.md §13): stop accepting, close idle and hanging connections, let
    /// in-flight requests finish with `Connection: close`, force-close after the grace period. A second
    /// call cuts the wait. Returns at once; `waitUntilStopped()` waits for the end.
    package func shutdown() {
        let inbox: EventLoopInbox? = lifecycle.withLock { state in
            switch state {
            case .idle:
                state = .stopped
                return nil
            case .running(let inbox, _):
                return inbox
            case .stopped:
                return nil
            }
        }
        if let inbox {
            inbox.post(.shutdown)
        } else {
            markStopped()
        }
    }

    /// Returns once the I/O thread has closed every connection and the listener.
    package func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = stopState.withLock { state in
                if state.stopped { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func markStopped() {
        lifecycle.withLock { $0 = .stopped }
        let waiters = stopState.withLock { state in
            state.stopped = true
            let waiters = state.waiters
            state.waiters.removeAll()
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
