/// A strict RFC 8259 parser from bytes to `JSONValue`.
///
/// Decisions (README "Decisions"):
/// - Input must be UTF-8; an ill-formed sequence is `invalidUTF8` at its first byte. No BOM is skipped
///   (`JSON.parse` does not skip one either).
/// - Only the four RFC whitespace bytes; no comments, no trailing commas, no leading `+`, no `.5`, no `NaN`.
/// - A duplicated key keeps the last value at the position of its first occurrence (`JSON.parse`, PHP).
/// - A `\u` escape of a lone surrogate becomes U+FFFD by default (JavaScript accepts it, but a Swift `String`
///   cannot hold one); `loneSurrogates: .reject` makes it an error instead.
/// - Integers that fit Int64 stay exact; other numbers are Doubles (one beyond Double's range is ±infinity,
///   like `JSON.parse`; the standard writer prints that as `null`).
/// - Arrays and objects may nest `maxDepth` (512) deep; the parser is iterative, so even far deeper input
///   fails cleanly instead of overflowing the stack.
/// - Errors stop where V8's parser stops, with the same classification (see `JSONParseError`).
package struct JSONParser: Sendable {
    package enum LoneSurrogatePolicy: Sendable {
        case replace
        case reject
    }

    package struct Options: Sendable {
        package var maxDepth: Int
        package var loneSurrogates: LoneSurrogatePolicy

        package init(maxDepth: Int = JSONParser.defaultMaxDepth, loneSurrogates: LoneSurrogatePolicy = .replace) {
            self.maxDepth = maxDepth
            self.loneSurrogates = loneSurrogates
        }
    }

    package static let defaultMaxDepth = 512

    package var options: Options

    package init(options: Options = Options()) { self.options = options }

    package func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var run = Run(bytes: bytes, options: options)
        return try run.document()
    }

    package func parse(_ bytes: some Sequence<UInt8>) throws(JSONParseError) -> JSONValue {
        try parse(Array(bytes))
    }

    package func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

extension JSONValue {
    /// Parses a JSON text with the default options.
    package init(parsing bytes: [UInt8]) throws(JSONParseError) {
        self = try JSONParser().parse(bytes)
    }

    package init(parsing text: String) throws(JSONParseError) {
        self = try JSONParser().parse(text)
    }
}

// MARK: - The parse itself

private enum Byte {
    static let tab: UInt8 = 0x09, newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D, space: UInt8 = 0x20
    static let quote: UInt8 = 0x22, plus: UInt8 = 0x2B, comma: UInt8 = 0x2C, minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E, slash: UInt8 = 0x2F, zero: UInt8 = 0x30, nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A, upperE: UInt8 = 0x45, leftBracket: UInt8 = 0x5B, backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D, lowerB: UInt8 = 0x62, lowerE: UInt8 = 0x65, lowerF: UInt8 = 0x66
    static let lowerN: UInt8 = 0x6E, lowerR: UInt8 = 0x72, lowerT: UInt8 = 0x74, lowerU: UInt8 = 0x75
    static let leftBrace: UInt8 = 0x7B, rightBrace: UInt8 = 0x7D

    static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x37)
        case 0x61...0x66: UInt32(byte - 0x57)
        default: nil
        }
    }
}

private let trueBytes: [UInt8] = Array("true".utf8)
private let falseBytes: [UInt8] = Array("false".utf8)
private let nullBytes: [UInt8] = Array("null".utf8)

extension JSONParser {
    /// One parse: the shape of V8's `JsonParser::ParseJsonValue`, with explicit stacks instead of recursion.
    /// Finished elements and members wait on flat stacks and are sliced off when their container closes.
    private struct Run {
        enum Frame {
            case array(start: Int)
            case object(start: Int)
        }

        let bytes: [UInt8]
        let options: Options
        var position = 0
        var frames: [Frame] = []
        var elements: [JSONValue] = []
        var members: [JSONMember] = []
        var scratch: [UInt8] = []

        init(bytes: [UInt8], options: Options) {
            self.bytes = bytes
            self.options = options
        }

        mutating func document() throws(JSONParseError) -> JSONValue {
            let value = try parseValue()
            skipWhitespace()
            if position < bytes.count { throw unexpected(at: position) }
            return value
        }

        private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        private mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case Byte.space, Byte.tab, Byte.newline, Byte.carriageReturn: position += 1
                default: return
                }
            }
        }

        private mutating func parseValue() throws(JSONParseError) -> JSONValue {
            var value = JSONValue.null
            while true {
                // Produce a value; opening a non-empty container loops to produce its first element.
                produce: while true {
                    skipWhitespace()
                    guard let byte = peek() else { throw unexpected(at: position) }
                    switch byte {
                    case Byte.quote:
                        value = .string(try parseString())
                        break produce
                    case Byte.minus, Byte.zero...Byte.nine:
                        value = .number(try parseNumber())
                        break produce
                    case Byte.leftBrace:
                        try checkDepth()
                        position += 1
                        skipWhitespace()
                        if peek() == Byte.rightBrace {
                            position += 1
                            value = .object([])
                            break produce
                        }
                        frames.append(.object(start: members.count))
                        try parseMemberKey()
                        continue produce
                    case Byte.leftBracket:
                        try checkDepth()
                        position += 1
                        skipWhitespace()
                        if peek() == Byte.rightBracket {
                            position += 1
                            value = .array([])
                            break produce
                        }
                        frames.append(.array(start: elements.count))
                        continue produce
                    case Byte.lowerT:
                        try parseLiteral(trueBytes)
                        value = .bool(true)
                        break produce
                    case Byte.lowerF:
                        try parseLiteral(falseBytes)
                        value = .bool(false)
                        break produce
                    case Byte.lowerN:
                        try parseLiteral(nullBytes)
                        value = .null
                        break produce
                    default:
                        throw unexpected(at: position)
                    }
                }
                // Hand the value to its container; closing containers produces further values.
                consume: while true {
                    guard let frame = frames.last else { return value }
                    switch frame {
                    case .array(let start):
                        elements.append(value)
                        skipWhitespace()
                        if peek() == Byte.comma {
                            position += 1
                            break consume
                        }
                        guard peek() == Byte.rightBracket else { throw unexpected(at: position) }
                        position += 1
                        let from = min(start, elements.count)
                        value = .array(Array(elements[from...]))
                        elements.removeSubrange(from...)
                        frames.removeLast()
                    case .object(let start):
                        if let last = members.indices.last { members[last].value = value }
                        skipWhitespace()
                        if peek() == Byte.comma {
                            position += 1
                            try parseMemberKey()
                            break consume
                        }
                        guard peek() == Byte.rightBrace else { throw unexpected(at: position) }
                        position += 1
                        let from = min(start, members.count)
                        value = .object(JSONValue.deduplicated(Array(members[from...])))
                        members.removeSubrange(from...)
                        frames.removeLast()
                    }
                }
            }
        }

        private func checkDepth() throws(JSONParseError) {
            if frames.count >= options.maxDepth {
                throw error(.tooDeep(limit: options.maxDepth), at: position)
            }
        }

        /// `"key"` `:` — the key goes on the member stack with a placeholder value.
        private mutating func parseMemberKey() throws(JSONParseError) {
            skipWhitespace()
            guard peek() == Byte.quote else { throw unexpected(at: position) }
            let key = try parseString()
            skipWhitespace()
            guard peek() == Byte.colon else { throw unexpected(at: position) }
            position += 1
            members.append((key, .null))
        }

        private mutating func parseLiteral(_ word: [UInt8]) throws(JSONParseError) {
            for (offset, expected) in word.enumerated() {
                let index = position + offset
                guard index < bytes.count else { throw unexpected(at: bytes.count) }
                guard bytes[index] == expected else { throw unexpected(at: index) }
            }
            position += word.count
        }

        // MARK: Strings

        private mutating func parseString() throws(JSONParseError) -> String {
            position += 1  // the opening quote
            var runStart = position
            var escaped = false
            scratch.removeAll(keepingCapacity: true)
            while true {
                guard position < bytes.count else { throw unexpected(at: position) }
                let byte = bytes[position]
                switch byte {
                case Byte.quote:
                    let text: String
                    if escaped {
                        scratch.append(contentsOf: bytes[runStart..<position])
                        text = String(decoding: scratch, as: UTF8.self)
                    } else {
                        text = String(decoding: bytes[runStart..<position], as: UTF8.self)
                    }
                    position += 1
                    return text
                case Byte.backslash:
                    escaped = true
                    scratch.append(contentsOf: bytes[runStart..<position])
                    try parseEscape()
                    runStart = position
                case 0x00..<0x20:
                    // RFC 8259 §7: control characters must be escaped.
                    throw unexpected(at: position)
                case 0x20..<0x80:
                    position += 1
                default:
                    guard let length = UTF8Scanner.sequenceLength(bytes, at: position) else {
                        throw error(.invalidUTF8, at: position)
                    }
                    position += length
                }
            }
        }

        /// One escape starting at the backslash; appends its UTF-8 to `scratch` and moves past it.
        private mutating func parseEscape() throws(JSONParseError) {
            let backslashOffset = position
            position += 1
            guard let byte = peek() else { throw unexpected(at: position) }
            switch byte {
            case Byte.quote, Byte.backslash, Byte.slash: scratch.append(byte)
            case Byte.lowerB: scratch.append(0x08)
            case Byte.lowerF: scratch.append(0x0C)
            case Byte.lowerN: scratch.append(0x0A)
            case Byte.lowerR: scratch.append(0x0D)
            case Byte.lowerT: scratch.append(0x09)
            case Byte.lowerU:
                let unit = try parseHex4()
                var scalarValue = unit
                switch unit {
                case 0xD800...0xDBFF:
                    if let low = lowSurrogate(after: position) {
                        scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        position += 6
                    } else {
                        scalarValue = try loneSurrogate(at: backslashOffset)
                    }
                case 0xDC00...0xDFFF:
                    scalarValue = try loneSurrogate(at: backslashOffset)
                default:
                    break
                }
                UTF8Scanner.append(Unicode.Scalar(scalarValue) ?? "\u{FFFD}", to: &scratch)
            default:
                throw unexpected(at: position)
            }
            position += 1
        }

        /// Reads the four hex digits after the `u` at `position`; leaves `position` on the last digit.
        private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                position += 1
                guard let byte = peek() else { throw unexpected(at: position) }
                guard let digit = Byte.hexValue(byte) else { throw unexpected(at: position) }
                value = value << 4 | digit
            }
            return value
        }

        /// A `\uDC00`–`\uDFFF` escape right after `offset` (the last hex digit of a high surrogate).
        private func lowSurrogate(after offset: Int) -> UInt32? {
            guard offset + 6 < bytes.count, bytes[offset + 1] == Byte.backslash,
                  bytes[offset + 2] == Byte.lowerU else { return nil }
            var value: UInt32 = 0
            for index in (offset + 3)...(offset + 6) {
                guard let digit = Byte.hexValue(bytes[index]) else { return nil }
                value = value << 4 | digit
            }
            return (0xDC00...0xDFFF).contains(value) ? value : nil
        }

        private func loneSurrogate(at offset: Int) throws(JSONParseError) -> UInt32 {
            switch options.loneSurrogates {
            case .replace: return 0xFFFD
            case .reject: throw error(.loneSurrogate, at: offset)
            }
        }

        // MARK: Numbers

        private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
            let start = position
            var negative = false
            if peek() == Byte.minus {
                negative = true
                position += 1
            }
            guard let first = peek() else { throw unexpected(at: position) }
            var magnitude: UInt64 = 0
            var overflow = false
            if first == Byte.zero {
                position += 1
                // A leading zero may not be followed by a digit (V8: "Unexpected number" at that digit).
                if let next = peek(), Byte.isDigit(next) { throw unexpected(at: position) }
            } else if Byte.isDigit(first) {
                while let byte = peek(), Byte.isDigit(byte) {
                    let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - Byte.zero))
                    overflow = overflow || o1 || o2
                    magnitude = sum
                    position += 1
                }
            } else {
                throw unexpected(at: position)
            }
            var isInteger = true
            if peek() == Byte.dot {
                isInteger = false
                position += 1
                guard let byte = peek(), Byte.isDigit(byte) else { throw unexpected(at: position) }
                while let byte = peek(), Byte.isDigit(byte) { position += 1 }
            }
            if peek() == Byte.lowerE || peek() == Byte.upperE {
                isInteger = false
                position += 1
                if peek() == Byte.plus || peek() == Byte.minus { position += 1 }
                guard let byte = peek(), Byte.isDigit(byte) else { throw unexpected(at: position) }
                while let byte = peek(), Byte.isDigit(byte) { position += 1 }
            }
            if isInteger && !overflow {
                if !negative, magnitude <= UInt64(Int64.max) { return .integer(Int64(magnitude)) }
                if negative, magnitude <= UInt64(Int64.max) { return .integer(-Int64(magnitude)) }
                if negative, magnitude == UInt64(Int64.max) + 1 { return .integer(Int64.min) }
            }
            // The grammar was checked above, so this text is always a valid decimal literal.
            guard let double = Double(String(decoding: bytes[start..<position], as: UTF8.self)) else {
                throw unexpected(at: start)
            }
            return .double(double)
        }

        // MARK: Errors

        /// The error for whatever sits at `offset`, classified the way V8 classifies its token.
        private func unexpected(at offset: Int) -> JSONParseError {
            guard offset < bytes.count else { return error(.unexpectedEnd, at: bytes.count) }
            let byte = bytes[offset]
            switch byte {
            case Byte.quote:
                return error(.unexpectedString, at: offset)
            case Byte.minus, Byte.zero...Byte.nine:
                return error(.unexpectedNumber, at: offset)
            case 0x00..<0x80:
                return error(.unexpectedCharacter(Unicode.Scalar(byte)), at: offset)
            default:
                guard let (scalar, _) = UTF8Scanner.scalar(bytes, at: offset) else {
                    return error(.invalidUTF8, at: offset)
                }
                return error(.unexpectedCharacter(scalar), at: offset)
            }
        }

        private func error(_ kind: JSONParseError.Kind, at offset: Int) -> JSONParseError {
            JSONParseError(kind: kind, byteOffset: offset, utf16Offset: UTF8Scanner.utf16Count(bytes, upTo: offset))
        }
    }
}
