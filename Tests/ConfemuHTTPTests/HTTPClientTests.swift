#if canImport(Glibc)
import Glibc
#endif
import Testing
import ConfemuSupport
import Dispatch
@testable import ConfemuHTTP

@Suite("HTTPClient against a local receiver (http.md §14)")
struct HTTPClientTests {
    let client = HTTPClient()

    func url(_ receiver: TestReceiver, _ target: String = "/callback?meetingID=m1&x=a+b") -> String {
        "http://127.0.0.1:\(receiver.port)\(target)"
    }

    @Test("a 2xx is delivered; the request goes out with Host, User-Agent, fields, Content-Length and close")
    func success() throws {
        let receiver = try TestReceiver(response: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        let request = HTTPClientRequest(method: .POST, url: url(receiver),
                                        headers: ["Content-Type": "application/json", "Connection": "keep-alive"],
                                        body: Array("{}".utf8))
        let response = try client.send(request).get()
        #expect(response.status == 200)
        #expect(response.body == Array("ok".utf8))
        #expect(!response.bodyTruncated)
        #expect(receiver.request == "POST /callback?meetingID=m1&x=a+b HTTP/1.1\r\nHost: 127.0.0.1:\(receiver.port)\r\n"
            + "User-Agent: confemu/\(ConfemuVersion.string)\r\nContent-Type: application/json\r\n"
            + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
    }

    @Test("localhost resolves and connects, trying each address in turn")
    func localhost() throws {
        let receiver = try TestReceiver(response: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        let response = try client.send(HTTPClientRequest(method: .GET, url: "http://localhost:\(receiver.port)/")).get()
        #expect(response.status == 200)
        #expect(receiver.request.contains("Host: localhost:\(receiver.port)\r\n"))
    }

    @Test("an empty POST says Content-Length: 0; a GET without body has none")
    func contentLengthRules() throws {
        let post = try TestReceiver(response: "HTTP/1.1 204 No Content\r\n\r\n")
        #expect(try client.send(HTTPClientRequest(method: .POST, url: url(post, "/"))).get().status == 204)
        #expect(post.request.contains("Content-Length: 0\r\n"))
        let get = try TestReceiver(response: "HTTP/1.1 204 No Content\r\n\r\n")
        #expect(try client.send(HTTPClientRequest(method: .GET, url: url(get, "/"))).get().status == 204)
        #expect(!get.request.contains("Content-Length"))
    }

    @Test("a 3xx is the result; its Location is reported and never followed")
    func redirectNotFollowed() throws {
        let receiver = try TestReceiver(
            response: "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere\r\nContent-Length: 0\r\n\r\n")
        let response = try client.send(HTTPClientRequest(method: .POST, url: url(receiver))).get()
        #expect(response.status == 302)
        #expect(response.location == "http://127.0.0.1:1/elsewhere")
    }

    @Test("a 5xx is returned as a response")
    func serverError() throws {
        let receiver = try TestReceiver(response: "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy")
        let response = try client.send(HTTPClientRequest(method: .POST, url: url(receiver))).get()
        #expect(response.status == 503)
        #expect(response.body == Array("busy".utf8))
    }

    @Test("a slow receiver hits the attempt timeout")
    func slowReceiver() throws {
        let receiver = try TestReceiver(.silent(milliseconds: 3000))
        var configuration = HTTPClient.Configuration()
        configuration.attemptTimeout = .milliseconds(300)
        let result = HTTPClient(configuration: configuration).send(HTTPClientRequest(method: .POST, url: url(receiver)))
        #expect(result.failure == .timeout)
    }

    @Test("a closed port is connection-refused")
    func refused() throws {
        // Bound but not listening: the port stays ours and refuses connections.
        let (descriptor, port) = try TestSocket.bound(listen: false)
        defer { close(descriptor) }
        let result = client.send(HTTPClientRequest(method: .POST, url: "http://127.0.0.1:\(port)/cb"))
        #expect(result.failure == .connectionRefused)
    }

    @Test("of a 100 KiB response only the first 64 KiB are kept")
    func largeResponse() throws {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 102_400)
        let receiver = try TestReceiver(.respond(Array("HTTP/1.1 200 OK\r\nContent-Length: 102400\r\n\r\n".utf8) + body))
        let response = try client.send(HTTPClientRequest(method: .POST, url: url(receiver))).get()
        #expect(response.status == 200)
        #expect(response.body.count == 65536)
        #expect(response.bodyTruncated)
    }

    @Test("https:// is refused without any connection")
    func httpsRefused() {
        let result = client.send(HTTPClientRequest(method: .POST, url: "https://127.0.0.1:1/cb"))
        #expect(result.failure == .unsupportedScheme)
    }

    @Test("an unknown host is dns-failure")
    func dnsFailure() {
        let result = client.send(HTTPClientRequest(method: .POST, url: "http://no-such-host.invalid/cb"))
        #expect(result.failure == .dnsFailure)
    }

    @Test("a receiver that closes without answering gives bad-response")
    func emptyReply() throws {
        let receiver = try TestReceiver(.respond([]))
        #expect(client.send(HTTPClientRequest(method: .POST, url: url(receiver))).failure == .badResponse)
    }

    @Test("the async variant runs the attempt on the given queue")
    func asyncVariant() async throws {
        let receiver = try TestReceiver(response: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        let queue = DispatchQueue(label: "test-outbox")
        let result = await client.send(HTTPClientRequest(method: .GET, url: url(receiver)), on: queue)
        #expect(try result.get().status == 200)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
