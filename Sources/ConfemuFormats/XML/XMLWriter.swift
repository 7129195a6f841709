/// Writes an XML document element by element, in the order written, the way BBB's compressed templates come out
/// (bbb.md §4.2): UTF-8, no XML declaration, no whitespace between elements, empty elements as a start and an end
/// tag unless `emptyElement` asks for `<name/>`.
///
///     var xml = XMLWriter()
///     xml.element("response") { xml in
///         xml.element("returncode", "SUCCESS")
///         xml.element("running", false)
///         xml.emptyElement("meetings")
///     }
///     xml.bytes  // <response><returncode>SUCCESS</returncode><running>false</running><meetings/></response>
///
/// Text and attribute values are escaped: `&` `<` `>` `"` `'` as `&amp;` `&lt;` `&gt;` `&quot;` `&apos;`, and
/// characters XML 1.0 does not allow (most C0 controls, U+FFFE, U+FFFF) are dropped. In attribute values TAB,
/// LF and CR are also written as character references so a reader's attribute normalisation keeps them.
/// Element and attribute names are written as given: callers pass constants or names they checked with
/// `XMLWriter.isValidName`.
package struct XMLWriter: Sendable {
    package private(set) var bytes: [UInt8] = []
    private var openElements: [String] = []

    package init() {}

    /// The document so far as text.
    package var string: String { String(decoding: bytes, as: UTF8.self) }

    /// How many elements are open.
    package var depth: Int { openElements.count }

    /// `<name attr="v">` — must be balanced by `close()`.
    package mutating func open(_ name: String, attributes: KeyValuePairs<String, String> = [:]) {
        startTag(name, attributes: attributes)
        bytes.append(0x3E)
        openElements.append(name)
    }

    /// Closes the most recently opened element; does nothing when none is open.
    package mutating func close() {
        guard let name = openElements.popLast() else { return }
        bytes.append(contentsOf: [0x3C, 0x2F])
        bytes.append(contentsOf: name.utf8)
        bytes.append(0x3E)
    }

    /// Closes every open element.
    package mutating func closeAll() {
        while !openElements.isEmpty { close() }
    }

    /// `<name>…</name>` with the content written by `content`.
    package mutating func element(_ name: String, attributes: KeyValuePairs<String, String> = [:],
                                  _ content: (inout XMLWriter) -> Void) {
        open(name, attributes: attributes)
        let depthInside = openElements.count
        content(&self)
        while openElements.count > depthInside { close() }  // tolerate content that forgot to close
        close()
    }

    /// `<name>text</name>`; an empty text gives `<name></name>`.
    package mutating func element(_ name: String, _ text: String, attributes: KeyValuePairs<String, String> = [:]) {
        open(name, attributes: attributes)
        self.text(text)
        close()
    }

    /// `<name>true</name>` / `<name>false</name>`.
    package mutating func element(_ name: String, _ value: Bool) { element(name, value ? "true" : "false") }

    /// `<name>digits</name>`, no grouping.
    package mutating func element(_ name: String, _ value: Int) { element(name, String(value)) }

    package mutating func element(_ name: String, _ value: Int64) { element(name, String(value)) }

    /// `<name/>` (the self-closing form; bbb.md §5.6 `<meetings/>`).
    package mutating func emptyElement(_ name: String, attributes: KeyValuePairs<String, String> = [:]) {
        startTag(name, attributes: attributes)
        bytes.append(contentsOf: [0x2F, 0x3E])
    }

    /// Escaped character data.
    package mutating func text(_ text: String) {
        XMLWriter.appendEscaped(text, inAttribute: false, to: &bytes)
    }

    /// A CDATA section; `]]>` inside the text is split across two sections so it cannot end the first one.
    package mutating func cdata(_ text: String) {
        var content: [UInt8] = []
        content.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where XMLWriter.isXMLChar(scalar) {
            UTF8Scanner.append(scalar, to: &content)
        }
        bytes.append(contentsOf: XMLWriter.cdataStart)
        var index = 0
        while index < content.count {
            if content[index] == 0x5D, index + 2 < content.count, content[index + 1] == 0x5D,
               content[index + 2] == 0x3E {
                // "]]>" becomes "]]" + "]]><![CDATA[" + ">": the first section ends after "]]".
                bytes.append(contentsOf: XMLWriter.cdataSplit)
                index += 3
            } else {
                bytes.append(content[index])
                index += 1
            }
        }
        bytes.append(contentsOf: XMLWriter.cdataEnd)
    }

    private static let cdataStart: [UInt8] = Array("<![CDATA[".utf8)
    private static let cdataSplit: [UInt8] = Array("]]]]><![CDATA[>".utf8)
    private static let cdataEnd: [UInt8] = Array("]]>".utf8)

    /// Bytes written as they are (pre-rendered, trusted markup).
    package mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    /// Closes every open element and returns the document.
    package mutating func finish() -> [UInt8] {
        closeAll()
        return bytes
    }

    private mutating func startTag(_ name: String, attributes: KeyValuePairs<String, String>) {
        bytes.append(0x3C)
        bytes.append(contentsOf: name.utf8)
        for (attributeName, value) in attributes {
            bytes.append(0x20)
            bytes.append(contentsOf: attributeName.utf8)
            bytes.append(contentsOf: [0x3D, 0x22])
            XMLWriter.appendEscaped(value, inAttribute: true, to: &bytes)
            bytes.append(0x22)
        }
    }
}

// MARK: - Escaping and names

extension XMLWriter {
    /// `text` with the five predefined entities escaped and non-XML characters dropped (bbb.md §4.2).
    package static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        appendEscaped(text, inAttribute: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// XML 1.0 `Char` (§2.2); surrogates cannot occur in a Swift string.
    package static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00..<0x20: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// XML 1.0 `Name` (§2.3), so callers can check element names built from request input
    /// (e.g. BBB metadata keys) before writing them.
    package static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isNameStartChar(first) else { return false }
        return name.unicodeScalars.dropFirst().allSatisfy(isNameChar)
    }

    static func isNameStartChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3A, 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
             0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
             0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            true
        default:
            false
        }
    }

    static func isNameChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
        default: isNameStartChar(scalar)
        }
    }

    private static let ampersand: [UInt8] = Array("&amp;".utf8)
    private static let lessThan: [UInt8] = Array("&lt;".utf8)
    private static let greaterThan: [UInt8] = Array("&gt;".utf8)
    private static let quote: [UInt8] = Array("&quot;".utf8)
    private static let apostrophe: [UInt8] = Array("&apos;".utf8)
    private static let tabReference: [UInt8] = Array("&#9;".utf8)
    private static let lineFeedReference: [UInt8] = Array("&#10;".utf8)
    private static let carriageReturnReference: [UInt8] = Array("&#13;".utf8)

    static func appendEscaped(_ text: String, inAttribute: Bool, to out: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: out.append(contentsOf: ampersand)
            case 0x3C: out.append(contentsOf: lessThan)
            case 0x3E: out.append(contentsOf: greaterThan)
            case 0x22: out.append(contentsOf: quote)
            case 0x27: out.append(contentsOf: apostrophe)
            case 0x09 where inAttribute: out.append(contentsOf: tabReference)
            case 0x0A where inAttribute: out.append(contentsOf: lineFeedReference)
            case 0x0D where inAttribute: out.append(contentsOf: carriageReturnReference)
            case 0x20..<0x80, 0x09, 0x0A, 0x0D: out.append(UInt8(scalar.value))
            default:
                if isXMLChar(scalar) { UTF8Scanner.append(scalar, to: &out) }
            }
        }
    }
}
