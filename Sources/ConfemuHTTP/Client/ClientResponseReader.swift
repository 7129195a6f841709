/// Parses an outbound response from bytes as they arrive (http.md 14.5): the head (at most 32 KiB),
/// interim 1xx heads skipped, the body framed by Content-Length, chunked or connection close, and only
/// its first 64 KiB kept. A pure value, tested without sockets.
struct ClientResponseReader {
    enum Progress: Equatable {
        case needMore
        case complete
        case failed(HTTPClientError)
    }

    private enum Phase {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
        case done
    }

    private let maxHeadBytes: Int
    private let maxBodyBytes: Int
    private let requestMethod: HTTPMethod
    private var buffer: [UInt8] = []
    private var position = 0
    // Where the pending search for a line end may resume, so a head trickling in byte by byte is not
    // rescanned from its start each time.
    private var searchFrom = 0
    private var phase = Phase.head
    private(set) var status = 0
    private(set) var reason = ""
    private(set) var headers = HTTPHeaders()
    private(set) var body: [UInt8] = []
    private(set) var bodyTruncated = false

    init(maxHeadBytes: Int, maxBodyBytes: Int, requestMethod: HTTPMethod) {
        self.maxHeadBytes = maxHeadBytes
        self.maxBodyBytes = maxBodyBytes
        self.requestMethod = requestMethod
    }

    var response: HTTPClientResponse {
        HTTPClientResponse(status: status, reason: reason, headers: headers, body: body, bodyTruncated: bodyTruncated)
    }

    mutating func append(_ bytes: some Collection<UInt8>) {
        if position > 0, position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            position = 0
            searchFrom = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Consumes what it can.
    mutating func process() -> Progress {
        while true {
            switch phase {
            case .done:
                return .complete
            case .head:
                guard let end = find(crlfcrlf, from: position) else {
                    return buffer.count - position > maxHeadBytes ? .failed(.badResponse) : .needMore
                }
                guard end + 4 - position <= maxHeadBytes else { return .failed(.badResponse) }
                let head = buffer[position..<end]
                position = end + 4
                if let failure = parseHead(head) { return .failed(failure) }
            case .fixedBody(let remaining):
                let available = min(remaining, buffer.count - position)
                guard available > 0 else { return .needMore }
                keep(buffer[position..<position + available])
                position += available
                phase = remaining - available == 0 ? .done : .fixedBody(remaining: remaining - available)
                // 14.5: the limit is reached and more follows: stop reading.
                if remaining - available > 0, body.count >= maxBodyBytes { bodyTruncated = true }
                if bodyTruncated { phase = .done }
            case .untilClose:
                keep(buffer[position...])
                position = buffer.count
                if bodyTruncated { phase = .done }
                return bodyTruncated ? .complete : .needMore
            case .chunkSize:
                guard let end = find(crlf, from: position) else {
                    return buffer.count - position > 4096 ? .failed(.badResponse) : .needMore
                }
                guard let size = Self.chunkSize(buffer[position..<end]) else { return .failed(.badResponse) }
                position = end + 2
                phase = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let available = min(remaining, buffer.count - position)
                guard available > 0 else { return .needMore }
                keep(buffer[position..<position + available])
                position += available
                phase = remaining - available == 0 ? .chunkDataEnd : .chunkData(remaining: remaining - available)
                if remaining - available > 0, body.count >= maxBodyBytes { bodyTruncated = true }
                if bodyTruncated { phase = .done }
            case .chunkDataEnd:
                guard buffer.count - position >= 2 else { return .needMore }
                guard buffer[position] == 0x0D, buffer[position + 1] == 0x0A else { return .failed(.badResponse) }
                position += 2
                phase = .chunkSize
            case .trailers:
                guard let end = find(crlf, from: position) else {
                    return buffer.count - position > maxHeadBytes ? .failed(.badResponse) : .needMore
                }
                let isEmptyLine = end == position
                position = end + 2
                if isEmptyLine { phase = .done }
            }
        }
    }

    /// The peer closed its side.
    mutating func endOfInput() -> Progress {
        switch phase {
        case .untilClose, .done:
            phase = .done
            return .complete
        default:
            // An empty reply or a body cut short cannot be trusted (14.5: anything unparsable).
            return .failed(.badResponse)
        }
    }

    /// Keeps body bytes up to the limit; beyond it, marks the body truncated (14.5).
    private mutating func keep(_ bytes: ArraySlice<UInt8>) {
        let room = maxBodyBytes - body.count
        if bytes.count > room {
            body.append(contentsOf: bytes.prefix(room))
            bodyTruncated = true
        } else {
            body.append(contentsOf: bytes)
        }
    }

    /// Parses a status line and fields; returns a failure or nil. 1xx heads are skipped (14.5).
    private mutating func parseHead(_ head: ArraySlice<UInt8>) -> HTTPClientError? {
        var lines = split(head)
        guard !lines.isEmpty else { return .badResponse }
        let statusLine = lines.removeFirst()
        // `HTTP/x.y SP 3DIGIT [SP reason]`.
        guard statusLine.count >= 12, statusLine.starts(with: Array("HTTP/".utf8)) else { return .badResponse }
        let base = statusLine.startIndex
        guard isDigit(statusLine[base + 5]), statusLine[base + 6] == UInt8(ascii: "."), isDigit(statusLine[base + 7]),
              statusLine[base + 8] == 0x20, isDigit(statusLine[base + 9]), isDigit(statusLine[base + 10]),
              isDigit(statusLine[base + 11]) else { return .badResponse }
        let code = statusLine[(base + 9)...(base + 11)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        let reasonBytes = statusLine.count > 12 ? statusLine[(base + 12)...] : []
        if let first = reasonBytes.first, first != 0x20 { return .badResponse }
        guard code >= 100 else { return .badResponse }

        var fields = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy(ResponseWriter.isTokenCharacter) else {
                return .badResponse
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            var value = line[(colon + 1)...]
            while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
            while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
            fields.add(name, String(decoding: value, as: UTF8.self))
        }

        if (100...199).contains(code) {
            // 14.5: interim responses are skipped; the next head follows.
            return nil
        }
        status = code
        reason = String(decoding: reasonBytes.dropFirst(), as: UTF8.self)
        headers = fields

        // RFC 9112 §6.3: HEAD, 204 and 304 have no body.
        if requestMethod == .HEAD || code == 204 || code == 304 {
            phase = .done
            return nil
        }
        let codings = fields.all("Transfer-Encoding").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: " \t").lowercased() }
        if !codings.isEmpty {
            // RFC 9112 §6.3 rule 4: chunked last, else read until close.
            phase = codings.last == "chunked" ? .chunkSize : .untilClose
            return nil
        }
        let lengths = fields.all("Content-Length").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingCharacters(in: " \t") }
        if let firstLength = lengths.first {
            guard lengths.allSatisfy({ $0 == firstLength }), (1...18).contains(firstLength.utf8.count),
                  firstLength.utf8.allSatisfy(isDigit), let length = Int(firstLength) else { return .badResponse }
            phase = length == 0 ? .done : .fixedBody(remaining: length)
            return nil
        }
        phase = .untilClose
        return nil
    }

    private func split(_ head: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        var index = head.startIndex
        while index < head.endIndex {
            if head[index] == 0x0D, index + 1 < head.endIndex, head[index + 1] == 0x0A {
                lines.append(head[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(head[start..<head.endIndex])
        return lines
    }

    /// 1 to 16 hex digits, optional extensions after `;` (ignored).
    private static func chunkSize(_ line: ArraySlice<UInt8>) -> Int? {
        var digits = line.prefix { $0 != UInt8(ascii: ";") }
        while let last = digits.last, last == 0x20 || last == 0x09 { digits = digits.dropLast() }
        guard (1...16).contains(digits.count) else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt64
            switch byte {
            case 0x30...0x39: digit = UInt64(byte - 0x30)
            case 0x41...0x46: digit = UInt64(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt64(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value > UInt64(Int.max) ? nil : Int(value)
    }

    private let crlf: [UInt8] = [0x0D, 0x0A]
    private let crlfcrlf: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]

    /// The index of `needle` at or after `start` (and after what earlier failed searches covered).
    private mutating func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = max(start, searchFrom)
        while index + needle.count <= buffer.count {
            if buffer[index] == needle[0], buffer[index..<index + needle.count].elementsEqual(needle) {
                searchFrom = 0
                return index
            }
            index += 1
        }
        searchFrom = max(start, buffer.count - needle.count + 1)
        return nil
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String { self[...].trimmingCharacters(in: set) }
}
