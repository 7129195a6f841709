#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A blocking TCP client that writes exact bytes and reads exact responses, with a deadline on every
/// read so a hung server fails a test fast instead of hanging it (architecture.md §8). It can tell
/// "closed" from "no answer yet"; `URLSession` would rewrite requests and pool connections.
public final class RawHTTPConnection {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public enum Failure: Error, Equatable {
        case connectFailed(Int32)
        case timedOut
        case closed
        case malformed(String)
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    public let timeout: TimeInterval

    public init(port: Int, host: String = "127.0.0.1", timeout: TimeInterval = 2) throws {
        self.timeout = timeout
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw Failure.connectFailed(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(socketDescriptor)
            throw Failure.connectFailed(code)
        }
        descriptor = socketDescriptor
    }

    deinit { close(descriptor) }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw Failure.closed }
            offset += written
        }
    }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Half-closes the sending side (http.md 8.4).
    public func shutdownWrite() { shutdown(descriptor, Int32(SHUT_WR)) }

    /// Reads until `count` more bytes are buffered, EOF (`Failure.closed`) or the deadline.
    private func fill(atLeast count: Int, deadline: Date) throws {
        while buffer.count < count {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw Failure.timedOut }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, remaining * 1000)))
            guard ready > 0 else { throw Failure.timedOut }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let read = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if read == 0 { throw Failure.closed }
            if read < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw Failure.closed
            }
            buffer.append(contentsOf: chunk[0..<read])
        }
    }

    /// Reads one response; `head` is true for a HEAD request (no body bytes follow).
    public func readResponse(head: Bool = false) throws -> Response {
        let deadline = Date().addingTimeInterval(timeout)
        var headEnd: Int?
        while headEnd == nil {
            if let index = Self.find([13, 10, 13, 10], in: buffer) {
                headEnd = index
            } else {
                try fill(atLeast: buffer.count + 1, deadline: deadline)
            }
        }
        guard let end = headEnd else { throw Failure.malformed("no head") }
        let headText = String(decoding: buffer[0..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure.malformed(headText) }
        let headers: [(name: String, value: String)] = lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        if status / 100 == 1 { return Response(status: status, headers: headers, body: []) }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        let bodyLength = head || status == 204 || status == 304 ? 0 : length
        try fill(atLeast: bodyLength, deadline: deadline)
        let body = Array(buffer[0..<bodyLength])
        buffer.removeFirst(bodyLength)
        return Response(status: status, headers: headers, body: body)
    }

    /// True when the server closed the connection (EOF) within the deadline with nothing more to read.
    public func isClosedByPeer() -> Bool {
        do {
            try fill(atLeast: buffer.count + 1, deadline: Date().addingTimeInterval(timeout))
            return false
        } catch {
            return (error as? Failure) == .closed
        }
    }

    /// One request on this connection: method, target, headers and body, `Content-Length` added.
    public func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [])
        throws -> Response {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) { text += "Content-Length: \(body.count)\r\n" }
        text += "\r\n"
        try send(Array(text.utf8) + body)
        return try readResponse(head: method == "HEAD")
    }

    static func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for index in 0...(bytes.count - pattern.count) where bytes[index] == pattern[0] {
            if Array(bytes[index..<(index + pattern.count)]) == pattern { return index }
        }
        return nil
    }
}

/// Runs blocking socket work on a Dispatch queue, never on Swift's cooperative pool: an in-process
/// server needs that pool to answer, and blocking it from a test would deadlock both (architecture.md §4.2).
public func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try body() })
        }
    }
}
