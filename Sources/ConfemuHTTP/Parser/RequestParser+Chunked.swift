extension RequestParser {
    /// Reads a chunk-size line byte by byte (http.md 6.1, 6.2); true once it is complete and the phase
    /// moved on (chunk-data, trailers, or too large). For each byte: line endings (2.1), the size grammar,
    /// then the 4096-byte line limit.
    mutating func scanChunkSizeLine() throws(ParseError) -> Bool {
        // http.md 6.1: at most 16 digits, so the value always fits a UInt64.
        let maxDigits = min(limits.maxChunkSizeDigits, 16)
        while start + line.scanned < buffer.count {
            if line.chunkPart == .extensions, !line.crSeen { skipExtensionRun() }
            guard start + line.scanned < buffer.count else { break }
            let byte = buffer[start + line.scanned]
            let offset = line.scanned
            line.scanned += 1
            if line.crSeen {
                guard byte == ByteClass.lf else { throw .badLineEnding }
                // http.md 6.1, 6.2: no digit at all, or whitespace after the digits without a ";".
                guard line.digits > 0, line.chunkPart != .whitespace else { throw .badChunkSize }
                let size = line.size
                start += line.scanned
                line = LineScan()
                endChunkSizeLine(size: size)
                return true
            }
            if byte == ByteClass.lf { throw .badLineEnding }
            if byte == ByteClass.cr {
                line.crSeen = true
                continue
            }
            switch line.chunkPart {
            case .digits:
                if let value = ByteClass.hexValue(byte) {
                    // http.md 6.1, RFC 9112 §7.1: the 17th digit, as soon as seen.
                    line.digits += 1
                    if line.digits > maxDigits { throw .badChunkSize }
                    line.size = line.size << 4 | UInt64(value)
                } else if line.digits > 0, ByteClass.isWhitespace(byte) {
                    line.chunkPart = .whitespace
                } else if line.digits > 0, byte == ByteClass.semicolon {
                    line.chunkPart = .extensions
                } else {
                    // A sign, "0x", any other byte, or no digit before the whitespace or ";".
                    throw .badChunkSize
                }
            case .whitespace:
                // http.md 6.2, RFC 9112 §7.1.1: BWS before ";".
                if byte == ByteClass.semicolon {
                    line.chunkPart = .extensions
                } else if !ByteClass.isWhitespace(byte) {
                    throw .badChunkSize
                }
            case .extensions:
                // http.md 6.2: extension bytes follow 4.3; they are ignored.
                guard ByteClass.isFieldValueByte(byte) else { throw .badChunkSize }
            }
            // http.md 6.2, RFC 9112 §7.1.1: byte 4097 of the line, CRLF excluded.
            if offset >= limits.maxChunkLineBytes { throw .chunkExtensionTooLong }
        }
        return false
    }

    /// Consumes a run of extension bytes allowed by 4.3 (CR excluded) in one tight loop, within the line
    /// limit; the byte-by-byte path handles everything else. Same result, fewer steps.
    mutating func skipExtensionRun() {
        let runStart = start + line.scanned
        let end = min(buffer.count, start + limits.maxChunkLineBytes)
        var index = runStart
        while index < end {
            let byte = buffer[index]
            guard byte == ByteClass.htab || (byte >= 0x20 && byte != 0x7F) else { break }
            index += 1
        }
        line.scanned += max(0, index - runStart)
    }

    /// After a size line: the last chunk leads to the trailers (6.4); otherwise the body limit of 5.6
    /// applies to the running total plus the announced size before any of the chunk is read.
    mutating func endChunkSizeLine(size: UInt64) {
        guard size > 0 else {
            phase = .trailerLines
            return
        }
        let room = UInt64(max(0, bodyLimitBytes)) - min(chunkedTotal, UInt64(max(0, bodyLimitBytes)))
        guard size <= room else {
            phase = .tooLarge
            return
        }
        chunkedTotal += size
        phase = .chunkData(remaining: Int(clamping: size))
    }

    /// http.md 6.3: exactly CRLF after the chunk-data; true once read.
    mutating func scanChunkDataEnd() throws(ParseError) -> Bool {
        while start + line.scanned < buffer.count {
            let byte = buffer[start + line.scanned]
            let offset = line.scanned
            line.scanned += 1
            guard byte == (offset == 0 ? ByteClass.cr : ByteClass.lf) else { throw .badChunkTerminator }
            if offset == 1 {
                start += line.scanned
                line = LineScan()
                phase = .chunkSizeLine
                return true
            }
        }
        return false
    }
}
