import ConfemuFormats
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
    // MARK: Standard (JSON.stringify)

    @Test("standard escaping is JSON.stringify's")
    func standardEscaping() {
        let value: JSONValue = .string("\"\\/\u{08}\u{0C}\n\r\t\u{0}\u{1F}\u{7F}é\u{2028}\u{2029}😀<>&'")
        let expected = #""\"\\/\b\f\n\r\t\u0000\u001f"# + "\u{7F}é\u{2028}\u{2029}😀<>&'\""
        #expect(value.jsonString() == expected)
        #expect(value.jsonBytes() == Array(expected.utf8))
    }

    @Test("standard output is compact without a final newline; keys keep their order")
    func compact() {
        let value: JSONValue = ["name": "Forbidden", "message": "Not allowed", "code": 403, "className": "forbidden"]
        // videsk.md §4.2
        #expect(value.jsonString() == #"{"name":"Forbidden","message":"Not allowed","code":403,"className":"forbidden"}"#)
    }

    @Test("spec example: ProCONF error envelope")
    func proconfEnvelope() {
        let value: JSONValue = ["error": ["statusCode": 404, "name": "NotFoundError", "message": "API not found !"]]
        #expect(value.jsonString() == #"{"error":{"statusCode":404,"name":"NotFoundError","message":"API not found !"}}"#)
        let detail: JSONValue = [
            "path": "/scheduleTime", "code": "format", "message": "must match format \"date-time\"",
            "info": ["format": "date-time"],
        ]
        #expect(detail.jsonString()
            == #"{"path":"/scheduleTime","code":"format","message":"must match format \"date-time\"","info":{"format":"date-time"}}"#)
    }

    @Test("spec example: BBB join errors JSON")
    func bbbJoinErrors() {
        let value: JSONValue = [["message": "A meeting with that ID does not exist", "key": "invalidMeetingIdentifier"]]
        #expect(value.jsonString()
            == #"[{"message":"A meeting with that ID does not exist","key":"invalidMeetingIdentifier"}]"#)
    }

    @Test("null, booleans and nested empties")
    func scalars() {
        let value: JSONValue = [nil, true, false, [], [:], [[]]]
        #expect(value.jsonString() == "[null,true,false,[],{},[[]]]")
    }

    @Test("JavaScript number text", arguments: [
        (JSONNumber.integer(0), "0"),
        (.integer(45), "45"),
        (.integer(-9_223_372_036_854_775_808), "-9223372036854775808"),
        (.double(0), "0"),
        (.double(-0.0), "0"),
        (.double(45.0), "45"),
        (.double(0.1), "0.1"),
        (.double(-1.5), "-1.5"),
        (.double(0.1 + 0.2), "0.30000000000000004"),
        (.double(1e20), "100000000000000000000"),
        (.double(1e21), "1e+21"),
        (.double(1.5e21), "1.5e+21"),
        (.double(1.2345678901234568e20), "123456789012345680000"),
        (.double(0.000001), "0.000001"),
        (.double(0.0000001), "1e-7"),
        (.double(1.25e-7), "1.25e-7"),
        (.double(.leastNonzeroMagnitude), "5e-324"),
        (.double(1.7976931348623157e308), "1.7976931348623157e+308"),
        (.double(9_007_199_254_740_992), "9007199254740992"),
        (.double(1234.5678), "1234.5678"),
        (.double(100), "100"),
        (.double(.infinity), "Infinity"),
        (.double(-.infinity), "-Infinity"),
        (.double(.nan), "NaN"),
    ])
    func javaScriptNumbers(number: JSONNumber, text: String) {
        #expect(number.javaScriptText == text)
    }

    @Test("non-finite numbers are written as null in the standard style")
    func nonFiniteStandard() {
        let value: JSONValue = [.double(.infinity), .double(.nan), .double(-.infinity)]
        #expect(value.jsonString() == "[null,null,null]")
    }

    // MARK: PHP (json_encode with Symfony's JsonResponse flags)

    @Test("PHP escaping follows jitsi-admin.md §1.3")
    func phpEscaping() {
        let value: JSONValue = .string("/\"'<>&\\\u{08}\u{0C}\n\r\t\u{1}\u{1F}\u{7F}öäüß😀\u{2028}~")
        let expected = #""\/\u0022\u0027\u003C\u003E\u0026\\\b\f\n\r\t\u0001\u001f"#
            + "\u{7F}"
            + #"\u00f6\u00e4\u00fc\u00df\ud83d\ude00\u2028~""#
        #expect(value.jsonString(.php) == expected)
    }

    @Test("spec examples: Jitsi-Admin bodies byte for byte")
    func jitsiExamples() {
        let deleted: JSONValue = ["error": false, "text": "Erfolgreich gelöscht"]
        #expect(deleted.jsonString(.php) == #"{"error":false,"text":"Erfolgreich gel\u00f6scht"}"#)
        let edited: JSONValue = [
            "error": false, "uid": "0cc175b9c0f1b6a831c399e269772661", "text": "Meeting erfolgreich geändert",
        ]
        #expect(edited.jsonString(.php)
            == #"{"error":false,"uid":"0cc175b9c0f1b6a831c399e269772661","text":"Meeting erfolgreich ge\u00e4ndert"}"#)
        let problem: JSONValue = [
            "type": "https://tools.ietf.org/html/rfc2616#section-10", "title": "An error occurred", "status": 500,
            "detail": "Internal Server Error",
        ]
        #expect(problem.jsonString(.php)
            == #"{"type":"https:\/\/tools.ietf.org\/html\/rfc2616#section-10","title":"An error occurred","status":500,"detail":"Internal Server Error"}"#)
        let info: JSONValue = [
            "timeZone": "Europe/Berlin", "error": false, "teilnehmer": ["test@local.de"],
            "start": "2021-02-02CET13:00:00", "end": "2021-02-02CET13:45:00", "duration": 45,
            "name": "testAPINEW", "moderator": "test@local.de", "server": "meet.jit.si2",
            "joinBrowser": "http://localhost:8000/room/join/b/84", "joinApp": "http://localhost:8000/room/join/a/84",
        ]
        #expect(info.jsonString(.php)
            == #"{"timeZone":"Europe\/Berlin","error":false,"teilnehmer":["test@local.de"],"start":"2021-02-02CET13:00:00","end":"2021-02-02CET13:45:00","duration":45,"name":"testAPINEW","moderator":"test@local.de","server":"meet.jit.si2","joinBrowser":"http:\/\/localhost:8000\/room\/join\/b\/84","joinApp":"http:\/\/localhost:8000\/room\/join\/a\/84"}"#)
        let clone: JSONValue = [
            "error": true, "text": "No Server found. The server mus be allowed to be cloned to autoscale",
            "hint": "use the command php bin/console app:server:allowTo #serverid to allow to clone",
        ]
        #expect(clone.jsonString(.php)
            == #"{"error":true,"text":"No Server found. The server mus be allowed to be cloned to autoscale","hint":"use the command php bin\/console app:server:allowTo #serverid to allow to clone"}"#)
        let user: JSONValue = [
            "uid": "abc", "user": "o'neil@example.com", "error": false,
            "text": "Teilnehmer o'neil@example.com erfolgreich hinzugefügt",
        ]
        #expect(user.jsonString(.php)
            == #"{"uid":"abc","user":"o\u0027neil@example.com","error":false,"text":"Teilnehmer o\u0027neil@example.com erfolgreich hinzugef\u00fcgt"}"#)
    }

    @Test("PHP keys are escaped like values")
    func phpKeys() {
        let value: JSONValue = ["a/b": "<ä>"]
        #expect(value.jsonString(.php) == #"{"a\/b":"\u003C\u00e4\u003E"}"#)
    }

    @Test("PHP float text (serialize_precision -1)", arguments: [
        (JSONNumber.integer(45), "45"),
        (.integer(-3), "-3"),
        (.double(45.0), "45"),
        (.double(0.1), "0.1"),
        (.double(-0.0), "-0"),
        (.double(0), "0"),
        (.double(1e15), "1000000000000000"),
        (.double(1e16), "10000000000000000"),
        (.double(1e17), "1.0e+17"),
        (.double(1.2345678901234568e17), "1.2345678901234568e+17"),
        (.double(12_345_678_901_234_568), "12345678901234568"),
        (.double(1e25), "1.0e+25"),
        (.double(1.5e300), "1.5e+300"),
        (.double(0.0001), "0.0001"),
        (.double(0.00001), "1.0e-5"),
        (.double(0.000012345), "1.2345e-5"),
        (.double(-2.5), "-2.5"),
        (.double(1234.5678), "1234.5678"),
        (.double(.infinity), "0"),
        (.double(.nan), "0"),
    ])
    func phpNumbers(number: JSONNumber, text: String) {
        #expect(number.phpText == text)
    }

    @Test("the PHP writer uses PHP number text")
    func phpNumbersInDocuments() {
        let value: JSONValue = ["a": 1e25, "b": 2, "c": 0.5]
        #expect(value.jsonString(.php) == #"{"a":1.0e+25,"b":2,"c":0.5}"#)
        #expect(value.jsonString() == #"{"a":1e+25,"b":2,"c":0.5}"#)
    }

    // MARK: Pretty

    @Test("pretty output matches JSON.stringify(value, null, 2)")
    func pretty() {
        let value: JSONValue = ["a": 1, "b": [true, ["c": nil]], "e": [], "f": [:], "s": "/"]
        let expected = """
        {
          "a": 1,
          "b": [
            true,
            {
              "c": null
            }
          ],
          "e": [],
          "f": {},
          "s": "/"
        }
        """
        #expect(value.jsonString(.pretty) == expected)
        #expect(JSONValue.array([]).jsonString(.pretty) == "[]")
        #expect(JSONValue.string("x").jsonString(.pretty) == "\"x\"")
    }

    @Test("pretty output can use PHP escaping too")
    func prettyPHP() {
        let writer = JSONWriter(escaping: .php, pretty: true)
        #expect(writer.string(["a": "/"]) == "{\n  \"a\": \"\\/\"\n}")
    }

    // MARK: Helpers

    @Test("quoted produces one string literal in each style")
    func quoted() {
        #expect(JSONWriter.standard.quoted("a\"/é") == #""a\"/é""#)
        #expect(JSONWriter.php.quoted("a\"/é") == #""a\u0022\/\u00e9""#)
        #expect(JSONWriter.standard.quoted("") == #""""#)
    }

    @Test("write appends to an existing buffer")
    func appendToBuffer() {
        var buffer = Array("prefix:".utf8)
        JSONWriter.standard.write([1, 2], into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "prefix:[1,2]")
    }
}
