extension RequestParser {
    /// The checks once the head is complete, in the order of http.md 2.8: Host (4.6), body framing (§5 in
    /// its order, the body limit of 5.6 included), then Expect (§7). Yields `.head` and sets up the body.
    mutating func finishHead() throws(ParseError) -> ParserEvent {
        guard let requestLine else { throw .badRequestLine }
        let version = requestLine.version
        let isHTTP10 = version == .http10

        // http.md 4.6, RFC 9112 §3.2: duplicates (any version), missing (HTTP/1.1), grammar.
        let hosts = headers.all("Host")
        if hosts.count > 1 { throw .duplicateHost }
        if hosts.isEmpty, !isHTTP10 { throw .missingHost }
        if let host = hosts.first, !HostSyntax.isValid(host) { throw .invalidHost }

        // http.md 5.1-5.4
        let framing = try Self.framing(headers, isHTTP10: isHTTP10)

        // http.md 5.6: the route's limit, looked up from the head only.
        let limit = max(0, bodyLimit(requestLine.method, requestLine.target.rawPath) ?? limits.defaultBodyLimit)
        var tooLarge = false
        if case .length(let length) = framing, length > limit { tooLarge = true }

        // http.md 7.1-7.3: after every §5 check; a too-large body gets its answer at once, no 100.
        var expectsContinue = false
        if !isHTTP10, !tooLarge {
            let expectations = headers.all("Expect")
            if !expectations.isEmpty {
                let members = Self.listMembers(expectations)
                guard members == ["100-continue"] else { throw .expectationFailed }
                expectsContinue = true
            }
        }

        // http.md 8.1, RFC 9112 §9.3
        if isHTTP10 {
            keepAlive = headers.hasToken("keep-alive", in: "Connection") && !headers.hasToken("close", in: "Connection")
        } else {
            keepAlive = !headers.hasToken("close", in: "Connection")
        }

        let head = RequestHead(method: requestLine.method, version: version, rawTarget: requestLine.rawTarget,
                               rawPath: requestLine.target.rawPath, rawQuery: requestLine.target.rawQuery,
                               headers: headers,
                               // http.md 3.2, RFC 9112 §3.2.2: the absolute-form authority replaces Host.
                               authority: requestLine.target.authority ?? hosts.first)
        self.head = head
        bodyLimitBytes = limit
        switch framing {
        case .none:
            // http.md 5.5, RFC 9112 §6.3 rule 7: no body; what follows is the next request.
            phase = .fixedBody(remaining: 0)
        case .length(let length):
            if tooLarge {
                phase = .tooLarge
            } else {
                // Grows as bytes arrive: a large announced length reserves nothing up front.
                body.reserveCapacity(min(length, 65536))
                phase = .fixedBody(remaining: length)
            }
        case .chunked:
            phase = .chunkSizeLine
        }
        // http.md 7.2: only with content and only if no body byte has arrived yet.
        let hasContent = switch framing {
        case .none: false
        case .length(let length): length > 0
        case .chunked: true
        }
        pendingContinue = expectsContinue && hasContent && buffer.count == start
        return .head(head)
    }

    /// http.md 5.1-5.4 in order; the first failing rule answers.
    static func framing(_ headers: HTTPHeaders, isHTTP10: Bool) throws(ParseError) -> Framing {
        let transferEncodings = headers.all("Transfer-Encoding")
        let contentLengths = headers.all("Content-Length")
        // http.md 5.1, RFC 9112 §6.1
        if !transferEncodings.isEmpty, isHTTP10 { throw .teOnHTTP10 }
        // http.md 5.2, RFC 9112 §6.1, §6.3 rule 3, §11.2
        if !transferEncodings.isEmpty, !contentLengths.isEmpty { throw .teAndCL }
        // http.md 5.3, RFC 9112 §6.3 rule 5: no exception for identical values.
        if contentLengths.count > 1 { throw .duplicateContentLength }
        if let value = contentLengths.first {
            guard let length = contentLength(value) else { throw .invalidContentLength }
            return .length(length)
        }
        guard !transferEncodings.isEmpty else { return .none }
        // http.md 5.4: join with ",", split on ",", trim OWS, lowercase.
        let codings = listMembers(transferEncodings)
        if codings == ["chunked"] { return .chunked }
        // RFC 9112 §6.3 rule 4: the final coding must be chunked.
        guard codings.last == "chunked" else { throw .badTransferEncoding }
        // RFC 9112 §6.1: chunked at most once.
        guard codings.filter({ $0 == "chunked" }).count == 1 else { throw .badTransferEncoding }
        // RFC 9112 §6.1: other codings before chunked are not implemented.
        throw .unsupportedTransferCoding
    }

    /// http.md 5.3: 1 to 18 ASCII digits after the OWS trim (values arrive trimmed), nothing else.
    static func contentLength(_ value: String) -> Int? {
        let digits = Array(value.utf8)
        guard (1...18).contains(digits.count), digits.allSatisfy(ByteClass.isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// The members of a comma-separated list spread over field lines: joined with ",", split on ",",
    /// trimmed of SP/HTAB, ASCII-lowercased. Empty members are kept (an empty value is one empty member).
    static func listMembers(_ values: [String]) -> [String] {
        Array(values.joined(separator: ",").utf8)
            .split(separator: 0x2C, omittingEmptySubsequences: false)
            .map { member in
                var slice = member[...]
                while let first = slice.first, ByteClass.isWhitespace(first) { slice = slice.dropFirst() }
                while let last = slice.last, ByteClass.isWhitespace(last) { slice = slice.dropLast() }
                return String(decoding: slice.map(ByteClass.lowercased), as: UTF8.self)
            }
    }
}
