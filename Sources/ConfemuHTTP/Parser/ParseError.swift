/// A parser error: the status and slug of the HTTP-layer response (http.md 11.7). Every one closes the
/// connection (http.md §17).
struct ParseError: Error, Equatable, Sendable {
    let status: Int
    let slug: String

    // http.md 2.1
    static let badLineEnding = ParseError(status: 400, slug: "bad-line-ending")
    // http.md 2.3, 2.5
    static let badRequestLine = ParseError(status: 400, slug: "bad-request-line")
    // http.md 2.4
    static let invalidCharacter = ParseError(status: 400, slug: "invalid-character")
    // http.md 2.5, RFC 9112 §3, RFC 9110 §15.6.2
    static let methodNotImplemented = ParseError(status: 501, slug: "method-not-implemented")
    // http.md 2.6, RFC 9110 §15.5.15
    static let uriTooLong = ParseError(status: 414, slug: "uri-too-long")
    // http.md 2.7
    static let badVersion = ParseError(status: 400, slug: "bad-version")
    static let versionNotSupported = ParseError(status: 505, slug: "version-not-supported")
    // http.md §3
    static let badTarget = ParseError(status: 400, slug: "bad-target")
    // http.md 4.1-4.3
    static let badHeader = ParseError(status: 400, slug: "bad-header")
    static let obsFold = ParseError(status: 400, slug: "obs-fold")
    static let invalidHeaderValue = ParseError(status: 400, slug: "invalid-header-value")
    // http.md 4.4, RFC 6585 §5
    static let headersTooLarge = ParseError(status: 431, slug: "headers-too-large")
    static let tooManyHeaders = ParseError(status: 431, slug: "too-many-headers")
    // http.md 4.6
    static let missingHost = ParseError(status: 400, slug: "missing-host")
    static let duplicateHost = ParseError(status: 400, slug: "duplicate-host")
    static let invalidHost = ParseError(status: 400, slug: "invalid-host")
    // http.md 5.1-5.4
    static let teOnHTTP10 = ParseError(status: 400, slug: "te-on-http10")
    static let teAndCL = ParseError(status: 400, slug: "te-and-cl")
    static let duplicateContentLength = ParseError(status: 400, slug: "duplicate-content-length")
    static let invalidContentLength = ParseError(status: 400, slug: "invalid-content-length")
    static let badTransferEncoding = ParseError(status: 400, slug: "bad-transfer-encoding")
    static let unsupportedTransferCoding = ParseError(status: 501, slug: "unsupported-transfer-coding")
    // http.md 6.1-6.4
    static let badChunkSize = ParseError(status: 400, slug: "bad-chunk-size")
    static let chunkExtensionTooLong = ParseError(status: 400, slug: "chunk-extension-too-long")
    static let badChunkTerminator = ParseError(status: 400, slug: "bad-chunk-terminator")
    static let trailersTooLarge = ParseError(status: 431, slug: "trailers-too-large")
    // http.md 7.3, RFC 9110 §15.5.18
    static let expectationFailed = ParseError(status: 417, slug: "expectation-failed")

    var event: ParserEvent { .error(status: status, slug: slug) }
}
