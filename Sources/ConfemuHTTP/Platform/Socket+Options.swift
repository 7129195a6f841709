#if canImport(Glibc)
import Glibc
#endif

extension Socket {
    package func setOption(_ level: Int32, _ option: Int32, _ value: Int32, name: String) throws(SocketError) {
        var value = value
        guard setsockopt(descriptor, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SocketError.last("setsockopt(\(name))")
        }
    }

    /// `TCP_NODELAY` on accepted sockets (http.md 8.6): one response is one segment train, no Nagle wait.
    package func setNoDelay() throws(SocketError) {
        try setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1, name: "TCP_NODELAY")
    }

    package func setNonBlocking(_ enabled: Bool) throws(SocketError) {
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0 else { throw SocketError.last("fcntl(F_GETFL)") }
        let updated = enabled ? flags | O_NONBLOCK : flags & ~O_NONBLOCK
        guard fcntl(descriptor, F_SETFL, updated) == 0 else { throw SocketError.last("fcntl(F_SETFL)") }
    }

    /// The pending socket error (`SO_ERROR`), e.g. the outcome of a non-blocking `connect`.
    package func pendingError() -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &value, &length) == 0 else { return errno }
        return value
    }
}
