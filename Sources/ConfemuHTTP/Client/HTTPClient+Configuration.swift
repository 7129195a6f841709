import ConfemuSupport

extension HTTPClient {
    /// The outbound numbers of http.md §0 and 14.4, 14.5.
    package struct Configuration: Sendable {
        /// Non-blocking connect plus `poll` (14.4) → `connect-timeout`.
        package var connectTimeout: Duration = .seconds(5)
        /// Name resolution to the end of the response (14.4) → `timeout`.
        package var attemptTimeout: Duration = .seconds(10)
        /// Status line and fields (14.5) → `bad-response` beyond it.
        package var maxResponseHeadBytes = 32768
        /// Body bytes kept (14.5); reading stops there.
        package var maxKeptBodyBytes = 65536
        /// 14.3: `User-Agent: confemu/<version>`.
        package var userAgent = "confemu/\(ConfemuVersion.string)"

        package init() {}
    }
}
