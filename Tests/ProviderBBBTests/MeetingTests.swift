import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
import Foundation
import Testing
@testable import ProviderBBB

@Suite("BBB meetings")
struct MeetingTests {
    @Test("create answers the exact element order and values")
    func createGolden() async throws {
        let t = try await BBB.make()
        let response = await BBB.call(t, "create", "name=Test&meetingID=Test&attendeePW=ap&moderatorPW=mp&voiceBridge=70757")
        #expect(response.status == 200)
        #expect(response.headers.first("Cache-Control") == "no-cache")
        #expect(BBB.text(response) == (try BBB.golden("create-success.xml")))
        // Idempotent repeat with the same values and duplicateWarning.
        let again = await BBB.call(t, "create", "name=Test&meetingID=Test")
        #expect(BBB.element("internalMeetingID", in: again) == "640ab2bae07bedc4c163f679a746f7ab7fb5d1fa-1795341600000")
        #expect(BBB.element("messageKey", in: again) == "duplicateWarning")
        #expect(BBB.element("message", in: again) == "This conference was already in existence and may currently be in progress.")
        let clash = await BBB.call(t, "create", "name=Test&meetingID=Test&attendeePW=zz&moderatorPW=mp")
        #expect(BBB.text(clash) == BBB.failed("idNotUnique", "A meeting already exists with that meeting ID.  Please use a different meeting ID."))
        let bridge = await BBB.call(t, "create", "name=Other&meetingID=Other&voiceBridge=70757")
        #expect(BBB.text(bridge) == "<response><returncode>FAILED</returncode><errors><error><key>nonUniqueVoiceBridge</key><message>The selected voice bridge is already in use.</message></error></errors></response>")
    }

    @Test("generated passwords and voice bridge, metadata lower-cased, XML escaping")
    func generatedValues() async throws {
        let t = try await BBB.make()
        let create = await BBB.call(t, "create", "name=Fred%27s+%26+co&meetingID=m1&meta_endCallbackUrl=https%3A%2F%2Fe.org%2Fx&meta_bad_key=1")
        let attendeePW = try #require(BBB.element("attendeePW", in: create))
        #expect(attendeePW.count == 8)
        let bridge = try #require(BBB.element("voiceBridge", in: create).flatMap { Int($0) })
        #expect((10000...99999).contains(bridge))
        let info = await BBB.call(t, "getMeetingInfo", "meetingID=m1")
        #expect(BBB.element("meetingName", in: info) == "Fred&apos;s &amp; co")
        #expect(BBB.text(info).contains("<metadata><endcallbackurl>https://e.org/x</endcallbackurl></metadata>"))
    }

    @Test("validation errors come in precedence order", arguments: [
        ("name=ab", "missingParamMeetingID", "You must provide a meeting ID"),
        ("meetingID=a", "sizeError", "Meeting ID must be between 2 and 256 characters"),
        ("meetingID=a,b", "validationError", "Meeting ID cannot contain &apos;,&apos;"),
        ("meetingID=%20ab", "validationError", "Invalid meeting ID"),
        ("meetingID=ab", "emptyError", "You must provide a meeting name"),
        ("meetingID=ab&name=x", "sizeError", "Meeting name must be between 2 and 256 characters"),
        ("meetingID=ab&name=xy&voiceBridge=12a", "validationError", "Voice bridge must be an integral value"),
        ("meetingID=ab&name=xy&record=yes", "validationError", "Record must be a boolean value (true or false)"),
    ])
    func createValidation(query: String, key: String, message: String) async throws {
        let t = try await BBB.make()
        #expect(BBB.text(await BBB.call(t, "create", query)) == BBB.failed(key, message))
    }

    @Test("join redirects to the client; entering makes the attendee appear")
    func joinAndEnter() async throws {
        let t = try await BBB.make()
        _ = await BBB.call(t, "create", BBB.createQuery("room"))
        let empty = await BBB.call(t, "isMeetingRunning", "meetingID=room")
        #expect(BBB.element("running", in: empty) == "false")
        let join = await BBB.call(t, "join", "meetingID=room&fullName=Ada&password=mp&userdata-course=cs101")
        #expect(join.status == 302)
        let location = try #require(join.headers.first("Location"))
        #expect(location.hasPrefix("http://127.0.0.1:8080/html5client/join?sessionToken="))
        let before = await BBB.call(t, "getMeetingInfo", "meetingID=room")
        #expect(BBB.element("participantCount", in: before) == "0")
        let page = await t.send(.GET, String(location.dropFirst("http://127.0.0.1:8080".count)))
        #expect(page.status == 200)
        #expect(page.headers.first("Content-Type") == "text/html; charset=utf-8")
        let info = await BBB.call(t, "getMeetingInfo", "meetingID=room")
        #expect(BBB.element("participantCount", in: info) == "1")
        #expect(BBB.element("running", in: info) == "true")
        #expect(BBB.element("hasUserJoined", in: info) == "true")
        #expect(BBB.element("moderatorCount", in: info) == "1")
        #expect(BBB.text(info).contains("<role>MODERATOR</role><isPresenter>true</isPresenter>"))
        #expect(BBB.text(info).contains("<clientType>HTML5</clientType><customdata><course>cs101</course></customdata></attendee>"))
        #expect(BBB.element("running", in: await BBB.call(t, "isMeetingRunning", "meetingID=room")) == "true")
        // Leaving removes the attendee.
        let token = String(location.split(separator: "=").last ?? "")
        let leave = await t.send(.GET, "/html5client/leave?sessionToken=\(token)")
        #expect(leave.status == 302)
        #expect(BBB.element("participantCount", in: await BBB.call(t, "getMeetingInfo", "meetingID=room")) == "0")
        #expect(await t.send(.GET, "/html5client/join?sessionToken=nope").status == 404)
    }

    @Test("join with redirect=false answers XML in order; attendeeOnJoin enters at once")
    func joinXML() async throws {
        let t = try await BBB.make()
        _ = try await t.engine.updateSettings(namespace: "default", provider: .bbb, patch: ["attendeeOnJoin": true])
        _ = await BBB.call(t, "create", BBB.createQuery("room"))
        let join = await BBB.call(t, "join", "meetingID=room&fullName=Alan&role=viewer&redirect=false&userID=u7")
        let body = BBB.text(join)
        let token = try #require(BBB.element("session_token", in: join))
        #expect(token.count == 16)
        let expectedStart = "<response><returncode>SUCCESS</returncode><messageKey>successfullyJoined</messageKey><message>You have joined successfully.</message><meeting_id>"
        #expect(body.hasPrefix(expectedStart))
        #expect(body.hasSuffix("<guestStatus>ALLOW</guestStatus><url>http://127.0.0.1:8080/html5client/join?sessionToken=\(token)</url></response>"))
        #expect(BBB.element("user_id", in: join)?.hasPrefix("w_") == true)
        let info = await BBB.call(t, "getMeetingInfo", "meetingID=room")
        #expect(BBB.text(info).contains("<userID>u7</userID><fullName>Alan</fullName><role>VIEWER</role><isPresenter>false</isPresenter>"))
    }

    @Test("join errors: XML with redirect=false, 302 with errors= otherwise")
    func joinErrors() async throws {
        let t = try await BBB.make()
        _ = await BBB.call(t, "create", BBB.createQuery("room", "guestPolicy=ALWAYS_DENY&maxParticipants=1"))
        let xml = await BBB.call(t, "join", "meetingID=room&fullName=A&password=wrong&redirect=false")
        #expect(BBB.text(xml) == BBB.failed("invalidPassword", "The provided password is neither a moderator or attendee password"))
        let redirect = await BBB.call(t, "join", "meetingID=nope&fullName=A&password=mp&errorRedirectUrl=https%3A%2F%2Fe.org%2Ferr%3Fa%3D1")
        #expect(redirect.status == 302)
        #expect(redirect.headers.first("Location")
            == "https://e.org/err?a=1&errors=%5B%7B%22message%22%3A%22A%20meeting%20with%20that%20ID%20does%20not%20exist%22%2C%22key%22%3A%22invalidMeetingIdentifier%22%7D%5D")
        let fallback = await BBB.call(t, "join", "meetingID=room&fullName=A")
        #expect(fallback.headers.first("Location")?.hasPrefix("http://127.0.0.1:8080?errors=") == true)
        let denied = await BBB.call(t, "join", "meetingID=room&fullName=A&role=VIEWER&password=bad&redirect=0")
        #expect(BBB.text(denied) == BBB.failed("guestDeniedAccess", "You have been denied access to this meeting based on the meeting&apos;s guest policy"))
        let created = try #require(BBB.element("createTime", in: await BBB.call(t, "getMeetingInfo", "meetingID=room")))
        let mismatch = await BBB.call(t, "join", "meetingID=room&fullName=A&role=MODERATOR&createTime=1&redirect=false")
        #expect(BBB.element("messageKey", in: mismatch) == "mismatchCreateTimeParam")
        let ok = await BBB.call(t, "join", "meetingID=room&fullName=A&role=MODERATOR&createTime=\(created)&redirect=false")
        #expect(BBB.element("returncode", in: ok) == "SUCCESS")
    }

    @Test("end removes the meeting, queues callbacks, and re-create makes a new internal ID")
    func endMeeting() async throws {
        let t = try await BBB.make()
        _ = await BBB.call(t, "create", BBB.createQuery("room", "meta_endCallbackUrl=https%3A%2F%2Fe.org%2Fend&meetingEndedURL=https%3A%2F%2Fe.org%2Fended"))
        let wrong = await BBB.call(t, "end", "meetingID=room&password=nope")
        #expect(BBB.text(wrong) == BBB.failed("invalidPassword", "The supplied moderator password is incorrect"))
        let end = await BBB.call(t, "end", "meetingID=room&password=mp")
        #expect(BBB.text(end) == "<response><returncode>SUCCESS</returncode><messageKey>sentEndMeetingRequest</messageKey><message>A request to end the meeting was sent.  Please wait a few seconds, and then use the getMeetingInfo or isMeetingRunning API calls to verify that it was ended.</message></response>")
        #expect(BBB.text(await BBB.call(t, "getMeetingInfo", "meetingID=room")) == BBB.failed("notFound", "A meeting with that ID does not exist"))
        #expect(BBB.text(await BBB.call(t, "getMeetings", "")) == (try BBB.golden("getMeetings-empty.xml")))
        let outbox = try await t.engine.outbox(namespace: "default", filter: OutboxFilter(kind: "callback"))
        let urls = Set(outbox.compactMap(\.url))
        #expect(urls == ["https://e.org/end?recordingmarks=false&meetingID=room", "https://e.org/ended"])
        let again = await BBB.call(t, "create", BBB.createQuery("room"))
        #expect(BBB.element("internalMeetingID", in: again) == SHA1.hexDigest("room") + "-1795341600001")
    }

    @Test("insertDocument stores documents and answers the no-messageKey shapes")
    func insertDocument() async throws {
        let t = try await BBB.make()
        let xml = [("Content-Type", "text/xml")]
        let body = Array("<modules><module name=\"presentation\"><document name=\"a.pdf\">JVBERi0xLjQK</document></module></modules>".utf8)
        let missing = await t.send(.POST, "/test/api/insertDocument?\(BBB.signed("insertDocument", "meetingID=none"))",
                                   headers: xml, body: body)
        #expect(BBB.text(missing) == "<response><returncode>FAILED</returncode><message>Meeting with id [none] not found.</message></response>")
        _ = await BBB.call(t, "create", BBB.createQuery("room"))
        let ok = await t.send(.POST, "/test/api/insertDocument?\(BBB.signed("insertDocument", "meetingID=room"))",
                              headers: xml, body: body)
        #expect(BBB.text(ok) == "<response><returncode>SUCCESS</returncode><message>Presentation is being uploaded</message></response>")
        let state = try await t.engine.exportState(namespace: "default")
        #expect(state["bbb"]?["meetings"]?[0]?["documents"]?[0]?["bytes"]?.intValue == 9)
    }
}
