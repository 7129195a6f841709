/// Counters of the HTTP layer for `/_confemu/metrics` (http.md 12): a Sendable snapshot.
package struct HTTPServerStatistics: Sendable, Equatable {
    /// `confemu_http_connections_open`.
    package var connectionsOpen = 0
    package var connectionsAccepted = 0
    /// `confemu_http_connections_evicted_total` (9.6).
    package var connectionsEvicted = 0
    /// `confemu_http_connections_rejected_total` (9.6: 503 `server-busy`).
    package var connectionsRejected = 0
    /// `confemu_http_protocol_errors_total{reason}`: HTTP-layer responses by slug (11.7).
    package var protocolErrors: [String: Int] = [:]
    /// Requests handed to the responder (or answered by the server itself, `OPTIONS *`).
    package var requests = 0

    package init() {}
}
