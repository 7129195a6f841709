extension RequestParser {
    /// Where the parser is in the current request.
    enum Phase: Sendable, Equatable {
        /// Before or inside the request line (leading empty lines included, 2.2).
        case requestLine
        /// Inside the header section (§4).
        case headerLines
        /// Reading a Content-Length body (5.3, 5.7); `remaining` bytes still to come.
        case fixedBody(remaining: Int)
        /// Reading a chunk-size line (6.1, 6.2).
        case chunkSizeLine
        /// Reading chunk-data (6.3).
        case chunkData(remaining: Int)
        /// Expecting the CRLF after chunk-data (6.3).
        case chunkDataEnd
        /// Reading the trailer section after the last chunk (6.4).
        case trailerLines
        /// The body is too large (5.6); the next call yields `.tooLarge`.
        case tooLarge
    }

    /// Part of a chunk-size line being read (6.1, 6.2).
    enum ChunkLinePart: Sendable, Equatable {
        case digits
        /// BWS after the digits; only `;` (or more whitespace) may follow.
        case whitespace
        /// From the `;` to the CRLF: ignored, but checked against 4.3.
        case extensions
    }

    /// Scan state of the line being read; offsets are relative to `start`.
    struct LineScan: Sendable {
        /// Bytes of the line examined so far, CR included.
        var scanned = 0
        /// A CR was seen and the next byte must be LF (2.1).
        var crSeen = false
        /// Offset of the line's CR: the length of its content.
        var contentEnd = 0
        // Request line (2.3).
        var firstSpace: Int?
        var secondSpace: Int?
        var spaces = 0
        // Field line (4.1, 4.3).
        var colon: Int?
        var valueFirst: Int?
        var valueEnd = 0
        // Chunk-size line (6.1, 6.2).
        var chunkPart = ChunkLinePart.digits
        var digits = 0
        var size: UInt64 = 0
    }

    /// The request line once it passed 2.3–2.7 and §3.
    struct ParsedRequestLine: Sendable {
        var method: HTTPMethod
        var version: HTTPVersion
        var rawTarget: String
        var target: RequestTarget
    }

    /// How the body is delimited (§5).
    enum Framing: Sendable, Equatable {
        case none
        case length(Int)
        case chunked
    }
}
