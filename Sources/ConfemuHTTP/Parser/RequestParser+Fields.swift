extension RequestParser {
    /// Reads field lines byte by byte (the header section, or the trailer section after the last chunk);
    /// true once the empty line ends the section. For each byte, in order: line endings (2.1), the
    /// grammar of 4.1–4.3, then the budget of 4.4 (lines when a field line starts, then bytes). Head and
    /// trailers share one budget (6.4); trailer fields are checked and then discarded.
    mutating func scanFieldLines(trailers: Bool) throws(ParseError) -> Bool {
        while start + line.scanned < buffer.count {
            if line.colon != nil, !line.crSeen { skipValueRun(trailers: trailers) }
            guard start + line.scanned < buffer.count else { break }
            let byte = buffer[start + line.scanned]
            let offset = line.scanned
            line.scanned += 1
            if line.crSeen {
                // http.md 2.1
                guard byte == ByteClass.lf else { throw .badLineEnding }
                // http.md 4.1: a line without a colon.
                if line.contentEnd > 0, line.colon == nil { throw .badHeader }
                try countFieldByte(trailers: trailers)
                let isEmptyLine = line.contentEnd == 0
                if !isEmptyLine, !trailers { appendField() }
                start += line.scanned
                line = LineScan()
                if isEmptyLine { return true }
                continue
            }
            if byte == ByteClass.lf { throw .badLineEnding }
            if byte == ByteClass.cr {
                line.crSeen = true
                line.contentEnd = offset
            } else if offset == 0 {
                // http.md 4.2, RFC 9112 §5.2, §2.2: obs-fold, or whitespace before the first field line.
                if ByteClass.isWhitespace(byte) { throw .obsFold }
                // http.md 4.1: the name is 1 or more tchar (a leading ":" is an empty name).
                guard ByteClass.isTchar(byte) else { throw .badHeader }
                // http.md 4.4, 6.4: field line 101.
                fieldLines += 1
                if fieldLines > limits.maxHeaderLines { throw trailers ? .trailersTooLarge : .tooManyHeaders }
            } else if line.colon == nil {
                // http.md 4.1, RFC 9112 §5.1: tchar up to the colon; whitespace before it is a 400.
                if byte == ByteClass.colon {
                    line.colon = offset
                } else if !ByteClass.isTchar(byte) {
                    throw .badHeader
                }
            } else {
                // http.md 4.3, RFC 9110 §5.5
                guard ByteClass.isFieldValueByte(byte) else { throw .invalidHeaderValue }
                if !ByteClass.isWhitespace(byte) {
                    if line.valueFirst == nil { line.valueFirst = offset }
                    line.valueEnd = offset + 1
                }
            }
            try countFieldByte(trailers: trailers)
        }
        return false
    }

    /// Consumes a run of visible value bytes (VCHAR, obs-text) in one tight loop, as far as the byte
    /// budget allows; the byte-by-byte path handles everything else. Same result, fewer steps.
    mutating func skipValueRun(trailers: Bool) {
        let first = start + line.scanned
        let end = min(buffer.count, first + max(0, limits.maxHeaderSectionBytes - fieldBytes))
        var index = first
        while index < end {
            let byte = buffer[index]
            guard byte > 0x20, byte != 0x7F else { break }
            index += 1
        }
        let run = index - first
        guard run > 0 else { return }
        if line.valueFirst == nil { line.valueFirst = line.scanned }
        line.scanned += run
        line.valueEnd = line.scanned
        fieldBytes += run
    }

    /// http.md 4.4, 6.4: byte 32769 of the head and trailers together.
    mutating func countFieldByte(trailers: Bool) throws(ParseError) {
        fieldBytes += 1
        if fieldBytes > limits.maxHeaderSectionBytes { throw trailers ? .trailersTooLarge : .headersTooLarge }
    }

    /// Adds the complete field line at `start` to the head's fields: original case, received order,
    /// value trimmed of SP/HTAB (4.3, 4.5).
    mutating func appendField() {
        guard let colon = line.colon else { return }
        let name = String(decoding: buffer[start..<(start + colon)], as: UTF8.self)
        let value: String
        if let first = line.valueFirst, line.valueEnd > first {
            value = Self.fieldText(buffer[(start + first)..<(start + line.valueEnd)])
        } else {
            value = ""
        }
        headers.add(name, value)
    }

    /// http.md 4.3: UTF-8 when valid, otherwise each byte as the ISO-8859-1 character of that code.
    static func fieldText(_ bytes: ArraySlice<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var text = ""
        text.unicodeScalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return text
    }
}
