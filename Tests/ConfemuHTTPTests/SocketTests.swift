#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import ConfemuHTTP

@Suite("Socket listeners (http.md 8.6)")
struct SocketTests {
    @Test("listens on port 0 for IPv4 and IPv6 hosts and reports the bound port", arguments: [
        ("127.0.0.1", false), ("0.0.0.0", false), ("localhost", false), ("::1", true), ("[::1]", true),
    ])
    func listens(host: String, ipv6: Bool) async throws {
        let listener = try Socket.listen(host: host, port: 0)
        defer { listener.close() }
        let port = try listener.boundPort()
        #expect(port > 0)
        let client = try RawTestClient(port: port, ipv6: ipv6)
        defer { client.close() }
        var accepted: Socket?
        for _ in 0..<200 {
            if case .accepted(let socket, let remote) = listener.accept() {
                accepted = socket
                #expect(remote.host == (ipv6 ? "::1" : "127.0.0.1"))
                break
            }
            usleep(10_000)
        }
        let socket = try #require(accepted)
        defer { socket.close() }
        // Accepted sockets are non-blocking.
        var byte: UInt8 = 0
        #expect(withUnsafeMutableBytes(of: &byte) { socket.read(into: $0) } == .wouldBlock)
        try await client.send("x")
        #expect(TestSocket.readSome(socket.descriptor, milliseconds: 2000) == .data([UInt8(ascii: "x")]))
        client.close()
        #expect(TestSocket.readSome(socket.descriptor, milliseconds: 2000) == .closed)
    }

    @Test("an unknown host or a taken port fails with a readable error")
    func failures() throws {
        #expect(throws: SocketError.self) { try Socket.listen(host: "no-such-host.invalid", port: 0) }
        let first = try Socket.listen(host: "127.0.0.1", port: 0)
        defer { first.close() }
        let error = #expect(throws: SocketError.self) { try Socket.listen(host: "127.0.0.1", port: first.boundPort()) }
        #expect(error?.code == EADDRINUSE)
    }

    @Test("the file limit is raised to the hard limit")
    func fileLimit() throws {
        let soft = try #require(ProcessResources.raiseFileLimit())
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        #expect(rlim_t(soft) == limit.rlim_max || limit.rlim_max == rlim_t.max)
    }
}
