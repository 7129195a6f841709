#if canImport(Glibc)
import Glibc
#endif
import ConfemuSupport
import Dispatch

/// The small blocking outbound client of http.md §14 (callbacks and webhooks sent by the outbox).
/// One connection per attempt, closed afterwards; no pooling, proxies, cookies, compression or
/// redirects. `send` blocks (name resolution, `poll`): run it on the outbox's own serial queue or
/// another thread that may block, never on the I/O thread or the cooperative pool (14.1, architecture
/// 4.4); `send(_:on:)` does that hop for async callers.
package struct HTTPClient: Sendable {
    package let configuration: Configuration
    private let clock: any MonotonicClock

    package init(configuration: Configuration = Configuration(), clock: any MonotonicClock = SystemMonotonicClock()) {
        self.configuration = configuration
        self.clock = clock
    }

    /// Runs the blocking `send` on `queue` (never the cooperative pool) and returns its result.
    package func send(_ request: HTTPClientRequest, on queue: DispatchQueue) async
        -> Result<HTTPClientResponse, HTTPClientError> {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: send(request))
            }
        }
    }

    /// One attempt: resolve, connect, write the request in one write, read the response. Blocking.
    package func send(_ request: HTTPClientRequest) -> Result<HTTPClientResponse, HTTPClientError> {
        // 14.4: the whole attempt, from name resolution to the end of the response.
        let attemptDeadline = clock.now().adding(milliseconds: configuration.attemptTimeout.wholeMilliseconds)
        let url: ClientURL
        switch ClientURL.parse(request.url) {
        case .success(let parsed): url = parsed
        case .failure(let error): return .failure(error)
        }
        let addresses: [SocketAddress]
        do {
            addresses = try SocketAddress.resolve(host: url.host, port: url.port, passive: false)
        } catch {
            return .failure(.dnsFailure)
        }
        guard clock.now() < attemptDeadline else { return .failure(.timeout) }

        let socket: Socket
        switch connect(to: addresses, attemptDeadline: attemptDeadline) {
        case .success(let connected): socket = connected
        case .failure(let error): return .failure(error)
        }
        defer { socket.close() }

        let bytes = Self.serialize(request, url: url, userAgent: configuration.userAgent)
        if let error = write(bytes, to: socket, deadline: attemptDeadline) { return .failure(error) }
        return readResponse(from: socket, method: request.method, deadline: attemptDeadline)
    }

    // MARK: - Request (14.3)

    private static let ownedFields = ["host", "user-agent", "content-length", "connection", "transfer-encoding", "expect"]

    static func serialize(_ request: HTTPClientRequest, url: ClientURL, userAgent: String) -> [UInt8] {
        var text = "\(request.method.rawValue) \(url.target) HTTP/1.1\r\nHost: \(url.hostField)\r\n"
        text += "User-Agent: \(userAgent)\r\n"
        for field in request.headers {
            guard !ownedFields.contains(field.name.lowercased()) else { continue }
            // A field that would split the request is dropped (RFC 9112 §11.1).
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(ResponseWriter.isTokenCharacter),
                  !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else { continue }
            text += "\(field.name): \(field.value)\r\n"
        }
        let alwaysCounts = request.method == .POST || request.method == .PUT || request.method == .PATCH
        if alwaysCounts || !request.body.isEmpty {
            text += "Content-Length: \(request.body.count)\r\n"
        }
        text += "Connection: close\r\n\r\n"
        return Array(text.utf8) + request.body
    }

    // MARK: - Socket steps

    private enum Readiness {
        case ready
        case timedOut
        case failed(Int32)
    }

    private func wait(for events: Int16, on socket: Socket, until deadline: MonotonicInstant) -> Readiness {
        while true {
            let remaining = clock.now().milliseconds(until: deadline)
            guard remaining > 0 else { return .timedOut }
            var descriptor = pollfd(fd: socket.descriptor, events: events, revents: 0)
            let result = poll(&descriptor, 1, Int32(clamping: remaining))
            if result > 0 { return .ready }
            if result == 0 { continue }
            if errno == EINTR { continue }
            return .failed(errno)
        }
    }

    /// Non-blocking connect plus `poll`, at most 5 s per address (14.4).
    private func connect(to addresses: [SocketAddress], attemptDeadline: MonotonicInstant)
        -> Result<Socket, HTTPClientError> {
        var lastError = HTTPClientError.connectionRefused
        for address in addresses {
            let now = clock.now()
            guard now < attemptDeadline else { return .failure(.timeout) }
            let socket: Socket
            do {
                socket = try Socket.make(family: address.family, nonBlocking: true)
            } catch {
                continue
            }
            var code: Int32 = 0
            if address.withSockAddr({ Glibc.connect(socket.descriptor, $0, $1) }) == 0 {
                try? socket.setNoDelay()
                return .success(socket)
            }
            code = errno
            if code == EINPROGRESS || code == EINTR {
                let connectDeadline = min(now.adding(milliseconds: configuration.connectTimeout.wholeMilliseconds),
                                          attemptDeadline)
                switch wait(for: Int16(POLLOUT), on: socket, until: connectDeadline) {
                case .ready:
                    code = socket.pendingError()
                    if code == 0 {
                        try? socket.setNoDelay()
                        return .success(socket)
                    }
                case .timedOut:
                    socket.close()
                    return .failure(connectDeadline < attemptDeadline ? .connectTimeout : .timeout)
                case .failed(let pollError):
                    code = pollError
                }
            }
            socket.close()
            switch code {
            case ETIMEDOUT: lastError = .connectTimeout
            case ECONNRESET: lastError = .connectionReset
            default: lastError = .connectionRefused
            }
        }
        return .failure(lastError)
    }

    /// 14.3: the whole request in one write (continued only if the kernel takes part of it).
    private func write(_ bytes: [UInt8], to socket: Socket, deadline: MonotonicInstant) -> HTTPClientError? {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { socket.send(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            switch result {
            case .transferred(let count):
                offset += count
            case .wouldBlock:
                switch wait(for: Int16(POLLOUT), on: socket, until: deadline) {
                case .ready: continue
                case .timedOut: return .timeout
                case .failed: return .connectionReset
                }
            case .endOfFile, .failed:
                return .connectionReset
            }
        }
        return nil
    }

    private func readResponse(from socket: Socket, method: HTTPMethod, deadline: MonotonicInstant)
        -> Result<HTTPClientResponse, HTTPClientError> {
        var reader = ClientResponseReader(maxHeadBytes: configuration.maxResponseHeadBytes,
                                          maxBodyBytes: configuration.maxKeptBodyBytes, requestMethod: method)
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            switch wait(for: Int16(POLLIN), on: socket, until: deadline) {
            case .ready: break
            case .timedOut: return .failure(.timeout)
            case .failed: return .failure(.connectionReset)
            }
            let result = chunk.withUnsafeMutableBytes { socket.read(into: $0) }
            let progress: ClientResponseReader.Progress
            switch result {
            case .transferred(let count):
                reader.append(chunk[0..<count])
                progress = reader.process()
            case .endOfFile:
                progress = reader.endOfInput()
            case .wouldBlock:
                continue
            case .failed:
                return .failure(.connectionReset)
            }
            switch progress {
            case .needMore: continue
            case .complete: return .success(reader.response)
            case .failed(let error): return .failure(error)
            }
        }
    }
}
