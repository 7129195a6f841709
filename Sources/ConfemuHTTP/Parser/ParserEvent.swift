/// What the request parser yields each time the driver asks for the next event (http.md 1.1).
package enum ParserEvent: Sendable {
    /// Not enough bytes buffered to make progress.
    case needMore
    /// A request head is complete and valid; its body (if any) follows. Lets the driver switch from
    /// the header deadline to the body deadline (http.md 9.2).
    case head(RequestHead)
    /// The driver must write exactly `HTTP/1.1 100 Continue\r\n\r\n` now, then keep feeding (7.2).
    case sendContinue
    /// A whole request. The parser holds any bytes after it for the next request.
    case complete(HTTPRequest)
    /// The body exceeds the route's limit (5.6): `bodyTooLarge` is set and the body is empty. The
    /// parser is finished: the connection must close after the answer.
    case tooLarge(HTTPRequest)
    /// A parser error (11.7): answer `status` with `slug`, then close.
    case error(status: Int, slug: String)
}

/// The validated head of a request, before its body.
package struct RequestHead: Sendable {
    package var method: HTTPMethod
    package var version: HTTPVersion
    package var rawTarget: String
    package var rawPath: String
    package var rawQuery: String?
    package var headers: HTTPHeaders
    package var authority: String?

    package init(method: HTTPMethod, version: HTTPVersion, rawTarget: String, rawPath: String,
                 rawQuery: String?, headers: HTTPHeaders, authority: String?) {
        self.method = method
        self.version = version
        self.rawTarget = rawTarget
        self.rawPath = rawPath
        self.rawQuery = rawQuery
        self.headers = headers
        self.authority = authority
    }
}
