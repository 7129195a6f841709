/// The HTTP/1.1 request parser: a synchronous value-type state machine over a byte buffer that owns
/// every limit and framing rule of http.md §2–§7 (http.md 1.1, 1.2).
///
/// Driver protocol: `append` whatever bytes arrived, then call `next()` until it returns `.needMore`
/// (or a request/error the driver must act on first). After `.complete` the driver runs the handler and
/// calls `next()` again only after the response is written (pipelining, 8.3). After `.tooLarge` or
/// `.error` the parser is finished and the connection closes.
///
/// Events of one request, in order: `.head` once the head passed every check of 4.6, §5 and §7; then
/// `.sendContinue` at most once (7.2); then exactly one of `.complete`, `.tooLarge` or `.error`. An error
/// found before the head is valid comes without `.head`. After `.error` or `.tooLarge` (and after input
/// ended, see `finishInput()`), `next()` returns `.needMore` forever, `isFinished` is true and appended
/// bytes are dropped.
///
/// Every byte is examined exactly once, in order, so the events do not depend on how the input was split
/// (1.2). The one exception is the spec's own: `.sendContinue` is only produced when no body byte was
/// buffered at the moment the head completed (7.2).
package struct RequestParser: Sendable {
    package let limits: ParserLimits
    let bodyLimit: BodyLimitLookup

    // The buffer holds unconsumed bytes from `start`; bytes before `start` are dropped when compacting.
    var buffer: [UInt8] = []
    var start = 0
    // Scan state of the line being read (request line, field line, chunk-size line), offsets relative to
    // `start`, so compaction never has to adjust them.
    var line = LineScan()
    var phase = Phase.requestLine
    var finished = false
    var inputEnded = false
    var pendingContinue = false
    // http.md 2.2: empty lines skipped before the request line still count as received bytes.
    var skippedEmptyLine = false

    // The request being parsed.
    var requestLine: ParsedRequestLine?
    var headers = HTTPHeaders()
    var head: RequestHead?
    var keepAlive = true
    // http.md 4.4, 6.4: shared by the head and the trailers.
    var fieldBytes = 0
    var fieldLines = 0
    var body: [UInt8] = []
    var bodyLimitBytes = 0
    var chunkedTotal: UInt64 = 0

    package init(limits: ParserLimits = ParserLimits(), bodyLimit: @escaping BodyLimitLookup = { _, _ in nil }) {
        self.limits = limits
        self.bodyLimit = bodyLimit
    }

    /// Adds received bytes. Ignored once the parser is finished or input ended.
    package mutating func append(_ bytes: some Collection<UInt8>) {
        guard !finished, !inputEnded else { return }
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// The peer closed its sending side (half-close, http.md 8.4). Buffered complete requests are still
    /// produced by `next()`; when nothing more can be produced, `next()` returns `.needMore` and
    /// `isFinished` becomes true. `hasPartialRequest` then tells whether the EOF cut a request in the
    /// middle (close silently) or came between requests.
    package mutating func finishInput() {
        inputEnded = true
    }

    /// The next event, consuming buffered bytes.
    package mutating func next() -> ParserEvent {
        guard !finished else { return .needMore }
        if pendingContinue {
            pendingContinue = false
            return .sendContinue
        }
        do throws(ParseError) {
            if let event = try advance() { return event }
            if inputEnded { finished = true }
            return .needMore
        } catch {
            finish()
            return error.event
        }
    }

    /// Bytes buffered but not yet consumed by an event (backpressure, 8.3: stop reading at 64 KiB). Bytes
    /// of a line still being read count as buffered.
    package var bufferedByteCount: Int { buffer.count - start }

    /// Whether at least one byte of the current request has been received, skipped empty lines of 2.2
    /// included (header deadline 9.1: 408 versus silent close; half-close 8.4).
    package var hasPartialRequest: Bool {
        buffer.count > start || phase != .requestLine || skippedEmptyLine
    }

    /// Whether the current request's head is complete and its body is being read (body deadline 9.2).
    package var isReadingBody: Bool {
        switch phase {
        case .requestLine, .headerLines: false
        case .fixedBody, .chunkSizeLine, .chunkData, .chunkDataEnd, .trailerLines, .tooLarge: true
        }
    }

    /// True after `.error` or `.tooLarge`, and after input ended (`finishInput()`) once every buffered
    /// request was produced: `next()` only returns `.needMore` from then on.
    package var isFinished: Bool { finished }

    // MARK: - The state machine

    /// Runs the phases until one yields an event; nil when more bytes are needed.
    mutating func advance() throws(ParseError) -> ParserEvent? {
        while true {
            switch phase {
            case .requestLine:
                guard try scanRequestLine() else { return nil }
            case .headerLines:
                guard try scanFieldLines(trailers: false) else { return nil }
                return try finishHead()
            case .fixedBody(let remaining):
                if remaining > 0 {
                    let count = min(remaining, buffer.count - start)
                    guard count > 0 else { return nil }
                    body.append(contentsOf: buffer[start..<(start + count)])
                    start += count
                    phase = .fixedBody(remaining: remaining - count)
                    guard remaining == count else { return nil }
                }
                return completeRequest()
            case .chunkSizeLine:
                guard try scanChunkSizeLine() else { return nil }
            case .chunkData(let remaining):
                let count = min(remaining, buffer.count - start)
                guard count > 0 else { return nil }
                body.append(contentsOf: buffer[start..<(start + count)])
                start += count
                phase = remaining == count ? .chunkDataEnd : .chunkData(remaining: remaining - count)
            case .chunkDataEnd:
                guard try scanChunkDataEnd() else { return nil }
            case .trailerLines:
                guard try scanFieldLines(trailers: true) else { return nil }
                return completeRequest()
            case .tooLarge:
                return tooLargeRequest()
            }
        }
    }

    /// `.complete` with the buffered body; the parser then starts on the next request (8.3).
    mutating func completeRequest() -> ParserEvent {
        let request = makeRequest(body: body, tooLarge: false)
        resetRequest()
        return .complete(request)
    }

    /// `.tooLarge` (5.6): empty body, `bodyTooLarge` set, `keepAlive` false because the connection must
    /// close after the answer; the parser is finished.
    mutating func tooLargeRequest() -> ParserEvent {
        let request = makeRequest(body: [], tooLarge: true)
        finish()
        return .tooLarge(request)
    }

    func makeRequest(body: [UInt8], tooLarge: Bool) -> HTTPRequest {
        let head = head ?? RequestHead(method: .GET, version: .http11, rawTarget: "/", rawPath: "/",
                                       rawQuery: nil, headers: HTTPHeaders(), authority: nil)
        return HTTPRequest(method: head.method, version: head.version, rawTarget: head.rawTarget,
                           rawPath: head.rawPath, rawQuery: head.rawQuery,
                           pathSegments: RequestTarget.pathSegments(of: head.rawPath),
                           query: QueryParameters(decoding: head.rawQuery), headers: head.headers, body: body,
                           authority: head.authority, bodyTooLarge: tooLarge, keepAlive: tooLarge ? false : keepAlive)
    }

    mutating func resetRequest() {
        line = LineScan()
        phase = .requestLine
        pendingContinue = false
        skippedEmptyLine = false
        requestLine = nil
        headers = HTTPHeaders()
        head = nil
        keepAlive = true
        fieldBytes = 0
        fieldLines = 0
        body = []
        bodyLimitBytes = 0
        chunkedTotal = 0
    }

    /// Terminal state after `.error` or `.tooLarge`: nothing more is read (http.md §17: every parser error
    /// closes).
    mutating func finish() {
        resetRequest()
        finished = true
        buffer = []
        start = 0
    }

    /// Drops consumed bytes: all of them when everything was consumed, else once they are at least
    /// 4 KiB and half the buffer, so the copying stays linear in the bytes received.
    mutating func compact() {
        guard start > 0 else { return }
        if start >= buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 65536)
            start = 0
        } else if start >= 4096, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }
}
