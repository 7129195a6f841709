/// What a handler returns (http.md 1.3). The writer owns Content-Length, Transfer-Encoding,
/// Connection, Date and Server (11.5).
package struct HTTPResponse: Sendable {
    package var status: Int
    package var headers: HTTPHeaders
    package var body: [UInt8]
    package var connectionAction: ConnectionAction

    package init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
                 connectionAction: ConnectionAction = .keepAlive) {
        self.status = status
        self.headers = headers
        self.body = body
        self.connectionAction = connectionAction
    }

    package init(status: Int, contentType: String, body: String, headers: HTTPHeaders = HTTPHeaders()) {
        var fields = headers
        fields.set("Content-Type", contentType)
        self.init(status: status, headers: fields, body: Array(body.utf8))
    }

    /// An HTTP-layer response (11.7): `<code> <reason>: <slug>\n` as text/plain.
    package static func protocolError(status: Int, slug: String, close: Bool = true) -> HTTPResponse {
        HTTPResponse(status: status,
                     headers: ["Content-Type": "text/plain; charset=utf-8"],
                     body: Array("\(status) \(HTTPStatus.reason(status)): \(slug)\n".utf8),
                     connectionAction: close ? .close : .keepAlive)
    }
}
