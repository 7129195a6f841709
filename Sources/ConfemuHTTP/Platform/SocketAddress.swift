#if canImport(Glibc)
import Glibc
#endif
import CEpoll

/// An IPv4 or IPv6 socket address (a `sockaddr_storage` and its length).
package struct SocketAddress: Sendable, CustomStringConvertible {
    package var storage: sockaddr_storage
    package var length: socklen_t

    package init(storage: sockaddr_storage, length: socklen_t) {
        self.storage = storage
        self.length = length
    }

    package var family: Int32 { Int32(storage.ss_family) }

    /// Resolves a host (name, IPv4 literal or IPv6 literal without brackets) and port with
    /// `getaddrinfo`. `passive` asks for addresses to bind (`0.0.0.0`, `::`, `localhost` all work).
    /// Blocking: never call it on the I/O thread or the cooperative pool for a remote name.
    package static func resolve(host: String, port: Int, passive: Bool) throws(SocketError) -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        // No AI_ADDRCONFIG: on a host whose only interface is loopback it hides `localhost`.
        hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &list)
        guard status == 0 else {
            let detail = gai_strerror(status).map { String(cString: $0) } ?? "code \(status)"
            throw SocketError("getaddrinfo(\(host))", code: status, detail: detail)
        }
        defer { freeaddrinfo(list) }
        var result: [SocketAddress] = []
        var cursor = list
        while let entry = cursor {
            if let address = entry.pointee.ai_addr, entry.pointee.ai_addrlen <= socklen_t(MemoryLayout<sockaddr_storage>.size),
               entry.pointee.ai_family == AF_INET || entry.pointee.ai_family == AF_INET6 {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(start: address,
                                                                   count: Int(entry.pointee.ai_addrlen)))
                }
                result.append(SocketAddress(storage: storage, length: entry.pointee.ai_addrlen))
            }
            cursor = entry.pointee.ai_next
        }
        guard !result.isEmpty else {
            throw SocketError("getaddrinfo(\(host))", code: EAI_NONAME, detail: "no IPv4 or IPv6 address")
        }
        return result
    }

    /// The port in host byte order.
    package var port: Int {
        var copy = storage
        return withUnsafePointer(to: &copy) { pointer in
            switch family {
            case AF_INET:
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin_port))
                }
            case AF_INET6:
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            default:
                0
            }
        }
    }

    /// The numeric host (`127.0.0.1`, `::1`), as logged and handed to handlers as `remoteAddress`.
    package var host: String {
        var copy = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let capacity = socklen_t(text.count)
        let converted: Bool = withUnsafePointer(to: &copy) { pointer in
            text.withUnsafeMutableBufferPointer { buffer in
                switch family {
                case AF_INET:
                    pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                        var raw = address.pointee.sin_addr
                        return inet_ntop(AF_INET, &raw, buffer.baseAddress, capacity) != nil
                    }
                case AF_INET6:
                    pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                        var raw = address.pointee.sin6_addr
                        return inet_ntop(AF_INET6, &raw, buffer.baseAddress, capacity) != nil
                    }
                default:
                    false
                }
            }
        }
        guard converted else { return "unknown" }
        return String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    package var description: String {
        family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Runs `body` with the address as a `sockaddr` pointer.
    package func withSockAddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        var copy = storage
        return withUnsafePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}
