#if canImport(Glibc)
import Glibc
#endif
import CEpoll
import ConfemuSupport

/// The I/O thread (architecture.md 4.1): level-triggered `epoll_wait` with a timeout equal to the
/// nearest deadline; it owns the listener and every `Connection`, runs the parser, starts handler
/// tasks (4.2) and writes their responses when they come back through the inbox.
final class EventLoop {
    struct Dependencies {
        var configuration: HTTPServer.Configuration
        var logger: Logger
        var responder: HTTPServer.Responder
        var bodyLimit: BodyLimitLookup
        var statistics: HTTPServerStatisticsRecorder
        var cap: ConnectionCap
    }

    private enum Token {
        static let listener: UInt64 = 0
        static let inbox: UInt64 = 1
        static let firstConnection: UInt64 = 2
    }

    private enum ShutdownState {
        case running
        case graceful(deadline: MonotonicInstant)
        case finished
    }

    /// http.md 3.3, RFC 9110 §9.3.7: `OPTIONS *` is answered by the server itself.
    static let asteriskOptionsResponse = HTTPResponse(
        status: 200, headers: ["Allow": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"])

    private let dependencies: Dependencies
    private let configuration: HTTPServer.Configuration
    private let timeouts: ConnectionStateMachine.Timeouts
    private let logger: Logger
    private let epoll: Int32
    private let inbox: EventLoopInbox
    private var listener: Socket?
    private let clock = SystemMonotonicClock()
    private var connections: [UInt64: Connection] = [:]
    private var nextID = Token.firstConnection
    private var shutdownState = ShutdownState.running
    private var acceptPausedUntil: MonotonicInstant?
    private var lastFileExhaustionWarning: MonotonicInstant?
    private var dateCache = HTTPDate()
    private let readBuffer: UnsafeMutableRawBufferPointer

    init(dependencies: Dependencies, listener: Socket, epoll: Int32, inbox: EventLoopInbox) {
        self.dependencies = dependencies
        configuration = dependencies.configuration
        timeouts = dependencies.configuration.connectionTimeouts
        logger = dependencies.logger
        self.listener = listener
        self.epoll = epoll
        self.inbox = inbox
        readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)
    }

    deinit {
        readBuffer.deallocate()
    }

    // MARK: - The loop

    /// Runs until shutdown completes, then releases every descriptor it owns.
    func run() {
        if let listener {
            _ = confemu_epoll_ctl_token(epoll, confemu_epoll_ctl_add, listener.descriptor, confemu_epollin, Token.listener)
        }
        _ = confemu_epoll_ctl_token(epoll, confemu_epoll_ctl_add, inbox.eventDescriptor, confemu_epollin, Token.inbox)
        var tokens = [UInt64](repeating: 0, count: 256)
        var events = [UInt32](repeating: 0, count: 256)

        while true {
            let nearest = sweepDeadlines()
            if case .finished = shutdownState { break }
            if case .graceful = shutdownState, connections.isEmpty { break }
            let timeout = nearest.map { Int32(clamping: clock.now().milliseconds(until: $0) + 1) } ?? -1
            let count = tokens.withUnsafeMutableBufferPointer { tokenBuffer in
                events.withUnsafeMutableBufferPointer { eventBuffer in
                    confemu_epoll_wait_tokens(epoll, tokenBuffer.baseAddress, eventBuffer.baseAddress,
                                              Int32(tokenBuffer.count), timeout)
                }
            }
            if count < 0 {
                if errno == EINTR { continue }
                logger.critical("epoll_wait failed; the HTTP server stops", [("errno", String(errno))])
                break
            }
            for index in 0..<Int(count) {
                dispatch(token: tokens[index], events: events[index])
            }
        }
        finish()
    }

    private func dispatch(token: UInt64, events: UInt32) {
        switch token {
        case Token.listener:
            acceptConnections()
        case Token.inbox:
            for message in inbox.takeAll() { receive(message) }
        default:
            guard let connection = connections[token] else { return }
            service(connection, events: events)
        }
    }

    /// Applies every deadline that has passed and returns the nearest remaining one.
    private func sweepDeadlines() -> MonotonicInstant? {
        let now = clock.now()
        var nearest: MonotonicInstant?
        func consider(_ instant: MonotonicInstant) {
            if let current = nearest, current <= instant { return }
            nearest = instant
        }

        if case .graceful(let deadline) = shutdownState {
            if now >= deadline {
                forceCloseAll()
                return nil
            }
            consider(deadline)
        }
        if let paused = acceptPausedUntil {
            if now >= paused {
                acceptPausedUntil = nil
                if let listener {
                    _ = confemu_epoll_ctl_token(epoll, confemu_epoll_ctl_mod, listener.descriptor, confemu_epollin,
                                                Token.listener)
                }
            } else {
                consider(paused)
            }
        }
        var expired: [Connection] = []
        for connection in connections.values {
            guard let deadline = connection.machine.nextDeadline else { continue }
            if now >= deadline {
                expired.append(connection)
            } else {
                consider(deadline)
            }
        }
        for connection in expired {
            perform(connection.machine.checkDeadlines(), on: connection)
            advance(connection)
            if !connection.isClosed, let next = connection.machine.nextDeadline { consider(next) }
        }
        return nearest
    }

    // MARK: - Accepting (http.md 8.6, 9.6)

    private func acceptConnections() {
        guard let listener, acceptPausedUntil == nil else { return }
        for _ in 0..<64 {
            switch listener.accept() {
            case .accepted(let socket, let remote):
                admit(socket, remote: remote)
            case .wouldBlock:
                return
            case .failed(let code):
                if code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM {
                    pauseAccepting(code)
                    return
                }
                if code == ECONNABORTED || code == EPROTO || code == EPERM { continue }
                logger.warning("accept failed", [("errno", String(code))])
                return
            }
        }
    }

    /// http.md 8.6: EMFILE/ENFILE pause accepting for 100 ms, warning at most once a minute.
    private func pauseAccepting(_ code: Int32) {
        let now = clock.now()
        acceptPausedUntil = now.adding(milliseconds: configuration.acceptPauseAfterFileExhaustion.wholeMilliseconds)
        if let listener {
            _ = confemu_epoll_ctl_token(epoll, confemu_epoll_ctl_mod, listener.descriptor, 0, Token.listener)
        }
        if let last = lastFileExhaustionWarning, last.milliseconds(until: now) < 60_000 { return }
        lastFileExhaustionWarning = now
        logger.warning("out of file descriptors; accepting paused", [("errno", String(code))])
    }

    private func admit(_ socket: Socket, remote: SocketAddress) {
        do {
            try socket.setNoDelay()
        } catch {
            logger.debug("TCP_NODELAY failed on an accepted socket", [("error", error.description)])
        }
        let decision: ConnectionCap.Decision
        if connections.count >= dependencies.cap.limit {
            let idle = connections.values.filter { $0.machine.isIdle }.map { (id: $0.id, since: $0.machine.idleSince) }
            decision = dependencies.cap.admit(openCount: connections.count, idle: idle)
        } else {
            decision = .accept
        }
        if case .evict(let id) = decision, let victim = connections[id] {
            // http.md 9.6: the longest-idle connection makes room, silently.
            dependencies.statistics.update { $0.connectionsEvicted += 1 }
            logger.debug("evicted idle connection at the cap", [("peer", victim.remoteAddress)])
            close(victim)
        }

        let id = nextID
        nextID += 1
        let connection = Connection(
            id: id, socket: socket, remoteAddress: remote.host,
            machine: ConnectionStateMachine(clock: clock, timeouts: timeouts),
            parser: RequestParser(limits: configuration.parserLimits, bodyLimit: dependencies.bodyLimit))
        guard confemu_epoll_ctl_token(epoll, confemu_epoll_ctl_add, socket.descriptor, confemu_epollin, id) == 0 else {
            logger.warning("epoll_ctl(ADD) failed for an accepted socket", [("errno", String(errno))])
            socket.close()
            return
        }
        connection.interest = confemu_epollin
        connections[id] = connection
        dependencies.statistics.update {
            $0.connectionsAccepted += 1
            $0.connectionsOpen = connections.count
        }

        if decision == .reject {
            // http.md 9.6: nothing idle at the cap: 503 `server-busy` with `Retry-After: 1`, close.
            dependencies.statistics.update { $0.connectionsRejected += 1 }
            perform(connection.machine.parserFailed(status: 503, slug: "server-busy"), on: connection)
        }
        if case .graceful = shutdownState {
            perform(connection.machine.beginShutdown(), on: connection)
        }
        advance(connection)
    }

    // MARK: - Connection I/O

    private func service(_ connection: Connection, events: UInt32) {
        let failed = events & (confemu_epollerr | confemu_epollhup) != 0
        if connection.machine.phase == .hanging {
            // http.md 8.5: a hang ends when the peer leaves.
            if failed || events & confemu_epollrdhup != 0 {
                perform(connection.machine.endOfInput(), on: connection)
            }
            return
        }
        if events & confemu_epollout != 0 || (failed && connection.hasPendingOutput) {
            advance(connection)
        }
        if !connection.isClosed, events & (confemu_epollin | confemu_epollrdhup) != 0 || failed,
           connection.machine.wantsInput {
            readAvailable(connection)
        }
        if !connection.isClosed, failed {
            perform(connection.machine.peerFailed(), on: connection)
        }
        if !connection.isClosed { updateInterest(connection) }
    }

    /// One `read` per readiness event (level-triggered: the next `epoll_wait` reports the rest).
    private func readAvailable(_ connection: Connection) {
        switch connection.socket.read(into: readBuffer) {
        case .transferred(let count):
            let bytes = UnsafeRawBufferPointer(rebasing: readBuffer[0..<count])
            if connection.machine.phase == .draining {
                perform(connection.machine.drained(bytes: count), on: connection)
            } else {
                connection.parser.append(bytes)
                advance(connection)
            }
        case .endOfFile:
            perform(connection.machine.endOfInput(), on: connection)
            advance(connection)
        case .wouldBlock:
            break
        case .failed:
            perform(connection.machine.peerFailed(), on: connection)
        }
    }

    /// Moves a connection forward as far as it can go without waiting: write queued output, then run
    /// the parser while the state allows it (one request at a time, 8.3).
    private func advance(_ connection: Connection) {
        while !connection.isClosed {
            if connection.hasPendingOutput {
                switch connection.flush() {
                case .flushed:
                    perform(connection.machine.outputFlushed(), on: connection)
                    continue
                case .blocked:
                    break
                case .failed:
                    perform(connection.machine.peerFailed(), on: connection)
                    return
                }
                // Blocked: EPOLLOUT resumes; body bytes cannot arrive before the interim is read anyway.
                break
            }
            guard connection.machine.acceptsRequestBytes else { break }
            if !step(connection) { break }
        }
        if !connection.isClosed { updateInterest(connection) }
    }

    /// Handles one parser event; false when the parser needs more bytes.
    private func step(_ connection: Connection) -> Bool {
        switch connection.parser.next() {
        case .needMore:
            if connection.parser.hasPartialRequest { connection.machine.requestBytesArrived() }
            if connection.parser.isReadingBody { connection.machine.headReceived() }
            return false
        case .head:
            connection.machine.requestBytesArrived()
            connection.machine.headReceived()
        case .sendContinue:
            // http.md 7.2, 11.8: exactly `HTTP/1.1 100 Continue\r\n\r\n`.
            connection.enqueue(ResponseWriter.continueBytes)
            connection.machine.interimQueued()
        case .complete(let request):
            begin(request, tooLarge: false, on: connection)
        case .tooLarge(let request):
            // http.md 5.6: the route answers at once; the connection closes after it.
            begin(request, tooLarge: true, on: connection)
        case .error(let status, let slug):
            perform(connection.machine.parserFailed(status: status, slug: slug), on: connection)
        }
        return true
    }

    private func begin(_ parsed: HTTPRequest, tooLarge: Bool, on connection: Connection) {
        var request = parsed
        request.connectionID = connection.id
        request.remoteAddress = connection.remoteAddress
        request.receivedAt = clock.now()
        if tooLarge { request.bodyTooLarge = true }
        let isHTTP10 = request.version.major == 1 && request.version.minor == 0
        guard connection.machine.requestCompleted(keepAlive: request.keepAlive && !tooLarge, isHTTP10: isHTTP10)
            == .startHandler else { return }
        connection.answeringHead = request.method == .HEAD
        dependencies.statistics.update { $0.requests += 1 }

        if request.method == .OPTIONS, request.rawTarget == "*" {
            deliver(Self.asteriskOptionsResponse, to: connection)
            return
        }
        let responder = dependencies.responder
        let inbox = inbox
        let id = connection.id
        // architecture.md 4.2: only Sendable values cross into the task.
        connection.handlerTask = Task(executorPreference: configuration.handlerExecutor) {
            let response = await responder(request)
            inbox.post(.response(connectionID: id, response))
        }
    }

    /// The handler's response (or the server's own) for the request being handled.
    private func deliver(_ response: HTTPResponse, to connection: Connection) {
        connection.handlerTask = nil
        let action = connection.machine.responseReady(response.connectionAction)
        if case .sendResponse(let field) = action {
            let output = ResponseWriter.serialize(response, omitBody: connection.answeringHead, connection: field,
                                                  date: currentDate(), logger: logger)
            if output.replaced { dependencies.statistics.protocolError("invalid-response-header") }
            connection.enqueue(output)
        } else {
            perform(action, on: connection)
        }
    }

    /// Carries out what the state machine decided (everything except starting handlers and writing
    /// handler responses, which need the request or the response).
    private func perform(_ action: ConnectionStateMachine.Action, on connection: Connection) {
        switch action {
        case .none, .startHandler, .continueProcessing, .hang, .sendResponse:
            break
        case .sendError(let status, let slug):
            // http.md 11.7, 12: HTTP-layer responses are counted by slug and logged at debug.
            dependencies.statistics.protocolError(slug)
            logger.debug("HTTP-layer response", [("peer", connection.remoteAddress), ("slug", slug)])
            var response = HTTPResponse.protocolError(status: status, slug: slug)
            if slug == "server-busy" { response.headers.add("Retry-After", "1") }
            let output = ResponseWriter.serialize(response, omitBody: false, connection: .close,
                                                  date: currentDate(), logger: logger)
            connection.enqueue(output)
        case .shutdownWriteAndDrain:
            connection.socket.shutdownWrite()
        case .close, .closeSilently, .abort:
            close(connection)
        case .reset:
            connection.socket.setResetOnClose()
            close(connection)
        }
    }

    private func updateInterest(_ connection: Connection) {
        let machine = connection.machine
        var wanted: UInt32 = 0
        if machine.wantsInput,
           !(machine.readsAhead && connection.parser.bufferedByteCount >= configuration.pipelineBufferLimit) {
            // http.md 8.3: stop reading once 64 KiB wait behind a running handler.
            wanted |= confemu_epollin
        }
        if connection.hasPendingOutput { wanted |= confemu_epollout }
        if machine.phase == .hanging { wanted |= confemu_epollrdhup }
        guard wanted != connection.interest else { return }
        connection.interest = wanted
        _ = confemu_epoll_ctl_token(epoll, confemu_epoll_ctl_mod, connection.socket.descriptor, wanted, connection.id)
    }

    private func close(_ connection: Connection) {
        guard !connection.isClosed else { return }
        connection.close()
        connections[connection.id] = nil
        dependencies.statistics.update { $0.connectionsOpen = connections.count }
    }

    private func currentDate() -> String {
        dateCache.string(epochSeconds: Int64(time(nil)))
    }

    // MARK: - Messages and shutdown (http.md §13)

    private func receive(_ message: EventLoopInbox.Message) {
        switch message {
        case .response(let id, let response):
            // A response for a connection that is gone (client left, forced shutdown) is discarded (9.5).
            guard let connection = connections[id], connection.machine.phase == .handling else { return }
            deliver(response, to: connection)
            advance(connection)
        case .shutdown:
            switch shutdownState {
            case .running:
                beginShutdown()
            case .graceful:
                // A second request cuts the wait (13.4).
                forceCloseAll()
            case .finished:
                break
            }
        }
    }

    private func beginShutdown() {
        logger.debug("HTTP server stopping", [("connections", String(connections.count))])
        let grace = configuration.shutdownGracePeriod.wholeMilliseconds
        shutdownState = .graceful(deadline: clock.now().adding(milliseconds: grace))
        // 13.1: close the listening socket; new connects are refused.
        if let listener {
            _ = confemu_epoll_ctl_token(epoll, confemu_epoll_ctl_del, listener.descriptor, 0, Token.listener)
            listener.close()
            self.listener = nil
        }
        for connection in Array(connections.values) {
            perform(connection.machine.beginShutdown(), on: connection)
            advance(connection)
        }
    }

    private func forceCloseAll() {
        for connection in Array(connections.values) {
            perform(connection.machine.forceClose(), on: connection)
            close(connection)
        }
        shutdownState = .finished
    }

    private func finish() {
        for connection in Array(connections.values) { close(connection) }
        listener?.close()
        listener = nil
        inbox.close()
        _ = Glibc.close(epoll)
        shutdownState = .finished
    }
}
