import ConfemuFormats
import ConfemuSupport
import Testing

@Suite("XMLReader")
struct XMLReaderTests {
    private func parse(_ text: String, limits: XMLReader.Limits = .init()) throws(XMLParseError) -> XMLReader.Element {
        try XMLReader(limits: limits).parse(text)
    }

    private func parseError(_ bytes: [UInt8], limits: XMLReader.Limits = .init()) -> XMLParseError? {
        do {
            _ = try XMLReader(limits: limits).parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    private func parseError(_ text: String, limits: XMLReader.Limits = .init()) -> XMLParseError? {
        parseError(Array(text.utf8), limits: limits)
    }

    private static let modules = """
    <modules>
      <module name="presentation">
        <document url="https://host/sample.pdf" filename="report.pdf" downloadable="true" removable="false" current="true"/>
        <document name="sample.pdf">JVBERi0xLjQK</document>
      </module>
    </modules>
    """

    @Test("the BBB <modules> body of bbb.md §5.2")
    func modules() throws {
        let root = try parse(Self.modules)
        #expect(root.name == "modules")
        let module = try #require(root.firstElement(named: "module"))
        #expect(module.attribute("name") == "presentation")
        let documents = module.elements(named: "document")
        #expect(documents.count == 2)
        #expect(documents[0].attribute("url") == "https://host/sample.pdf")
        #expect(documents[0].attribute("filename") == "report.pdf")
        #expect(documents[0].attribute("downloadable") == "true")
        #expect(documents[0].attribute("removable") == "false")
        #expect(documents[0].attribute("current") == "true")
        #expect(documents[0].children.isEmpty)
        #expect(documents[1].attribute("name") == "sample.pdf")
        #expect(documents[1].text == "JVBERi0xLjQK")
        #expect(documents[1].attribute("url") == nil)
    }

    @Test("a byte slice parses like an array")
    func slices() throws {
        let bytes = Array("xx<a>1</a>".utf8)
        #expect(try XMLReader().parse(bytes[2...]).text == "1")
    }

    @Test("a declaration, a BOM, comments and processing instructions are skipped")
    func prolog() throws {
        let text = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c --><?pi data?>"
            + "<modules><!-- inside --><module name='presentation'><?x y?></module></modules>\n<!-- after -->\n"
        let root = try parse(text)
        #expect(root.name == "modules")
        #expect(root.elements.map(\.name) == ["module"])
        #expect(root.elements.first?.attribute("name") == "presentation")
    }

    @Test("entities, character references and CDATA become text")
    func references() throws {
        let root = try parse("<a>&lt;&gt;&amp;&apos;&quot; &#233;&#xE9;&#x1F600; <![CDATA[<raw> & ]]]>!</a>")
        #expect(root.text == "<>&'\" éé😀 <raw> & ]!")
        #expect(root.children.count == 1)
    }

    @Test("line ends are normalised in text and whitespace in attribute values")
    func normalisation() throws {
        let root = try parse("<a x=\"1\t2\n3\r\n4&#10;5\">l1\r\nl2\rl3\n</a>")
        #expect(root.attribute("x") == "1 2 3 4\n5")
        #expect(root.text == "l1\nl2\nl3\n")
    }

    @Test("mixed content keeps text and elements in document order")
    func mixedContent() throws {
        let root = try parse("<p>a<b>x</b>c<!-- -->d<i/></p>")
        #expect(root.children == [
            .text("a"),
            .element(.init(name: "b", children: [.text("x")])),
            .text("cd"),
            .element(.init(name: "i")),
        ])
        #expect(root.text == "acd")
    }

    @Test("names keep prefixes and non-ASCII letters; an empty root is a document")
    func names() throws {
        let root = try parse("<ns:rüt xmlns:ns=\"u\" a.b-c='1'/>")
        #expect(root.name == "ns:rüt")
        #expect(root.attributes.map(\.name) == ["xmlns:ns", "a.b-c"])
        #expect(root.children.isEmpty)
    }

    @Test("what the writer produces, the reader reads back")
    func roundTrip() throws {
        var xml = XMLWriter()
        xml.element("modules") { xml in
            xml.element("module", attributes: ["name": "presentation"]) { xml in
                xml.emptyElement("document", attributes: ["url": "https://h/a?b=1&c=\"2\"", "filename": "x\ty.pdf"])
                xml.element("document", "QUJD", attributes: ["name": "Fred's.pdf"])
                xml.element("note") { $0.cdata("a]]>b") }
            }
        }
        let root = try XMLReader().parse(xml.bytes)
        let module = try #require(root.firstElement(named: "module"))
        #expect(module.elements[0].attribute("url") == "https://h/a?b=1&c=\"2\"")
        #expect(module.elements[0].attribute("filename") == "x\ty.pdf")
        #expect(module.elements[1].attribute("name") == "Fred's.pdf")
        #expect(module.elements[1].text == "QUJD")
        #expect(module.elements[2].text == "a]]>b")
    }

    @Test("malformed or unsafe documents are rejected", arguments: [
        ("", "no root element"),
        ("   ", "no root element"),
        ("text", "text before the root element"),
        ("<!DOCTYPE a><a/>", "DOCTYPE and other declarations are not allowed"),
        ("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><lolz>&lol2;</lolz>",
         "DOCTYPE and other declarations are not allowed"),
        ("<a><!ENTITY x \"y\"></a>", "DOCTYPE and other declarations are not allowed"),
        ("<a/><!DOCTYPE a>", "DOCTYPE and other declarations are not allowed"),
        ("<a>&x;</a>", "undefined entity &x;"),
        ("<a>&amp</a>", "unterminated reference"),
        ("<a>&#0;</a>", "invalid character reference &#0;"),
        ("<a>&#xD800;</a>", "invalid character reference &#xD800;"),
        ("<a>&#x110000;</a>", "invalid character reference &#x110000;"),
        ("<a>&#X41;</a>", "invalid character reference &#X41;"),
        ("<a>&#;</a>", "invalid character reference &#;"),
        ("<a>&#+5;</a>", "invalid character reference &#+5;"),
        ("<a></b>", "end tag </b> does not match <a>"),
        ("<a>", "unexpected end of document inside <a>"),
        ("<a><b></b>", "unexpected end of document inside <a>"),
        ("<a/><b/>", "content after the root element"),
        ("<a/>x", "content after the root element"),
        ("<a x=\"1\" x=\"2\"/>", "duplicate attribute x"),
        ("<a x=1/>", "attribute value must be quoted"),
        ("<a x/>", "expected \"=\" after attribute x"),
        ("<a x=\"<\"/>", "\"<\" in an attribute value"),
        ("<a x=\"1\"y=\"2\"/>", "expected whitespace, \">\" or \"/>\""),
        ("<a x=\"1", "unterminated attribute value"),
        ("<a>]]></a>", "\"]]>\" in character data"),
        ("<a><![CDATA[x</a>", "unterminated CDATA section"),
        ("<a><!-- x -- y --></a>", "\"--\" inside a comment"),
        ("<a><!-- x", "unterminated comment"),
        ("<a><?pi x", "unterminated processing instruction"),
        ("<a><?xml version=\"1.0\"?></a>", "XML declaration not at the start of the document"),
        (" <?xml version=\"1.0\"?><a/>", "XML declaration not at the start of the document"),
        ("<a>\u{1}</a>", "character U+0001 is not allowed in XML"),
        ("<a>\u{FFFE}</a>", "character U+FFFE is not allowed in XML"),
        ("<1a/>", "expected a name"),
        ("<", "unexpected end of document"),
        ("<a", "unexpected end of document in a start tag"),
        ("<a></a", "expected \">\" to end </a>"),
    ])
    func rejections(text: String, message: String) {
        #expect(parseError(text)?.message == message)
    }

    @Test("errors report the byte offset")
    func errorOffset() throws {
        let error = try #require(parseError("<a>é&bad;</a>"))
        #expect(error.byteOffset == 5)
        #expect(error.description == "undefined entity &bad; at byte 5")
    }

    @Test("invalid UTF-8 is rejected in text, attributes and names", arguments: [
        [0x3C, 0x61, 0x3E, 0xFF, 0x3C, 0x2F, 0x61, 0x3E],
        [0x3C, 0x61, 0x20, 0x78, 0x3D, 0x22, 0xC3, 0x22, 0x2F, 0x3E],
        [0x3C, 0xC3, 0x28, 0x2F, 0x3E],
        [0x3C, 0x61, 0x3E, 0xED, 0xA0, 0x80, 0x3C, 0x2F, 0x61, 0x3E],
    ] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) {
        #expect(parseError(bytes)?.message == "invalid UTF-8")
    }

    @Test("depth is limited to 64 nested elements by default")
    func depthLimit() throws {
        let ok = String(repeating: "<a>", count: 64) + String(repeating: "</a>", count: 64)
        #expect(try parse(ok).name == "a")
        let deep = String(repeating: "<a>", count: 65) + String(repeating: "</a>", count: 65)
        #expect(parseError(deep)?.message == "elements nested deeper than 64")
        #expect(parseError(String(repeating: "<a>", count: 100_000))?.message == "elements nested deeper than 64")
    }

    @Test("size, element and attribute counts are limited")
    func otherLimits() {
        #expect(parseError("<a></a>", limits: .init(maxBytes: 6))?.message == "document larger than 6 bytes")
        #expect(parseError("<a><b/><b/></a>", limits: .init(maxElements: 2))?.message == "more than 2 elements")
        #expect(parseError("<a x='1' y='2'/>", limits: .init(maxAttributes: 1))?.message == "more than 1 attributes")
        let longName = "<" + String(repeating: "n", count: 1100) + "/>"
        #expect(parseError(longName)?.message == "name longer than 1024 bytes")
    }

    @Test("a 4 MiB base64 document parses")
    func largeText() throws {
        let payload = String(repeating: "QUJD", count: 1_048_576)
        let root = try parse("<modules><module name=\"presentation\"><document name=\"big.pdf\">\(payload)</document></module></modules>")
        #expect(root.firstElement(named: "module")?.firstElement(named: "document")?.text.utf8.count == 4_194_304)
    }

    @Test("every truncation of a valid document fails cleanly")
    func truncations() {
        let bytes = Array(("<?xml version=\"1.0\"?>" + Self.modules + "<!--é-->").utf8)
        #expect(parseError(bytes) == nil)
        for length in 0..<bytes.count {
            let truncated = Array(bytes[0..<length])
            // Prefixes that end right after the root are complete documents; every other one must fail.
            if let error = parseError(truncated) {
                #expect(error.byteOffset >= 0 && error.byteOffset <= length)
            } else {
                #expect(length >= bytes.count - "<!--é-->".utf8.count, "prefix \(length) parsed")
            }
        }
    }

    @Test("random bytes and random markup never crash the reader")
    func randomInput() {
        var rng = SeededRNG(seed: 42)
        let alphabet = Array("<>/=\"'&;#x![]?-abAB CDATA\n".utf8) + [0x00, 0xC3, 0xA9, 0xFF]
        var accepted = 0
        for round in 0..<3000 {
            let length = Int(rng.next() % 40)
            var bytes: [UInt8] = round % 2 == 0 ? Array("<a>".utf8) : []
            for _ in 0..<length {
                if rng.next() % 5 == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: rng.next()))
                } else {
                    bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
                }
            }
            if round % 2 == 0 { bytes += Array("</a>".utf8) }
            if let error = parseError(bytes) {
                #expect(error.byteOffset >= 0 && error.byteOffset <= bytes.count)
            } else {
                accepted += 1
            }
        }
        #expect(accepted > 0)
    }
}
