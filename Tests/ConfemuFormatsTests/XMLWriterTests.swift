import ConfemuFormats
import Testing

@Suite("XMLWriter")
struct XMLWriterTests {
    @Test("the BBB error envelope, element order and bytes exactly (bbb.md §4.2)")
    func errorEnvelope() {
        var xml = XMLWriter()
        xml.element("response") { xml in
            xml.element("returncode", "FAILED")
            xml.element("messageKey", "checksumError")
            xml.element("message", "Checksums do not match")
        }
        #expect(xml.string
            == "<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey><message>Checksums do not match</message></response>")
        #expect(xml.bytes == Array(xml.string.utf8))
    }

    @Test("create success: empty elements as start and end tags, numbers and booleans plain (bbb.md §5.2)")
    func createSuccess() {
        var xml = XMLWriter()
        xml.element("response") { xml in
            xml.element("returncode", "SUCCESS")
            xml.element("meetingID", "Test")
            xml.element("createTime", Int64(1_531_155_809_613))
            xml.element("voiceBridge", 70757)
            xml.element("hasUserJoined", false)
            xml.element("messageKey", "")
            xml.element("message", "")
        }
        #expect(xml.string
            == "<response><returncode>SUCCESS</returncode><meetingID>Test</meetingID><createTime>1531155809613</createTime><voiceBridge>70757</voiceBridge><hasUserJoined>false</hasUserJoined><messageKey></messageKey><message></message></response>")
    }

    @Test("getMeetings without meetings uses the literal <meetings/> (bbb.md §5.6)")
    func emptyMeetings() {
        var xml = XMLWriter()
        xml.open("response")
        xml.element("returncode", "SUCCESS")
        xml.emptyElement("meetings")
        xml.element("messageKey", "noMeetings")
        xml.element("message", "no meetings were found on this server")
        xml.close()
        #expect(xml.string
            == "<response><returncode>SUCCESS</returncode><meetings/><messageKey>noMeetings</messageKey><message>no meetings were found on this server</message></response>")
    }

    @Test("text escapes the five predefined entities (bbb.md §4.2)")
    func textEscaping() {
        var xml = XMLWriter()
        xml.element("name", "Fred's Room & \"Co\" <b>")
        #expect(xml.string == "<name>Fred&apos;s Room &amp; &quot;Co&quot; &lt;b&gt;</name>")
        #expect(XMLWriter.escape("a&b") == "a&amp;b")
    }

    @Test("the insertDocument not-found body escapes the meeting ID")
    func insertDocumentNotFound() {
        var xml = XMLWriter()
        xml.element("response") { xml in
            xml.element("returncode", "FAILED")
            xml.element("message", "Meeting with id [a&b<c>] not found.")
        }
        #expect(xml.string
            == "<response><returncode>FAILED</returncode><message>Meeting with id [a&amp;b&lt;c&gt;] not found.</message></response>")
    }

    @Test("characters XML 1.0 does not allow are dropped; TAB, LF, CR and non-ASCII are kept")
    func invalidCharactersDropped() {
        var xml = XMLWriter()
        xml.element("t", "a\u{0}b\u{1}\u{8}\u{B}\u{C}\u{1F}c\u{FFFE}\u{FFFF}\t\n\r\u{7F}é😀\u{FFFD}")
        #expect(xml.string == "<t>abc\t\n\r\u{7F}é😀\u{FFFD}</t>")
    }

    @Test("attributes are quoted and escaped, whitespace controls as references")
    func attributes() {
        var xml = XMLWriter()
        xml.emptyElement("document", attributes: ["url": "https://host/a?x=1&y=\"2\"", "filename": "it's\t<1>\n"])
        #expect(xml.string
            == "<document url=\"https://host/a?x=1&amp;y=&quot;2&quot;\" filename=\"it&apos;s&#9;&lt;1&gt;&#10;\"/>")
        var open = XMLWriter()
        open.element("module", "x", attributes: ["name": "presentation"])
        #expect(open.string == "<module name=\"presentation\">x</module>")
    }

    @Test("CDATA sections keep text raw and split ]]> safely")
    func cdata() throws {
        var xml = XMLWriter()
        xml.element("a") { $0.cdata("<b>&amp;</b>") }
        #expect(xml.string == "<a><![CDATA[<b>&amp;</b>]]></a>")
        var split = XMLWriter()
        split.element("a") { $0.cdata("x]]>y]]]>>z]]") }
        #expect(split.string == "<a><![CDATA[x]]]]><![CDATA[>y]]]]]><![CDATA[>>z]]]]></a>")
        let parsed = try XMLReader().parse(split.bytes)
        #expect(parsed.text == "x]]>y]]]>>z]]")
    }

    @Test("nested content closures, unbalanced content and finish")
    func nesting() {
        var xml = XMLWriter()
        xml.element("response") { xml in
            xml.element("attendees") { xml in
                for name in ["mod", "viewer"] {
                    xml.element("attendee") { $0.element("fullName", name) }
                }
            }
            xml.element("metadata") { _ in }
            xml.open("forgotten")
            xml.text("x")
        }
        #expect(xml.depth == 0)
        #expect(xml.string
            == "<response><attendees><attendee><fullName>mod</fullName></attendee><attendee><fullName>viewer</fullName></attendee></attendees><metadata></metadata><forgotten>x</forgotten></response>")
        var unfinished = XMLWriter()
        unfinished.open("a")
        unfinished.open("b")
        unfinished.close()
        unfinished.close()
        unfinished.close()  // nothing open: no effect
        unfinished.open("c")
        #expect(String(decoding: unfinished.finish(), as: UTF8.self) == "<a><b></b></a><c></c>")
    }

    @Test("raw markup is written as given")
    func raw() {
        var xml = XMLWriter()
        xml.element("customdata") { $0.raw("<course>cs101</course>") }
        #expect(xml.string == "<customdata><course>cs101</course></customdata>")
    }

    @Test("XML names", arguments: [
        ("bbb-origin", true), ("endcallbackurl", true), ("_x", true), ("a.b", true), ("ns:el", true),
        ("é", true), ("1abc", false), ("-a", false), ("", false), ("a b", false), ("a<", false), ("a&", false),
    ])
    func names(name: String, valid: Bool) {
        #expect(XMLWriter.isValidName(name) == valid)
    }
}
