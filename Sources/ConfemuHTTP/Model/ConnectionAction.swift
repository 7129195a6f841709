/// What the connection does after a response (http.md 1.3; the last three serve connection faults).
package enum ConnectionAction: Sendable, Equatable {
    case keepAlive
    case close
    /// RST: `SO_LINGER {1, 0}` then close, no response written (8.5).
    case reset
    /// Keep the socket open without reading or writing, at most this many seconds (8.5).
    case hang(maxSeconds: Int)
    /// Close without writing any response.
    case closeSilently
}
