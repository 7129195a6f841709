#if canImport(Glibc)
import Glibc
#endif
import CEpoll

/// A TCP socket descriptor with the few calls the server and the client need (http.md 8.6). A plain
/// value: whoever created it closes it exactly once (`Connection`, the event loop, the client).
package struct Socket: Sendable, Hashable {
    package let descriptor: Int32

    package init(descriptor: Int32) { self.descriptor = descriptor }

    /// What one `read`/`send` did. `read() == 0` is reported as `.endOfFile` before `errno` is looked
    /// at; `EINTR` is retried inside (http.md 8.6).
    package enum IOResult: Sendable, Equatable {
        case transferred(Int)
        case endOfFile
        case wouldBlock
        case failed(Int32)
    }

    package enum AcceptResult: Sendable {
        case accepted(Socket, remote: SocketAddress)
        case wouldBlock
        case failed(Int32)
    }

    // MARK: - Creating

    /// A new stream socket of `family`, close-on-exec, optionally non-blocking.
    package static func make(family: Int32, nonBlocking: Bool) throws(SocketError) -> Socket {
        var type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        if nonBlocking { type |= Int32(SOCK_NONBLOCK.rawValue) }
        let fd = Glibc.socket(family, type, 0)
        guard fd >= 0 else { throw SocketError.last("socket") }
        return Socket(descriptor: fd)
    }

    /// A listening socket on `host:port` (port 0 picks a free port): `SO_REUSEADDR`, `TCP_NODELAY`,
    /// backlog `SOMAXCONN`, non-blocking (http.md 8.6). `host` may be a name (`localhost`), an IPv4 or
    /// an IPv6 literal (`::1`, `[::1]`), `0.0.0.0` or `::`. Each resolved address is tried in turn;
    /// IPv4 first, so `localhost` binds 127.0.0.1 whatever the resolver's order.
    package static func listen(host: String, port: Int, backlog: Int32 = SOMAXCONN) throws(SocketError) -> Socket {
        guard (0...65535).contains(port) else { throw SocketError("listen", code: EINVAL, detail: "port \(port)") }
        var name = host
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        let addresses = try SocketAddress.resolve(host: name, port: port, passive: true)
            .sorted { $0.family == AF_INET && $1.family != AF_INET }
        var lastError = SocketError("bind(\(host):\(port))", code: EADDRNOTAVAIL)
        for address in addresses {
            do {
                return try bindAndListen(address, backlog: backlog)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private static func bindAndListen(_ address: SocketAddress, backlog: Int32) throws(SocketError) -> Socket {
        let socket = try make(family: address.family, nonBlocking: true)
        do throws(SocketError) {
            try socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1, name: "SO_REUSEADDR")
            try socket.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1, name: "TCP_NODELAY")
            let bound = address.withSockAddr { Glibc.bind(socket.descriptor, $0, $1) }
            guard bound == 0 else { throw SocketError.last("bind(\(address))") }
            guard Glibc.listen(socket.descriptor, backlog) == 0 else { throw SocketError.last("listen(\(address))") }
            return socket
        } catch {
            // http.md 8.6: every failure path after socket() closes the descriptor.
            socket.close()
            throw error
        }
    }

    // MARK: - Addresses

    package func localAddress() throws(SocketError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else { throw SocketError.last("getsockname") }
        return SocketAddress(storage: storage, length: length)
    }

    /// The port this socket is bound to (after `listen` on port 0).
    package func boundPort() throws(SocketError) -> Int { try localAddress().port }

    // MARK: - Accepting

    /// `accept4` with `SOCK_NONBLOCK | SOCK_CLOEXEC`; `EINTR` retried (http.md 8.6).
    package func accept() -> AcceptResult {
        while true {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    confemu_accept4(descriptor, $0, &length, confemu_accept_flags)
                }
            }
            if fd >= 0 {
                return .accepted(Socket(descriptor: fd), remote: SocketAddress(storage: storage, length: length))
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            return .failed(code)
        }
    }

    // MARK: - Reading and writing

    /// One `read` into `buffer`.
    package func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count > 0 { return .transferred(count) }
            // http.md 8.6: read() == 0 is EOF, before errno is looked at.
            if count == 0 { return .endOfFile }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            return .failed(code)
        }
    }

    /// One `send` with `MSG_NOSIGNAL` (http.md 8.6).
    package func send(_ bytes: UnsafeRawBufferPointer) -> IOResult {
        while true {
            let count = Glibc.send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return .transferred(count) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            return .failed(code)
        }
    }

    /// A gathered write of two buffers in one call (`sendmsg`, the `writev` of http.md 8.7 with
    /// `MSG_NOSIGNAL`).
    package func send(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> IOResult {
        var vectors = [
            iovec(iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress), iov_len: first.count),
            iovec(iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress), iov_len: second.count),
        ]
        return vectors.withUnsafeMutableBufferPointer { iov in
            var message = msghdr()
            message.msg_iov = iov.baseAddress
            message.msg_iovlen = iov.count
            while true {
                let count = sendmsg(descriptor, &message, Int32(MSG_NOSIGNAL))
                if count >= 0 { return .transferred(count) }
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
                return .failed(code)
            }
        }
    }

    // MARK: - Closing

    /// `shutdown(SHUT_WR)`: the first step of the closing procedure (http.md 8.5).
    package func shutdownWrite() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    /// `SO_LINGER {1, 0}` so that the following `close` sends an RST (http.md 8.5, fault `reset`).
    package func setResetOnClose() {
        var value = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &value, socklen_t(MemoryLayout<linger>.size))
    }

    /// `close`; `EINTR` is not retried (Linux releases the descriptor anyway).
    package func close() {
        _ = Glibc.close(descriptor)
    }
}
