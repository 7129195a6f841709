/// A small, safe, non-validating XML 1.0 reader for request bodies such as BBB's `<modules>` document
/// (bbb.md §5.2, §5.8).
///
/// It reads UTF-8 only (a BOM is skipped; the declared `encoding` is not consulted), elements, attributes,
/// character data, CDATA sections, the five predefined entities and numeric character references; comments and
/// processing instructions (the `<?xml …?>` declaration included) are skipped. It rejects anything with a DOCTYPE
/// or any other `<!` declaration, so no entity can ever be defined or expanded (no "billion laughs", no external
/// entities). Line ends are normalised to LF and attribute whitespace to spaces (XML 1.0 §2.11, §3.3.3).
/// Size, depth, element and attribute counts are bounded by `Limits`; the reader is iterative and never
/// traps on malformed input.
package struct XMLReader: Sendable {
    package struct Limits: Sendable {
        /// The document's size in bytes (BBB bodies are at most 4 MiB, http.md §0).
        package var maxBytes: Int
        /// Elements nested at most this deep (the root is depth 1).
        package var maxDepth: Int
        /// Elements in the whole document.
        package var maxElements: Int
        /// Attributes on one element.
        package var maxAttributes: Int

        package init(maxBytes: Int = 8 * 1024 * 1024, maxDepth: Int = 64, maxElements: Int = 100_000,
                     maxAttributes: Int = 256) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.maxElements = maxElements
            self.maxAttributes = maxAttributes
        }
    }

    package var limits: Limits

    package init(limits: Limits = Limits()) { self.limits = limits }

    /// Parses a whole document and returns its root element.
    package func parse(_ bytes: [UInt8]) throws(XMLParseError) -> Element {
        guard bytes.count <= limits.maxBytes else {
            throw XMLParseError("document larger than \(limits.maxBytes) bytes", at: limits.maxBytes)
        }
        var run = Run(bytes: bytes, limits: limits)
        return try run.document()
    }

    package func parse(_ bytes: some Sequence<UInt8>) throws(XMLParseError) -> Element { try parse(Array(bytes)) }

    package func parse(_ text: String) throws(XMLParseError) -> Element { try parse(Array(text.utf8)) }
}

extension XMLReader {
    private struct OpenElement {
        var name: String
        var attributes: [Attribute]
        var children: [Node] = []
        var text: [UInt8] = []

        mutating func flushText() {
            guard !text.isEmpty else { return }
            children.append(.text(String(decoding: text, as: UTF8.self)))
            text.removeAll(keepingCapacity: true)
        }
    }

    private struct Run {
        let bytes: [UInt8]
        let limits: Limits
        var position = 0
        var stack: [OpenElement] = []
        var elementCount = 0

        init(bytes: [UInt8], limits: Limits) {
            self.bytes = bytes
            self.limits = limits
        }

        // MARK: Document structure

        mutating func document() throws(XMLParseError) -> Element {
            if hasPrefix([0xEF, 0xBB, 0xBF]) { position = 3 }
            let documentStart = position
            // Prolog: the declaration, comments, processing instructions and whitespace.
            while true {
                skipWhitespace()
                guard position < bytes.count else { throw XMLParseError("no root element", at: position) }
                if hasPrefix("<?") {
                    try skipProcessingInstruction(atDocumentStart: position == documentStart)
                } else if hasPrefix("<!--") {
                    try skipComment()
                } else if hasPrefix("<!") {
                    throw XMLParseError("DOCTYPE and other declarations are not allowed", at: position)
                } else if bytes[position] == 0x3C {
                    break
                } else {
                    throw XMLParseError("text before the root element", at: position)
                }
            }
            let root = try rootElement()
            // Epilog: only comments, processing instructions and whitespace.
            while true {
                skipWhitespace()
                guard position < bytes.count else { return root }
                if hasPrefix("<?") {
                    try skipProcessingInstruction(atDocumentStart: false)
                } else if hasPrefix("<!--") {
                    try skipComment()
                } else if hasPrefix("<!") {
                    throw XMLParseError("DOCTYPE and other declarations are not allowed", at: position)
                } else {
                    throw XMLParseError("content after the root element", at: position)
                }
            }
        }

        /// The root element and everything inside it, without recursion.
        private mutating func rootElement() throws(XMLParseError) -> Element {
            while true {
                guard position < bytes.count else {
                    let name = stack.last?.name ?? ""
                    throw XMLParseError("unexpected end of document inside <\(name)>", at: position)
                }
                let byte = bytes[position]
                if byte == 0x3C {
                    if hasPrefix("</") {
                        if let finished = try endTag() { return finished }
                    } else if hasPrefix("<!--") {
                        try skipComment()
                    } else if hasPrefix("<![CDATA[") {
                        try cdataSection()
                    } else if hasPrefix("<?") {
                        try skipProcessingInstruction(atDocumentStart: false)
                    } else if hasPrefix("<!") {
                        throw XMLParseError("DOCTYPE and other declarations are not allowed", at: position)
                    } else if let finished = try startTag() {
                        return finished
                    }
                } else if byte == 0x26 {
                    var scalarBytes: [UInt8] = []
                    try reference(into: &scalarBytes)
                    appendText(scalarBytes)
                } else {
                    try characterData()
                }
            }
        }

        /// Reads a start tag. Returns the finished root when it was an empty root element (`<root/>`).
        private mutating func startTag() throws(XMLParseError) -> Element? {
            let tagStart = position
            position += 1
            let name = try parseName()
            guard stack.count < limits.maxDepth else {
                throw XMLParseError("elements nested deeper than \(limits.maxDepth)", at: tagStart)
            }
            elementCount += 1
            guard elementCount <= limits.maxElements else {
                throw XMLParseError("more than \(limits.maxElements) elements", at: tagStart)
            }
            var attributes: [Attribute] = []
            while true {
                let hadSpace = skipWhitespace()
                guard position < bytes.count else {
                    throw XMLParseError("unexpected end of document in a start tag", at: position)
                }
                if hasPrefix("/>") {
                    position += 2
                    return close(Element(name: name, attributes: attributes, children: []))
                }
                if bytes[position] == 0x3E {
                    position += 1
                    if !stack.isEmpty { stack[stack.count - 1].flushText() }
                    stack.append(OpenElement(name: name, attributes: attributes))
                    return nil
                }
                guard hadSpace else { throw XMLParseError("expected whitespace, \">\" or \"/>\"", at: position) }
                let attributeOffset = position
                let attributeName = try parseName()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == 0x3D else {
                    throw XMLParseError("expected \"=\" after attribute \(attributeName)", at: position)
                }
                position += 1
                skipWhitespace()
                let value = try attributeValue()
                guard !attributes.contains(where: { $0.name == attributeName }) else {
                    throw XMLParseError("duplicate attribute \(attributeName)", at: attributeOffset)
                }
                guard attributes.count < limits.maxAttributes else {
                    throw XMLParseError("more than \(limits.maxAttributes) attributes", at: attributeOffset)
                }
                attributes.append(Attribute(name: attributeName, value: value))
            }
        }

        /// Reads an end tag. Returns the root when this tag closed it.
        private mutating func endTag() throws(XMLParseError) -> Element? {
            let tagStart = position
            position += 2
            let name = try parseName()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == 0x3E else {
                throw XMLParseError("expected \">\" to end </\(name)>", at: position)
            }
            position += 1
            guard var open = stack.popLast() else {
                throw XMLParseError("end tag </\(name)> without a start tag", at: tagStart)
            }
            guard open.name == name else {
                throw XMLParseError("end tag </\(name)> does not match <\(open.name)>", at: tagStart)
            }
            open.flushText()
            return close(Element(name: open.name, attributes: open.attributes, children: open.children))
        }

        /// Attaches a finished element to its parent, or returns it when it is the root.
        private mutating func close(_ element: Element) -> Element? {
            guard !stack.isEmpty else { return element }
            stack[stack.count - 1].flushText()
            stack[stack.count - 1].children.append(.element(element))
            return nil
        }

        private mutating func appendText(_ text: [UInt8]) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text.append(contentsOf: text)
        }

        // MARK: Character data

        /// Character data up to the next `<` or `&`, with line ends normalised.
        private mutating func characterData() throws(XMLParseError) {
            var text: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x3C || byte == 0x26 { break }
                if byte == 0x3E, position >= 2, bytes[position - 1] == 0x5D, bytes[position - 2] == 0x5D {
                    throw XMLParseError("\"]]>\" in character data", at: position - 2)
                }
                try appendCharacter(into: &text, normalizeWhitespace: false)
            }
            appendText(text)
        }

        private mutating func cdataSection() throws(XMLParseError) {
            let start = position
            position += 9  // <![CDATA[
            var text: [UInt8] = []
            while true {
                guard position < bytes.count else {
                    throw XMLParseError("unterminated CDATA section", at: start)
                }
                if hasPrefix("]]>") {
                    position += 3
                    appendText(text)
                    return
                }
                try appendCharacter(into: &text, normalizeWhitespace: false)
            }
        }

        /// One character at `position`, checked against XML 1.0 `Char`, appended to `out`. CR LF and CR become LF
        /// (or a space inside attribute values, where TAB and LF become a space too).
        private mutating func appendCharacter(into out: inout [UInt8], normalizeWhitespace: Bool) throws(XMLParseError) {
            let byte = bytes[position]
            switch byte {
            case 0x0D:
                position += 1
                if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                out.append(normalizeWhitespace ? 0x20 : 0x0A)
            case 0x09, 0x0A:
                position += 1
                out.append(normalizeWhitespace ? 0x20 : byte)
            case 0x00..<0x20:
                throw XMLParseError("character U+00\(Run.hex2(byte)) is not allowed in XML", at: position)
            case 0x20..<0x80:
                position += 1
                out.append(byte)
            default:
                guard let (scalar, length) = UTF8Scanner.scalar(bytes, at: position) else {
                    throw XMLParseError("invalid UTF-8", at: position)
                }
                guard XMLWriter.isXMLChar(scalar) else {
                    throw XMLParseError("character U+\(String(scalar.value, radix: 16, uppercase: true)) is not allowed in XML",
                                        at: position)
                }
                out.append(contentsOf: bytes[position..<(position + length)])
                position += length
            }
        }

        private static func hex2(_ byte: UInt8) -> String {
            let text = String(byte, radix: 16, uppercase: true)
            return text.count < 2 ? "0" + text : text
        }

        /// `&lt;` `&gt;` `&amp;` `&apos;` `&quot;` `&#N;` `&#xH;` — anything else is an undefined entity.
        private mutating func reference(into out: inout [UInt8]) throws(XMLParseError) {
            let start = position
            position += 1
            var name: [UInt8] = []
            while position < bytes.count, bytes[position] != 0x3B, name.count <= 16 {
                name.append(bytes[position])
                position += 1
            }
            guard position < bytes.count, bytes[position] == 0x3B else {
                throw XMLParseError("unterminated reference", at: start)
            }
            position += 1
            switch name {
            case Array("lt".utf8): out.append(0x3C)
            case Array("gt".utf8): out.append(0x3E)
            case Array("amp".utf8): out.append(0x26)
            case Array("apos".utf8): out.append(0x27)
            case Array("quot".utf8): out.append(0x22)
            default:
                guard name.first == 0x23 else {
                    throw XMLParseError("undefined entity &\(String(decoding: name, as: UTF8.self));", at: start)
                }
                let hex = name.count > 1 && name[1] == 0x78
                let digits = name.dropFirst(hex ? 2 : 1)
                guard !digits.isEmpty, digits.count <= 8,
                      let value = UInt32(String(decoding: digits, as: UTF8.self), radix: hex ? 16 : 10),
                      digits.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || (hex && Run.isHexLetter($0)) }),
                      let scalar = Unicode.Scalar(value), XMLWriter.isXMLChar(scalar) else {
                    throw XMLParseError("invalid character reference &\(String(decoding: name, as: UTF8.self));",
                                        at: start)
                }
                UTF8Scanner.append(scalar, to: &out)
            }
        }

        private static func isHexLetter(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
        }

        private mutating func attributeValue() throws(XMLParseError) -> String {
            guard position < bytes.count, bytes[position] == 0x22 || bytes[position] == 0x27 else {
                throw XMLParseError("attribute value must be quoted", at: position)
            }
            let quote = bytes[position]
            let start = position
            position += 1
            var value: [UInt8] = []
            while true {
                guard position < bytes.count else { throw XMLParseError("unterminated attribute value", at: start) }
                let byte = bytes[position]
                if byte == quote {
                    position += 1
                    return String(decoding: value, as: UTF8.self)
                }
                if byte == 0x3C { throw XMLParseError("\"<\" in an attribute value", at: position) }
                if byte == 0x26 {
                    try reference(into: &value)
                } else {
                    try appendCharacter(into: &value, normalizeWhitespace: true)
                }
            }
        }

        // MARK: Skipped constructs

        private mutating func skipComment() throws(XMLParseError) {
            let start = position
            position += 4  // <!--
            while true {
                guard position + 1 < bytes.count else { throw XMLParseError("unterminated comment", at: start) }
                if bytes[position] == 0x2D, bytes[position + 1] == 0x2D {
                    guard position + 2 < bytes.count, bytes[position + 2] == 0x3E else {
                        throw XMLParseError("\"--\" inside a comment", at: position)
                    }
                    position += 3
                    return
                }
                var ignored: [UInt8] = []
                try appendCharacter(into: &ignored, normalizeWhitespace: false)
            }
        }

        private mutating func skipProcessingInstruction(atDocumentStart: Bool) throws(XMLParseError) {
            let start = position
            position += 2  // <?
            let target = try parseName()
            if target.lowercased() == "xml" && !atDocumentStart {
                throw XMLParseError("XML declaration not at the start of the document", at: start)
            }
            while true {
                guard position + 1 < bytes.count else {
                    throw XMLParseError("unterminated processing instruction", at: start)
                }
                if bytes[position] == 0x3F, bytes[position + 1] == 0x3E {
                    position += 2
                    return
                }
                var ignored: [UInt8] = []
                try appendCharacter(into: &ignored, normalizeWhitespace: false)
            }
        }

        // MARK: Lexical helpers

        private func hasPrefix(_ prefix: StaticString) -> Bool {
            hasPrefix(prefix.withUTF8Buffer { Array($0) })
        }

        private func hasPrefix(_ prefix: [UInt8]) -> Bool {
            guard position + prefix.count <= bytes.count else { return false }
            for (offset, byte) in prefix.enumerated() where bytes[position + offset] != byte { return false }
            return true
        }

        @discardableResult
        private mutating func skipWhitespace() -> Bool {
            let start = position
            while position < bytes.count,
                  bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0A || bytes[position] == 0x0D {
                position += 1
            }
            return position > start
        }

        /// An XML `Name` (§2.3), at most 1024 bytes.
        private mutating func parseName() throws(XMLParseError) -> String {
            let start = position
            while position < bytes.count {
                guard let (scalar, length) = UTF8Scanner.scalar(bytes, at: position) else {
                    if bytes[position] >= 0x80 { throw XMLParseError("invalid UTF-8", at: position) }
                    break
                }
                let allowed = position == start ? XMLWriter.isNameStartChar(scalar) : XMLWriter.isNameChar(scalar)
                guard allowed else { break }
                position += length
                if position - start > 1024 { throw XMLParseError("name longer than 1024 bytes", at: start) }
            }
            guard position > start else {
                if position >= bytes.count { throw XMLParseError("unexpected end of document", at: position) }
                throw XMLParseError("expected a name", at: position)
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
    }
}
