import ConfemuSupport

/// One accepted socket and everything the I/O thread knows about it. Owned by the event loop's
/// thread only (architecture.md 4.1): never shared, so no locks and no `Sendable`.
final class Connection {
    let id: UInt64
    let socket: Socket
    let remoteAddress: String
    var machine: ConnectionStateMachine
    var parser: RequestParser
    /// The epoll interest currently registered.
    var interest: UInt32 = 0
    var handlerTask: Task<Void, Never>?
    /// The request being answered was HEAD: the writer drops the body (http.md 10.1).
    var answeringHead = false
    private(set) var isClosed = false

    /// Bytes waiting to be written, in order; the first chunk is written from `outputOffset`.
    private(set) var output: [[UInt8]] = []
    private var outputOffset = 0

    init(id: UInt64, socket: Socket, remoteAddress: String, machine: ConnectionStateMachine, parser: RequestParser) {
        self.id = id
        self.socket = socket
        self.remoteAddress = remoteAddress
        self.machine = machine
        self.parser = parser
    }

    var hasPendingOutput: Bool { !output.isEmpty }

    func enqueue(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        output.append(bytes)
    }

    /// Queues a serialised response: one chunk, or head and body for a gathered write (http.md 8.7).
    func enqueue(_ response: ResponseWriter.Output) {
        enqueue(response.head)
        enqueue(response.body)
    }

    enum FlushResult {
        case flushed
        case blocked
        case failed
    }

    /// Writes as much queued output as the socket takes: one `send`, or one gathered `sendmsg` when
    /// two chunks are queued; repeats until done or `EAGAIN` (then EPOLLOUT continues it, 8.7).
    func flush() -> FlushResult {
        while let first = output.first {
            let result: Socket.IOResult
            if output.count >= 2 {
                let second = output[1]
                result = first.withUnsafeBytes { head in
                    second.withUnsafeBytes { body in
                        socket.send(UnsafeRawBufferPointer(rebasing: head[outputOffset...]), body)
                    }
                }
            } else {
                result = first.withUnsafeBytes { socket.send(UnsafeRawBufferPointer(rebasing: $0[outputOffset...])) }
            }
            switch result {
            case .transferred(let count):
                consume(count)
            case .wouldBlock:
                return .blocked
            case .endOfFile, .failed:
                return .failed
            }
        }
        return .flushed
    }

    private func consume(_ count: Int) {
        var remaining = count
        while remaining > 0, let first = output.first {
            let available = first.count - outputOffset
            if remaining < available {
                outputOffset += remaining
                return
            }
            remaining -= available
            output.removeFirst()
            outputOffset = 0
        }
    }

    /// Cancels a running handler (http.md 9.5), drops queued output and closes the descriptor once.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        handlerTask?.cancel()
        handlerTask = nil
        output.removeAll()
        socket.close()
    }
}
