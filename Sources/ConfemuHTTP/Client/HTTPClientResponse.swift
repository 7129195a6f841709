/// The final response of an attempt (http.md 14.5, 14.6): a 3xx is returned as is, never followed.
package struct HTTPClientResponse: Sendable {
    package var status: Int
    package var reason: String
    package var headers: HTTPHeaders
    /// The first 64 KiB of the body at most (14.5).
    package var body: [UInt8]
    /// More body followed than was kept; reading stopped there (not an error).
    package var bodyTruncated: Bool

    package init(status: Int, reason: String, headers: HTTPHeaders, body: [UInt8], bodyTruncated: Bool) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.bodyTruncated = bodyTruncated
    }

    /// `Location` of a 3xx, recorded by the outbox (14.6).
    package var location: String? { headers.first("Location") }
}
