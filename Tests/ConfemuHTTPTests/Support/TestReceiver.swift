#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A one-connection HTTP receiver for the outbound client's tests: accepts one connection on
/// 127.0.0.1 port 0, reads the request (head and Content-Length body), then acts as told.
final class TestReceiver: Sendable {
    enum Behaviour: Sendable {
        /// Writes these bytes and closes.
        case respond([UInt8])
        /// Reads the request and answers nothing for this long (or until the client leaves).
        case silent(milliseconds: Int32)
    }

    let port: Int
    private let listener: Int32
    private let captured = Mutex<[UInt8]>([])
    private let done = Mutex(false)

    init(_ behaviour: Behaviour) throws {
        (listener, port) = try TestSocket.bound(listen: true)
        let listener = listener
        let thread = Thread { [self] in
            serve(listener: listener, behaviour: behaviour)
            done.withLock { $0 = true }
        }
        thread.start()
    }

    convenience init(response: String) throws {
        try self.init(.respond(Array(response.utf8)))
    }

    /// The bytes of the request received so far.
    var request: String { String(decoding: captured.withLock { $0 }, as: UTF8.self) }

    private func serve(listener: Int32, behaviour: Behaviour) {
        defer { close(listener) }
        var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 5000) > 0 else { return }
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        defer { close(connection) }
        readRequest(connection)
        switch behaviour {
        case .respond(let bytes):
            TestSocket.sendAll(connection, bytes)
            // Let the client read before the close (a close with unread input would send an RST).
            shutdown(connection, Int32(SHUT_WR))
            _ = TestSocket.readSome(connection, milliseconds: 2000)
        case .silent(let milliseconds):
            _ = TestSocket.readSome(connection, milliseconds: milliseconds)
        }
    }

    private func readRequest(_ connection: Int32) {
        var bytes: [UInt8] = []
        let terminator: [UInt8] = [13, 10, 13, 10]
        while true {
            guard case .data(let chunk) = TestSocket.readSome(connection, milliseconds: 2000) else { return }
            bytes.append(contentsOf: chunk)
            captured.withLock { $0 = bytes }
            guard bytes.count >= 4,
                  let end = (0...(bytes.count - 4)).first(where: { bytes[$0..<$0 + 4].elementsEqual(terminator) })
            else { continue }
            let head = String(decoding: bytes[0..<end], as: UTF8.self).lowercased()
            let length = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") })
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            if bytes.count >= end + 4 + length { return }
        }
    }
}
