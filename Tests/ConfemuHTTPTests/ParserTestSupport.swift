import ConfemuHTTP

/// A comparable summary of one parser event (ParserEvent and HTTPRequest are not Equatable).
enum ParsedEvent: Equatable, Sendable, CustomStringConvertible {
    case head(method: String, rawTarget: String)
    case sendContinue
    case complete(ParsedRequest)
    case tooLarge(ParsedRequest)
    case error(status: Int, slug: String)

    init?(_ event: ParserEvent) {
        switch event {
        case .needMore: return nil
        case .head(let head): self = .head(method: head.method.rawValue, rawTarget: head.rawTarget)
        case .sendContinue: self = .sendContinue
        case .complete(let request): self = .complete(ParsedRequest(request))
        case .tooLarge(let request): self = .tooLarge(ParsedRequest(request))
        case .error(let status, let slug): self = .error(status: status, slug: slug)
        }
    }

    var isTerminal: Bool {
        switch self {
        case .tooLarge, .error: true
        default: false
        }
    }

    var request: ParsedRequest? {
        switch self {
        case .complete(let request), .tooLarge(let request): request
        default: nil
        }
    }

    var description: String {
        switch self {
        case .head(let method, let target): "head(\(method) \(target.prefix(60)))"
        case .sendContinue: "sendContinue"
        case .complete(let request): "complete(\(request))"
        case .tooLarge(let request): "tooLarge(\(request))"
        case .error(let status, let slug): "error(\(status) \(slug))"
        }
    }
}

/// Every field of an HTTPRequest the parser sets, in comparable form.
struct ParsedRequest: Equatable, Sendable, CustomStringConvertible {
    var method: HTTPMethod
    var version: HTTPVersion
    var rawTarget: String
    var rawPath: String
    var rawQuery: String?
    var pathSegments: [String]
    var query: [[String]]
    var headers: [[String]]
    var body: [UInt8]
    var authority: String?
    var bodyTooLarge: Bool
    var keepAlive: Bool

    init(_ request: HTTPRequest) {
        method = request.method
        version = request.version
        rawTarget = request.rawTarget
        rawPath = request.rawPath
        rawQuery = request.rawQuery
        pathSegments = request.pathSegments
        query = request.query.pairs.map { [$0.name, $0.value] }
        headers = request.headers.fields.map { [$0.name, $0.value] }
        body = request.body
        authority = request.authority
        bodyTooLarge = request.bodyTooLarge
        keepAlive = request.keepAlive
    }

    var description: String {
        "\(method.rawValue) \(rawTarget.prefix(60)) v1.\(version.minor) body=\(body.count) keepAlive=\(keepAlive)"
    }
}

/// Drives a parser the way the connection driver does: append each piece, then call `next()` until
/// `.needMore`; stops at a terminal event.
struct ParserHarness {
    var parser: RequestParser
    var events: [ParsedEvent] = []
    var stopped = false

    init(limits: ParserLimits = ParserLimits(), bodyLimit: @escaping BodyLimitLookup = testBodyLimit) {
        parser = RequestParser(limits: limits, bodyLimit: bodyLimit)
    }

    mutating func feed(_ bytes: some Collection<UInt8>) {
        guard !stopped else { return }
        parser.append(bytes)
        drain()
    }

    mutating func drain() {
        // A bound instead of `while true`, so a parser bug fails the test instead of hanging it.
        for _ in 0..<100_000 {
            guard let event = ParsedEvent(parser.next()) else { return }
            events.append(event)
            if event.isTerminal {
                stopped = true
                return
            }
        }
        events.append(.error(status: -1, slug: "harness: next() never returned needMore"))
        stopped = true
    }

    static func events(_ pieces: [ArraySlice<UInt8>], limits: ParserLimits = ParserLimits(),
                       bodyLimit: @escaping BodyLimitLookup = testBodyLimit) -> [ParsedEvent] {
        var harness = ParserHarness(limits: limits, bodyLimit: bodyLimit)
        for piece in pieces { harness.feed(piece) }
        return harness.events
    }

    static func events(_ bytes: [UInt8], limits: ParserLimits = ParserLimits(),
                       bodyLimit: @escaping BodyLimitLookup = testBodyLimit) -> [ParsedEvent] {
        events([bytes[...]], limits: limits, bodyLimit: bodyLimit)
    }

    /// The input fed one byte per `append`.
    static func eventsByteByByte(_ bytes: [UInt8], limits: ParserLimits = ParserLimits(),
                                 bodyLimit: @escaping BodyLimitLookup = testBodyLimit) -> [ParsedEvent] {
        var harness = ParserHarness(limits: limits, bodyLimit: bodyLimit)
        for index in bytes.indices where !harness.stopped { harness.feed(bytes[index...index]) }
        return harness.events
    }
}

/// The body limits the tests use (http.md §0, 5.6): 16 MiB under `/_confemu/`, 1 MiB for ProCONF's
/// `/session`, the default (1 MiB) elsewhere; `/tiny` gets 10 bytes for boundary tests.
let testBodyLimit: BodyLimitLookup = { _, rawPath in
    if rawPath.hasPrefix("/_confemu/") { return 16_777_216 }
    if rawPath == "/session" { return 1_048_576 }
    if rawPath == "/tiny" { return 10 }
    return nil
}

/// The split-dependent event of 7.2 removed, for comparing runs with different splits.
func withoutContinue(_ events: [ParsedEvent]) -> [ParsedEvent] {
    events.filter { $0 != .sendContinue }
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Notation of http.md §15.
enum Notation {
    static let host = "Host: confemu.test:8080\r\n"
    static let cnt = "/_confemu/namespaces/default/requests/count"
    static let json = "Content-Type: application/json\r\n"
    static let hc = "GET /_confemu/health HTTP/1.1\r\n\(host)\r\n"

    /// `HC` with `extra` field lines added after `{H}`.
    static func hc(adding extra: String) -> String {
        "GET /_confemu/health HTTP/1.1\r\n\(host)\(extra)\r\n"
    }

    /// `POST CNT` + `J` + `extra` field lines, then `body`.
    static func postCNT(_ extra: String, body: String = "", version: String = "HTTP/1.1", path: String = cnt)
        -> String {
        "POST \(path) \(version)\r\n\(host)\(json)\(extra)\r\n\(body)"
    }

    /// A chunked `POST CNT` whose body is `chunks` exactly as given.
    static func chunked(_ chunks: String, path: String = cnt) -> String {
        postCNT("Transfer-Encoding: chunked\r\n", body: chunks, path: path)
    }
}
