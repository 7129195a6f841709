#if canImport(Glibc)
import Glibc
#endif
import ConfemuCrypto
import ConfemuTesting
import Foundation
import Testing

/// Callbacks are really delivered by the outbox with confemu's own HTTP client (control-plane.md §7):
/// a BBB end callback reaches a receiver listening on loopback, and the outbox records the attempt.
@Suite("outbox delivery over a real socket")
struct CallbackDeliveryTests {
    /// A one-shot HTTP receiver on 127.0.0.1:0 that answers 200 and hands back the request head.
    final class Receiver: @unchecked Sendable {
        // @unchecked: `descriptor` is written once in init; the accept runs on one Dispatch thread.
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            listen(descriptor, 4)
            var bound = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &bound) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            self.descriptor = descriptor
            port = Int(UInt16(bigEndian: bound.sin_port))
        }

        deinit { close(descriptor) }

        /// Accepts one connection (5 s at most), reads the head, answers 200, returns the request line.
        func acceptOne() throws -> String {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 5000) > 0 else { throw RawHTTPConnection.Failure.timedOut }
            let client = accept(descriptor, nil, nil)
            defer { close(client) }
            var received: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
                var clientPoll = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
                guard poll(&clientPoll, 1, 5000) > 0 else { throw RawHTTPConnection.Failure.timedOut }
                let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { break }
                received += chunk[0..<count]
            }
            let answer = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".utf8)
            _ = answer.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            return String(decoding: received, as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
        }
    }

    @Test("a BBB end callback is delivered to a local receiver and recorded as delivered")
    func endCallbackDelivered() async throws {
        let receiver = try Receiver()
        try await withConfemu(.init(seed: 3)) { confemu in
            let secret = "9184e6b9-e778-45f5-9c69-d0dfb6246264"
            let callback = "http%3A%2F%2F127.0.0.1%3A\(receiver.port)%2Fended"
            let create = "name=Callback+Room&meetingID=cb-1&meta_endCallbackUrl=\(callback)"
            let createSum = SHA1.hexDigest("create" + create + secret)
            let created = try await confemu.request("GET", "/test/api/create?\(create)&checksum=\(createSum)")
            #expect(created.text.contains("<returncode>SUCCESS</returncode>"))
            let end = "meetingID=cb-1"
            let endSum = SHA1.hexDigest("end" + end + secret)
            let ended = try await confemu.request("GET", "/test/api/end?\(end)&checksum=\(endSum)")
            #expect(ended.text.contains("<returncode>SUCCESS</returncode>"))
            let requestLine = try await offThePool { try receiver.acceptOne() }
            #expect(requestLine.hasPrefix("GET /ended?"))
            #expect(requestLine.contains("meetingID=cb-1"))
            let waited = try await confemu.request("POST", "/_confemu/namespaces/default/outbox/wait",
                                                   body: #"{"kind":"callback","state":"delivered","count":1,"timeoutMs":5000}"#)
            #expect(waited.status == 200)
            #expect(waited.text.contains("\"status\":200"))
        }
    }
}
