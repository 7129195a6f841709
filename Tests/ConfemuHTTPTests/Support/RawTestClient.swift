#if canImport(Glibc)
import Glibc
#endif

/// A client that writes exact bytes and reads what comes back with a deadline on every read (2 s by
/// default), telling "closed" from "no answer yet" (architecture.md §8). Reads are async and never
/// block a pool thread (the server's handler tasks need those threads).
final class RawTestClient {
    struct Response {
        var status: Int
        var reason: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var names: [String] { headers.map(\.name) }
        var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var closed = false

    init(port: Int, ipv6: Bool = false) throws {
        descriptor = try TestSocket.connect(port: port, ipv6: ipv6)
    }

    deinit { close() }

    func send(_ text: String) async throws { try await send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) async throws {
        guard await TestSocket.sendAllAsync(descriptor, bytes) else {
            throw TestSocket.Failure("send failed or timed out: errno \(errno)")
        }
    }

    func shutdownWrite() { _ = shutdown(descriptor, Int32(SHUT_WR)) }

    /// Reads one response. `head`: the request was HEAD (no body whatever the Content-Length).
    func readResponse(head: Bool = false, timeoutMilliseconds: Int32 = 2000) async throws -> Response {
        while true {
            if let response = try parse(head: head) { return response }
            switch await TestSocket.readSomeAsync(descriptor, milliseconds: timeoutMilliseconds) {
            case .data(let bytes): buffer.append(contentsOf: bytes)
            case .closed: throw TestSocket.Failure("closed before a complete response (\(buffer.count) bytes)")
            case .reset: throw TestSocket.Failure("reset before a complete response")
            case .noAnswer: throw TestSocket.Failure("no complete response within \(timeoutMilliseconds) ms")
            }
        }
    }

    /// What happens next on the connection: more bytes (kept for `readResponse`), EOF, a reset, or
    /// nothing within the timeout.
    func next(timeoutMilliseconds: Int32 = 2000) async -> TestSocket.ReadOutcome {
        if !buffer.isEmpty {
            let bytes = buffer
            buffer.removeAll()
            return .data(bytes)
        }
        return await TestSocket.readSomeAsync(descriptor, milliseconds: timeoutMilliseconds)
    }

    /// True when the server closes the connection (EOF or reset) within the timeout with no further
    /// bytes; false if bytes arrive or nothing happens.
    func closesWithoutData(timeoutMilliseconds: Int32 = 2000) async -> Bool {
        guard buffer.isEmpty else { return false }
        switch await TestSocket.readSomeAsync(descriptor, milliseconds: timeoutMilliseconds) {
        case .closed, .reset: return true
        case .data, .noAnswer: return false
        }
    }

    /// Whether nothing at all arrives within the timeout (the connection is open and silent).
    func staysSilent(milliseconds: Int32) async -> Bool {
        guard buffer.isEmpty else { return false }
        return await TestSocket.readSomeAsync(descriptor, milliseconds: milliseconds) == .noAnswer
    }

    /// Closes with an RST (SO_LINGER {1, 0}).
    func reset() {
        var value = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &value, socklen_t(MemoryLayout<linger>.size))
        close()
    }

    func close() {
        guard !closed else { return }
        closed = true
        _ = Glibc.close(descriptor)
    }

    private func parse(head: Bool) throws -> Response? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        guard buffer.count >= 4,
              let end = (0...(buffer.count - 4)).first(where: { buffer[$0..<$0 + 4].elementsEqual(terminator) }) else {
            return nil
        }
        let headText = String(decoding: buffer[0..<end], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw TestSocket.Failure("bad status line: \(statusLine)")
        }
        let headers: [(name: String, value: String)] = lines.map { line in
            let pieces = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let value = pieces.count > 1 ? String(pieces[1].drop(while: { $0 == " " })) : ""
            return (String(pieces[0]), value)
        }
        var length = 0
        if !head, status >= 200, status != 204, status != 304,
           let field = headers.first(where: { $0.name.lowercased() == "content-length" }) {
            length = Int(field.value) ?? 0
        }
        guard buffer.count >= end + 4 + length else { return nil }
        let body = Array(buffer[(end + 4)..<(end + 4 + length)])
        buffer.removeFirst(end + 4 + length)
        return Response(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: body)
    }
}

extension String {
    /// Splits on a separator string (no Foundation needed in the test helpers).
    fileprivate func components(separatedBy separator: String) -> [String] {
        split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }
}
