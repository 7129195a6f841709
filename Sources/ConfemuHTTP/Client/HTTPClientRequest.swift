/// One outbound request (http.md 14.3). `url` is parsed by the client (14.2).
package struct HTTPClientRequest: Sendable {
    package var method: HTTPMethod
    package var url: String
    /// The provider's fields (`Content-Type`, `Authorization`, ...). The client owns `Host`,
    /// `User-Agent`, `Content-Length`, `Connection`, `Transfer-Encoding` and `Expect`; copies are dropped.
    package var headers: HTTPHeaders
    package var body: [UInt8]

    package init(method: HTTPMethod, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
