/// A small non-validating XML parser for the `<modules>` bodies of create and insertDocument (bbb.md §5.2,
/// §5.8). Returns nil for anything not well-formed: untrusted bytes never trap.
struct XMLReader {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    static func parse(_ bytes: [UInt8]) -> XMLElement? {
        var reader = XMLReader(bytes)
        return reader.document()
    }

    private mutating func document() -> XMLElement? {
        skipBOM()
        guard skipMisc() else { return nil }
        guard peek() == UInt8(ascii: "<"), let root = element() else { return nil }
        guard skipMisc(), index == bytes.count else { return nil }
        return root
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let at = index + offset
        return at < bytes.count ? bytes[at] : nil
    }

    private mutating func skipBOM() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    private func starts(with text: String) -> Bool {
        let pattern = Array(text.utf8)
        guard index + pattern.count <= bytes.count else { return false }
        return Array(bytes[index..<(index + pattern.count)]) == pattern
    }

    /// Skips whitespace, comments, processing instructions and a doctype; false on an unterminated one.
    private mutating func skipMisc() -> Bool {
        while index < bytes.count {
            if let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if starts(with: "<?") {
                guard skip(past: "?>") else { return false }
            } else if starts(with: "<!--") {
                guard skip(past: "-->") else { return false }
            } else if starts(with: "<!DOCTYPE") {
                guard skip(past: ">") else { return false }
            } else {
                return true
            }
        }
        return true
    }

    private mutating func skip(past terminator: String) -> Bool {
        while index < bytes.count {
            if starts(with: terminator) {
                index += terminator.utf8.count
                return true
            }
            index += 1
        }
        return false
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="),
             UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"):
            return false
        default:
            return true
        }
    }

    private mutating func name() -> String? {
        let start = index
        while let byte = peek(), XMLReader.isNameByte(byte) { index += 1 }
        guard index > start else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func element() -> XMLElement? {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64, peek() == UInt8(ascii: "<") else { return nil }
        index += 1
        guard let tag = name() else { return nil }
        var attributes: [(name: String, value: String)] = []
        while true {
            skipSpace()
            guard let byte = peek() else { return nil }
            if byte == UInt8(ascii: "/") {
                guard peek(1) == UInt8(ascii: ">") else { return nil }
                index += 2
                return XMLElement(name: tag, attributes: attributes, children: [], text: "")
            }
            if byte == UInt8(ascii: ">") {
                index += 1
                break
            }
            guard let attributeName = name() else { return nil }
            skipSpace()
            guard peek() == UInt8(ascii: "=") else { return nil }
            index += 1
            skipSpace()
            guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
            index += 1
            let start = index
            while let next = peek(), next != quote {
                if next == UInt8(ascii: "<") { return nil }
                index += 1
            }
            guard peek() == quote, let value = XMLReader.decodeEntities(bytes[start..<index]) else { return nil }
            index += 1
            if attributes.contains(where: { $0.name == attributeName }) { return nil }
            attributes.append((attributeName, value))
        }
        var children: [XMLElement] = []
        var text = ""
        while true {
            guard index < bytes.count else { return nil }
            if starts(with: "</") {
                index += 2
                guard name() == tag else { return nil }
                skipSpace()
                guard peek() == UInt8(ascii: ">") else { return nil }
                index += 1
                return XMLElement(name: tag, attributes: attributes, children: children, text: text)
            } else if starts(with: "<!--") {
                guard skip(past: "-->") else { return nil }
            } else if starts(with: "<![CDATA[") {
                index += 9
                let start = index
                guard skip(past: "]]>") else { return nil }
                text += String(decoding: bytes[start..<(index - 3)], as: UTF8.self)
            } else if starts(with: "<?") {
                guard skip(past: "?>") else { return nil }
            } else if peek() == UInt8(ascii: "<") {
                guard let child = element() else { return nil }
                children.append(child)
            } else {
                let start = index
                while let byte = peek(), byte != UInt8(ascii: "<") { index += 1 }
                guard let decoded = XMLReader.decodeEntities(bytes[start..<index]) else { return nil }
                text += decoded
            }
        }
    }

    /// The five predefined entities and numeric character references; nil for anything else.
    static func decodeEntities(_ raw: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: raw, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[rest.startIndex..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { return nil }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                guard entity.hasPrefix("#") else { return nil }
                let digits = entity.dropFirst()
                let value: UInt32?
                if digits.hasPrefix("x") || digits.hasPrefix("X") {
                    value = UInt32(digits.dropFirst(), radix: 16)
                } else {
                    value = UInt32(digits, radix: 10)
                }
                guard let value, let scalar = Unicode.Scalar(value) else { return nil }
                out.unicodeScalars.append(scalar)
            }
            rest = rest[rest.index(after: semi)...]
        }
        out += rest
        return out
    }
}
