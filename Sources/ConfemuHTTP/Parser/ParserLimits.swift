/// The parser's limits (http.md §0). Constants of the binary; in-process tests may pass others.
package struct ParserLimits: Sendable {
    package var maxMethodBytes = 16
    package var maxTargetBytes = 8000
    package var maxHeaderSectionBytes = 32768
    package var maxHeaderLines = 100
    package var maxChunkSizeDigits = 16
    package var maxChunkLineBytes = 4096
    package var defaultBodyLimit = 1_048_576

    package init() {}
}

/// Chooses the body limit for a request from its head (lookup only, http.md 5.6). Returns nil to use
/// `ParserLimits.defaultBodyLimit`.
package typealias BodyLimitLookup = @Sendable (_ method: HTTPMethod, _ rawPath: String) -> Int?
