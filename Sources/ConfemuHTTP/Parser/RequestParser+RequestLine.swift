extension RequestParser {
    /// Bytes allowed after the second SP of a request line (the version is 8 bytes). The spec sets no
    /// number; this bounds the line so a peer cannot grow the buffer without end. Past it the line can only
    /// be malformed: 400 `bad-request-line`.
    static let maxVersionPartBytes = 1024

    /// Reads the request line byte by byte; true once it is complete and valid (phase moves on).
    mutating func scanRequestLine() throws(ParseError) -> Bool {
        while start + line.scanned < buffer.count {
            if line.firstSpace != nil, !line.crSeen { skipVisibleRun() }
            guard start + line.scanned < buffer.count else { break }
            let byte = buffer[start + line.scanned]
            let offset = line.scanned
            line.scanned += 1
            // http.md 2.1: CR must be followed by LF, LF must follow CR.
            if line.crSeen {
                guard byte == ByteClass.lf else { throw .badLineEnding }
                guard line.contentEnd > 0 else {
                    // http.md 2.2, RFC 9112 §2.2: an empty line where a request-line is expected is skipped.
                    start += line.scanned
                    line = LineScan()
                    skippedEmptyLine = true
                    continue
                }
                try endRequestLine()
                return true
            }
            if byte == ByteClass.lf { throw .badLineEnding }
            if byte == ByteClass.cr {
                line.crSeen = true
                line.contentEnd = offset
                continue
            }
            // http.md 2.4: CTLs, DEL and non-ASCII (TLS handshakes, binary garbage).
            guard ByteClass.isRequestLineByte(byte) else { throw .invalidCharacter }
            if byte == ByteClass.sp {
                line.spaces += 1
                if line.firstSpace == nil {
                    line.firstSpace = offset
                } else if line.secondSpace == nil {
                    line.secondSpace = offset
                }
            }
            // http.md 2.8: the limits while bytes arrive, method first, then target.
            if let first = line.firstSpace {
                if let second = line.secondSpace {
                    if offset - second > Self.maxVersionPartBytes { throw .badRequestLine }
                } else if offset - first > limits.maxTargetBytes {
                    // http.md 2.6, RFC 9112 §3: byte 8001 of the target.
                    throw .uriTooLong
                }
            } else if offset >= limits.maxMethodBytes {
                // http.md 2.5, RFC 9112 §3: byte 17 before the first SP.
                throw .methodNotImplemented
            }
        }
        return false
    }

    /// Consumes a run of visible ASCII bytes (no SP) of the target or version part in one tight loop, up
    /// to the part's limit; the byte-by-byte path handles everything else. Same result, fewer steps.
    mutating func skipVisibleRun() {
        guard let first = line.firstSpace else { return }
        let lastAllowed = line.secondSpace.map { $0 + Self.maxVersionPartBytes } ?? first + limits.maxTargetBytes
        let runStart = start + line.scanned
        let end = min(buffer.count, start + lastAllowed + 1)
        var index = runStart
        while index < end {
            let byte = buffer[index]
            guard byte > 0x20, byte < 0x7F else { break }
            index += 1
        }
        line.scanned += max(0, index - runStart)
    }

    /// The checks at the end of the request line, in the order of http.md 2.8: shape (2.3 with the tchar
    /// check of 2.5), version (2.7), supported method (2.5), target form (§3).
    mutating func endRequestLine() throws(ParseError) {
        let base = start
        guard line.spaces == 2, let first = line.firstSpace, let second = line.secondSpace,
              first > 0, second > first + 1, line.contentEnd > second + 1 else { throw .badRequestLine }
        let methodBytes = buffer[base..<(base + first)]
        guard methodBytes.allSatisfy(ByteClass.isTchar) else { throw .badRequestLine }
        let targetBytes = buffer[(base + first + 1)..<(base + second)]
        let version = try Self.parseVersion(buffer[(base + second + 1)..<(base + line.contentEnd)])
        // http.md 2.5, RFC 9110 §9.1: case-sensitive.
        guard let method = HTTPMethod(rawValue: String(decoding: methodBytes, as: UTF8.self)) else {
            throw .methodNotImplemented
        }
        guard let target = RequestTarget(targetBytes) else { throw .badTarget }
        // http.md 3.3: `*` only with OPTIONS.
        if target.form == .asterisk, method != .OPTIONS { throw .badTarget }
        requestLine = ParsedRequestLine(method: method, version: version,
                                        rawTarget: String(decoding: targetBytes, as: UTF8.self), target: target)
        start += line.scanned
        line = LineScan()
        phase = .headerLines
    }

    /// http.md 2.7, RFC 9112 §2.3: exactly `HTTP/` DIGIT `.` DIGIT; a major other than 1 is 505; 1.x with
    /// x ≥ 2 is handled, and reported, as HTTP/1.1 (RFC 9110 §2.5).
    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> HTTPVersion {
        let text = Array(bytes)
        guard text.count == 8, text[0..<5].elementsEqual("HTTP/".utf8), ByteClass.isDigit(text[5]),
              text[6] == 0x2E, ByteClass.isDigit(text[7]) else { throw .badVersion }
        guard text[5] == 0x31 else { throw .versionNotSupported }
        return text[7] == 0x30 ? .http10 : .http11
    }
}
