import ConfemuSupport

/// A complete request as handlers see it (http.md 1.3). Built only by the parser, so every field is
/// already validated; routers and handlers never see a malformed request.
package struct HTTPRequest: Sendable {
    package var method: HTTPMethod
    package var version: HTTPVersion
    /// The request-target exactly as received.
    package var rawTarget: String
    /// From the first `/` (after the authority in absolute-form) up to `?` or the end; byte-exact (3.6).
    package var rawPath: String
    /// Everything after the first `?`; `""` for `/x?`, nil for `/x` (3.6). Never decoded in place.
    package var rawQuery: String?
    /// `rawPath` split on `/` (leading empty segment dropped), each segment percent-decoded alone (3.7).
    package var pathSegments: [String]
    package var query: QueryParameters
    package var headers: HTTPHeaders
    /// The complete body, de-chunked; empty when `bodyTooLarge`.
    package var body: [UInt8]
    /// The authority host[:port] from absolute-form, else the Host field (3.2); nil when neither.
    package var authority: String?
    /// Set when the body exceeded the route's limit (5.6): nothing of it was kept.
    package var bodyTooLarge: Bool
    /// Whether the connection may stay open after this request (8.1).
    package var keepAlive: Bool
    package var remoteAddress: String
    package var connectionID: UInt64
    package var receivedAt: MonotonicInstant

    package init(method: HTTPMethod, version: HTTPVersion = .http11, rawTarget: String, rawPath: String,
                 rawQuery: String?, pathSegments: [String], query: QueryParameters, headers: HTTPHeaders,
                 body: [UInt8] = [], authority: String? = nil, bodyTooLarge: Bool = false,
                 keepAlive: Bool = true, remoteAddress: String = "127.0.0.1", connectionID: UInt64 = 0,
                 receivedAt: MonotonicInstant = MonotonicInstant(nanoseconds: 0)) {
        self.method = method
        self.version = version
        self.rawTarget = rawTarget
        self.rawPath = rawPath
        self.rawQuery = rawQuery
        self.pathSegments = pathSegments
        self.query = query
        self.headers = headers
        self.body = body
        self.authority = authority
        self.bodyTooLarge = bodyTooLarge
        self.keepAlive = keepAlive
        self.remoteAddress = remoteAddress
        self.connectionID = connectionID
        self.receivedAt = receivedAt
    }

    /// The form-decoded body (3.9), for handlers that accept `application/x-www-form-urlencoded`.
    package var formParameters: QueryParameters { QueryParameters(decoding: body) }

    package var bodyText: String { String(decoding: body, as: UTF8.self) }
}
