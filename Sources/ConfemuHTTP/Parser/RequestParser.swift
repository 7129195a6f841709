// STUB: the interface the connection driver codes against. The parser helper replaces the body.

/// The HTTP/1.1 request parser: a synchronous value-type state machine over a byte buffer that owns
/// every limit and framing rule of http.md §2–§7 (http.md 1.1, 1.2).
///
/// Driver protocol: `append` whatever bytes arrived, then call `next()` until it returns `.needMore`
/// (or a request/error the driver must act on first). After `.complete` the driver runs the handler and
/// calls `next()` again only after the response is written (pipelining, 8.3). After `.tooLarge` or
/// `.error` the parser is finished and the connection closes.
package struct RequestParser: Sendable {
    package let limits: ParserLimits
    private let bodyLimit: BodyLimitLookup
    private var buffer: [UInt8] = []

    package init(limits: ParserLimits = ParserLimits(), bodyLimit: @escaping BodyLimitLookup = { _, _ in nil }) {
        self.limits = limits
        self.bodyLimit = bodyLimit
    }

    /// Adds received bytes.
    package mutating func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next event, consuming buffered bytes.
    package mutating func next() -> ParserEvent {
        .needMore
    }

    /// Bytes buffered but not yet consumed by an event (backpressure, 8.3: stop reading at 64 KiB).
    package var bufferedByteCount: Int { buffer.count }

    /// Whether at least one byte of the current request has been received (header deadline 9.1:
    /// 408 versus silent close; half-close 8.4).
    package var hasPartialRequest: Bool { !buffer.isEmpty }

    /// Whether the current request's head is complete and its body is being read (body deadline 9.2).
    package var isReadingBody: Bool { false }
}
