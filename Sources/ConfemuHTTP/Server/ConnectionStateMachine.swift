import ConfemuSupport

/// The rules of one connection as a value-type state machine: persistence (http.md 8.1, 8.2), the
/// closing procedure (8.5), deadlines (§9) and shutdown (§13). It performs no I/O: every input returns
/// an `Action` the I/O code carries out, and time comes from an injected clock, so deadlines are
/// tested in microseconds with a manual clock (architecture.md §9 item 3, Hummingbird's
/// `HTTPConnectionStateHandler`).
package struct ConnectionStateMachine {
    package struct Timeouts: Sendable, Equatable {
        /// http.md 9.1: the head within 10 s of accept (first request) or of its first byte.
        package var header: UInt64 = 10_000
        /// http.md 9.2: the body within 30 s of the end of the head.
        package var body: UInt64 = 30_000
        /// http.md 9.3: the next request's first byte within 30 s of the previous response.
        package var idle: UInt64 = 30_000
        /// http.md 9.4: each response written within 30 s.
        package var write: UInt64 = 30_000
        /// http.md 8.5: lingering drain at most 2 s ...
        package var drain: UInt64 = 2_000
        /// ... or 1 MiB read and discarded.
        package var drainBytes = 1_048_576
        /// http.md 8.5: a `hang` fault holds the socket at most 5 minutes.
        package var maxHang: UInt64 = 300_000

        /// All values in milliseconds.
        package init(header: UInt64 = 10_000, body: UInt64 = 30_000, idle: UInt64 = 30_000,
                     write: UInt64 = 30_000, drain: UInt64 = 2_000, drainBytes: Int = 1_048_576,
                     maxHang: UInt64 = 300_000) {
            self.header = header
            self.body = body
            self.idle = idle
            self.write = write
            self.drain = drain
            self.drainBytes = drainBytes
            self.maxHang = maxHang
        }
    }

    package enum Phase: Sendable, Equatable {
        /// No byte of the next request yet: a fresh connection or an idle persistent one.
        case awaitingRequest
        case receivingHead
        case receivingBody
        /// A handler task runs; deadlines 9.1-9.3 are suspended (9.5).
        case handling
        /// The final response is queued and being written.
        case responding
        /// Write side shut down, reading and discarding (8.5).
        case draining
        /// A `hang` fault: neither reading nor writing (8.5).
        case hanging
        case closed
    }

    package enum Action: Sendable, Equatable {
        case none
        /// Start the handler task for the request just completed.
        case startHandler
        /// Serialise the handler's response with this `Connection` field and write it.
        case sendResponse(ResponseWriter.ConnectionField)
        /// Write the HTTP-layer response of http.md 11.7 with `Connection: close`.
        case sendError(status: Int, slug: String)
        /// A persistent response was written: parse the next (possibly pipelined) request.
        case continueProcessing
        /// The closing response was written: `shutdown(SHUT_WR)`, then read and discard (8.5).
        case shutdownWriteAndDrain
        /// Close now; the exchange ended in order (drain over, hang over, peer gone).
        case close
        /// Close now without any response (silent timeout, EOF mid-request, fault `close`).
        case closeSilently
        /// Close at once without drain and cancel the handler (write deadline, peer reset, forced shutdown).
        case abort
        /// `SO_LINGER {1, 0}` and close: the peer sees an RST (fault `reset`).
        case reset
        /// Stop reading and writing until the peer leaves or the hang deadline passes (fault `hang`).
        case hang
    }

    private let clock: any MonotonicClock
    private let timeouts: Timeouts

    package private(set) var phase: Phase = .awaitingRequest
    private var phaseDeadline: MonotonicInstant?
    private var writeDeadline: MonotonicInstant?
    private var isFirstRequest = true
    /// Since when the connection has been idle (accept or last response); meaningful when `isIdle`.
    package private(set) var idleSince: MonotonicInstant
    private var requestKeepAlive = true
    private var requestIsHTTP10 = false
    /// The response being written is the last one.
    package private(set) var closesAfterResponse = false
    /// EOF from the peer was seen (half-close, 8.4).
    package private(set) var peerClosed = false
    package private(set) var shuttingDown = false
    private var drainedBytes = 0

    package init(clock: any MonotonicClock, timeouts: Timeouts = Timeouts()) {
        self.clock = clock
        self.timeouts = timeouts
        let now = clock.now()
        idleSince = now
        // http.md 9.1: the first request's head is due 10 s after accept.
        phaseDeadline = now.adding(milliseconds: timeouts.header)
    }

    // MARK: - Queries for the I/O code

    /// The earliest deadline, for the `epoll_wait` timeout (http.md 9: sleep until the nearest one).
    package var nextDeadline: MonotonicInstant? {
        switch (phaseDeadline, writeDeadline) {
        case let (phase?, write?): min(phase, write)
        case let (phase?, nil): phase
        case let (nil, write?): write
        case (nil, nil): nil
        }
    }

    /// No request byte pending, no handler running, nothing being written (http.md 9.6, 13.2).
    package var isIdle: Bool { phase == .awaitingRequest && writeDeadline == nil }

    /// Whether the socket should be read at all (EPOLLIN interest, before backpressure).
    package var wantsInput: Bool {
        switch phase {
        case .awaitingRequest, .receivingHead, .receivingBody, .handling, .responding: !peerClosed
        case .draining: true
        case .hanging, .closed: false
        }
    }

    /// Whether bytes read now are buffered ahead of the parser, so the 64 KiB cap applies (http.md 8.3).
    package var readsAhead: Bool { phase == .handling || phase == .responding }

    /// Whether the parser may be asked for the next event.
    package var acceptsRequestBytes: Bool {
        phase == .awaitingRequest || phase == .receivingHead || phase == .receivingBody
    }

    // MARK: - Request progress

    /// At least one byte of the next request has arrived.
    package mutating func requestBytesArrived() {
        guard phase == .awaitingRequest else { return }
        phase = .receivingHead
        // http.md 9.1: later requests get 10 s from their first byte; the first keeps its accept deadline.
        if !isFirstRequest { phaseDeadline = clock.now().adding(milliseconds: timeouts.header) }
    }

    /// The head is complete; the body (if any) follows.
    package mutating func headReceived() {
        guard phase == .awaitingRequest || phase == .receivingHead else { return }
        phase = .receivingBody
        // http.md 9.2: 30 s from the end of the head to the last body byte.
        phaseDeadline = clock.now().adding(milliseconds: timeouts.body)
    }

    /// A whole request is ready for its handler. `keepAlive` is the request's persistence (8.1); a
    /// too-large body (5.6) passes false.
    package mutating func requestCompleted(keepAlive: Bool, isHTTP10: Bool) -> Action {
        guard acceptsRequestBytes else { return .none }
        phase = .handling
        // http.md 9.5: no deadline while the handler runs.
        phaseDeadline = nil
        requestKeepAlive = keepAlive
        requestIsHTTP10 = isHTTP10
        return .startHandler
    }

    /// The parser rejected the request (11.7): answer it and close (8.2, §17).
    package mutating func parserFailed(status: Int, slug: String) -> Action {
        guard acceptsRequestBytes else { return .none }
        return startErrorResponse(status: status, slug: slug)
    }

    /// The `100 Continue` interim response (7.2) or another non-final write was queued.
    package mutating func interimQueued() {
        if writeDeadline == nil { writeDeadline = clock.now().adding(milliseconds: timeouts.write) }
    }

    /// The handler's response came back.
    package mutating func responseReady(_ action: ConnectionAction) -> Action {
        guard phase == .handling else { return .none }
        switch action {
        case .keepAlive, .close:
            // http.md 8.2: close after a handler's `.close`, a non-persistent request, during
            // shutdown (13.3) and after a half-close (8.4).
            closesAfterResponse = action == .close || !requestKeepAlive || shuttingDown || peerClosed
            phase = .responding
            writeDeadline = clock.now().adding(milliseconds: timeouts.write)
            if closesAfterResponse { return .sendResponse(.close) }
            return .sendResponse(requestIsHTTP10 ? .keepAlive : .none)
        case .reset:
            phase = .closed
            return .reset
        case .closeSilently:
            phase = .closed
            return .closeSilently
        case .hang(let maxSeconds):
            // http.md 13.2: a hang during shutdown ends at once.
            if shuttingDown {
                phase = .closed
                return .closeSilently
            }
            phase = .hanging
            let requested = UInt64(max(0, maxSeconds)) &* 1000
            phaseDeadline = clock.now().adding(milliseconds: min(requested, timeouts.maxHang))
            return .hang
        }
    }

    /// Everything queued has been written.
    package mutating func outputFlushed() -> Action {
        writeDeadline = nil
        guard phase == .responding else { return .none }
        let now = clock.now()
        // http.md 8.4: after the peer's EOF the answered request is the last one, even when the EOF
        // arrived while a persistent response was being written.
        if closesAfterResponse || peerClosed {
            // Nothing left to drain once the peer's EOF was read.
            if peerClosed {
                phase = .closed
                return .close
            }
            // http.md 8.5: half-close, drain at most 2 s or 1 MiB, then close.
            phase = .draining
            phaseDeadline = now.adding(milliseconds: timeouts.drain)
            drainedBytes = 0
            return .shutdownWriteAndDrain
        }
        phase = .awaitingRequest
        isFirstRequest = false
        idleSince = now
        // http.md 9.3: the next request's first byte within 30 s.
        phaseDeadline = now.adding(milliseconds: timeouts.idle)
        return .continueProcessing
    }

    /// Bytes read and discarded while draining.
    package mutating func drained(bytes: Int) -> Action {
        guard phase == .draining else { return .none }
        drainedBytes += bytes
        if drainedBytes >= timeouts.drainBytes {
            phase = .closed
            return .close
        }
        return .none
    }

    // MARK: - Peer and time

    /// `read()` returned 0.
    package mutating func endOfInput() -> Action {
        switch phase {
        case .awaitingRequest, .receivingHead, .receivingBody:
            // http.md 8.4: EOF in the middle of a request (or before one): close silently.
            phase = .closed
            return .closeSilently
        case .handling, .responding:
            // http.md 8.4: a complete request is still answered, then the connection closes.
            peerClosed = true
            return .none
        case .draining, .hanging:
            phase = .closed
            return .close
        case .closed:
            return .none
        }
    }

    /// The peer reset the connection or the socket failed (EPOLLERR, EPOLLHUP, ECONNRESET, EPIPE).
    /// A running handler is cancelled (http.md 9.5).
    package mutating func peerFailed() -> Action {
        guard phase != .closed else { return .none }
        phase = .closed
        return .abort
    }

    /// Applies any deadline that has passed.
    package mutating func checkDeadlines() -> Action {
        guard phase != .closed else { return .none }
        let now = clock.now()
        if let writeDeadline, now >= writeDeadline {
            // http.md 9.4: close without the drain.
            phase = .closed
            return .abort
        }
        guard let phaseDeadline, now >= phaseDeadline else { return .none }
        switch phase {
        case .awaitingRequest:
            // http.md 9.1 (no byte came) and 9.3 (idle): silent close.
            phase = .closed
            return .closeSilently
        case .receivingHead, .receivingBody:
            // http.md 9.1, 9.2: 408 once a byte of the request arrived.
            return startErrorResponse(status: 408, slug: "request-timeout")
        case .draining, .hanging:
            phase = .closed
            return .close
        case .handling, .responding, .closed:
            return .none
        }
    }

    // MARK: - Shutdown (http.md §13)

    /// Graceful shutdown began: idle and hanging connections close at once (13.2); the others finish
    /// their current request with `Connection: close` (13.3).
    package mutating func beginShutdown() -> Action {
        shuttingDown = true
        switch phase {
        case .awaitingRequest, .hanging:
            phase = .closed
            return .closeSilently
        case .responding:
            closesAfterResponse = true
            return .none
        case .receivingHead, .receivingBody, .handling, .draining, .closed:
            return .none
        }
    }

    /// The grace period is over (13.4): close without drain, cancel the handler.
    package mutating func forceClose() -> Action {
        guard phase != .closed else { return .none }
        phase = .closed
        return .abort
    }

    private mutating func startErrorResponse(status: Int, slug: String) -> Action {
        phase = .responding
        phaseDeadline = nil
        closesAfterResponse = true
        writeDeadline = clock.now().adding(milliseconds: timeouts.write)
        return .sendError(status: status, slug: slug)
    }
}
