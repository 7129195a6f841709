/// Why an outbound attempt failed: the codes of http.md 14.7, written to `attempts[].error`.
package enum HTTPClientError: String, Error, Sendable, Equatable, CaseIterable {
    case invalidURL = "invalid-url"
    case unsupportedScheme = "unsupported-scheme"
    case dnsFailure = "dns-failure"
    case connectionRefused = "connection-refused"
    case connectTimeout = "connect-timeout"
    case timeout = "timeout"
    case connectionReset = "connection-reset"
    case badResponse = "bad-response"

    /// The code as the outbox records it.
    package var code: String { rawValue }
}
