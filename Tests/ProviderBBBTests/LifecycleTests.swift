import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
import Foundation
import Testing
@testable import ProviderBBB

@Suite("BBB lifecycle, recordings, faults and fixtures")
struct LifecycleTests {
    @Test("a meeting nobody joined expires after 5 minutes")
    func expiresWithoutUsers() async throws {
        let t = try await BBB.make()
        _ = await BBB.call(t, "create", BBB.createQuery("room"))
        let (_, early) = try await t.engine.advanceClock(namespace: "default", seconds: 299)
        #expect(early.isEmpty)
        let (_, events) = try await t.engine.advanceClock(namespace: "default", seconds: 1)
        #expect(events.map(\.name) == ["bbb.meeting.expired"])
        #expect(events.first?.subject["reason"]?.stringValue == "noUserJoined")
        #expect(events.first?.subject["meetingID"]?.stringValue == "room")
        #expect(BBB.element("running", in: await BBB.call(t, "isMeetingRunning", "meetingID=room")) == "false")
        #expect(BBB.element("messageKey", in: await BBB.call(t, "getMeetingInfo", "meetingID=room")) == "notFound")
    }

    @Test("the last user leaving expires the meeting after 1 minute; duration and noModerator end it")
    func otherEndings() async throws {
        let t = try await BBB.make()
        _ = await BBB.call(t, "create", BBB.createQuery("room"))
        let route = try #require(BBBProvider().controlRoutes.first)
        #expect(route.operation == "control.attendees.add")
        let context = try await t.engine.controlContext(namespace: "default", provider: .bbb)
        let request = ProviderRequest(http: TestRequest.make(.POST, "/x", body: Array(#"{"fullName":"Ada","role":"MODERATOR","userID":"ada"}"#.utf8)),
                                      parameters: ["meetingID": "room"], operation: route.operation, context: context)
        let created = try await route.handler(request)
        #expect(created.status == 201)
        let removeContext = try await t.engine.controlContext(namespace: "default", provider: .bbb)
        let remove = BBBProvider().controlRoutes[1]
        let removed = try await remove.handler(ProviderRequest(http: TestRequest.make(.DELETE, "/x"),
                                                               parameters: ["meetingID": "room", "userID": "ada"],
                                                               operation: remove.operation, context: removeContext))
        #expect(removed.status == 204)
        let (_, events) = try await t.engine.advanceClock(namespace: "default", seconds: 60)
        #expect(events.map(\.name) == ["bbb.meeting.expired"])
        #expect(events.first?.subject["reason"]?.stringValue == "lastUserLeft")

        _ = await BBB.call(t, "create", BBB.createQuery("timed", "duration=2"))
        _ = await BBB.call(t, "join", "meetingID=timed&fullName=A&role=MODERATOR&redirect=false")
        _ = await BBB.call(t, "create", BBB.createQuery("nomod", "endWhenNoModerator=true&endWhenNoModeratorDelayInMinutes=1"))
        let join = await BBB.call(t, "join", "meetingID=nomod&fullName=V&role=VIEWER")
        let location = try #require(join.headers.first("Location"))
        _ = await t.send(.GET, String(location.dropFirst("http://127.0.0.1:8080".count)))
        let (_, later) = try await t.engine.advanceClock(namespace: "default", seconds: 120)
        #expect(later.map(\.name).contains("bbb.meeting.noModerator"))
        #expect(later.map(\.name).contains("bbb.meeting.durationReached"))
    }

    @Test("a recorded meeting is processed, published, and both callbacks are queued")
    func recording() async throws {
        let t = try await BBB.make()
        let query = BBB.createQuery("rec", "record=true&autoStartRecording=true&meta_bbb-recording-ready-url=https%3A%2F%2Fe.org%2Fready")
        _ = await BBB.call(t, "create", query)
        let join = await BBB.call(t, "join", "meetingID=rec&fullName=Ada&role=MODERATOR")
        let location = try #require(join.headers.first("Location"))
        _ = await t.send(.GET, String(location.dropFirst("http://127.0.0.1:8080".count)))
        _ = try await t.engine.advanceClock(namespace: "default", seconds: 90)
        _ = await BBB.call(t, "end", "meetingID=rec")
        let processing = await BBB.call(t, "getRecordings", "state=processing")
        #expect(BBB.element("state", in: processing) == "processing")
        #expect(BBB.text(processing).contains("<size>0</size><playback></playback><data></data>"))
        #expect(BBB.text(await BBB.call(t, "getRecordings", "")) == (try BBB.golden("getRecordings-empty.xml")))
        let (_, events) = try await t.engine.advanceClock(namespace: "default", seconds: 60)
        #expect(events.map(\.name) == ["bbb.recording.published"])
        let published = await BBB.call(t, "getRecordings", "meetingID=rec")
        let recordID = SHA1.hexDigest("rec") + "-1795341600000"
        #expect(BBB.element("recordID", in: published) == recordID)
        #expect(BBB.text(published).contains("<published>true</published><state>published</state>"))
        #expect(BBB.text(published).contains("<participants>1</participants><rawSize>720000</rawSize><metadata><isBreakout>false</isBreakout><meetingName>rec</meetingName><meetingId>rec</meetingId><bbb-recording-ready-url>https://e.org/ready</bbb-recording-ready-url></metadata><size>180000</size>"))
        #expect(BBB.text(published).contains("<url>http://127.0.0.1:8080/playback/presentation/2.3/\(recordID)</url><processingTime>60000</processingTime><length>1</length><size>180000</size>"))
        let ready = try await t.engine.outbox(namespace: "default", filter: OutboxFilter(event: "bbb.callback.recordingReady"))
        let entry = try #require(ready.first)
        #expect(entry.method == "POST")
        #expect(entry.url == "https://e.org/ready")
        let token = String(entry.body.dropFirst("signed_parameters=".count))
        let parts = token.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        #expect(Base64URL.decode(parts[0]).map { String(decoding: $0, as: UTF8.self) } == #"{"typ":"JWT","alg":"HS256"}"#)
        #expect(Base64URL.decode(parts[1]).map { String(decoding: $0, as: UTF8.self) }
            == "{\"meeting_id\":\"rec\",\"record_id\":\"\(recordID)\"}")
        let signature = HMAC<SHA256>.authenticationCode(for: Array("\(parts[0]).\(parts[1])".utf8), key: Array(BBB.secret.utf8))
        #expect(Base64URL.encode(signature) == parts[2])
        #expect(await t.send(.GET, "/playback/presentation/2.3/\(recordID)").status == 200)

        // publish / update / delete.
        #expect(BBB.text(await BBB.call(t, "publishRecordings", "recordID=\(recordID)&publish=false"))
            == "<response><returncode>SUCCESS</returncode><published>false</published></response>")
        #expect(BBB.element("state", in: await BBB.call(t, "getRecordings", "recordID=\(SHA1.hexDigest("rec"))")) == "unpublished")
        #expect(await t.send(.GET, "/playback/presentation/2.3/\(recordID)").status == 404)
        _ = await BBB.call(t, "updateRecordings", "recordID=\(recordID)&meta_gl-listed=true")
        #expect(BBB.text(await BBB.call(t, "getRecordings", "meta_gl-listed=tr%25")).contains("<gl-listed>true</gl-listed>"))
        #expect(BBB.text(await BBB.call(t, "deleteRecordings", "recordID=\(recordID)"))
            == "<response><returncode>SUCCESS</returncode><deleted>true</deleted></response>")
        #expect(BBB.element("state", in: await BBB.call(t, "getRecordings", "state=deleted")) == "deleted")
        #expect(BBB.text(await BBB.call(t, "deleteRecordings", "recordID=\(recordID)"))
            == BBB.failed("notFound", "We could not find recordings"))
        #expect(BBB.text(await BBB.call(t, "publishRecordings", "recordID=x"))
            == BBB.failed("missingParamPublish", "You must specify a publish value true or false."))
        #expect(BBB.text(await BBB.call(t, "updateRecordings", ""))
            == BBB.failed("missingParamRecordID", "You must specify a recordID."))
    }

    @Test("fixture meetings and recordings are served, paginated and round-trip through the state")
    func fixtures() async throws {
        let t = try await BBB.make()
        let section = try JSONValue(parsing: try Data(contentsOf: FixturesLocator.url("bbb/classroom-section.json")).map { $0 })
        _ = try await t.engine.createNamespace(name: "classroom", seed: 3, fixtures: ["bbb": section])
        let info = await BBB.call(t, "getMeetingInfo", "meetingID=physics-101", prefix: "/classroom/api",
                                  secret: "5f0c1f4e-3b7a-4c1d-9e2f-6a8b7c9d0e1f")
        #expect(BBB.element("participantCount", in: info) == "2")
        #expect(BBB.element("recording", in: info) == "true")
        let recordings = await BBB.call(t, "getRecordings", "meta_course=%25201&limit=1", prefix: "/classroom/api",
                                        secret: "5f0c1f4e-3b7a-4c1d-9e2f-6a8b7c9d0e1f")
        #expect(BBB.text(recordings).contains("<name>Chemistry 201</name>"))
        #expect(BBB.text(recordings).hasSuffix("</recordings><totalElements>1</totalElements></response>"))
        #expect(BBB.text(recordings).contains("<length>45</length>"))
        let state = try await t.engine.exportState(namespace: "classroom")
        let bbb = try #require(state["bbb"])
        #expect(bbb["meetings"]?[0]?["attendees"]?.count == 2)
        // Round trip: a new namespace from the exported state serves the same.
        var copy = bbb
        _ = copy.set("key", "classroom2")
        _ = copy.set("secret", "another-secret")
        _ = try await t.engine.createNamespace(name: "copy", seed: 3, fixtures: ["bbb": copy])
        let again = try await t.engine.exportState(namespace: "copy")
        #expect(again["bbb"]?["meetings"]?.jsonString() == bbb["meetings"]?.jsonString())
        #expect(again["bbb"]?["recordings"]?.jsonString() == bbb["recordings"]?.jsonString())
        // Isolation: the default namespace sees none of it.
        #expect(BBB.text(await BBB.call(t, "getMeetings", "")) == (try BBB.golden("getMeetings-empty.xml")))
    }

    @Test("duplicate keys and secrets are refused with 409; bad keys with 400")
    func credentials() async throws {
        let t = try await BBB.make()
        await #expect(throws: EngineError.self) {
            _ = try await t.engine.createNamespace(name: "x", seed: nil, fixtures: ["bbb": ["key": "test"]])
        }
        do {
            _ = try await t.engine.createNamespace(name: "y", seed: nil, fixtures: ["bbb": ["secret": .string(BBB.secret)]])
            Issue.record("expected a conflict")
        } catch let error as EngineError {
            #expect(error.status == 409)
            #expect(error.message == "bbb secret is already used by namespace 'default'")
        }
        do {
            _ = try await t.engine.createNamespace(name: "z", seed: nil, fixtures: ["bbb": ["key": "vpaas"]])
            Issue.record("expected invalidFixtures")
        } catch let error as EngineError {
            #expect(error.status == 400)
            #expect(error.code == "invalidFixtures")
        }
        let generated = try await t.engine.createNamespace(name: "gen", seed: 5, fixtures: nil)
        let key = try #require(generated.configuration(.bbb)["key"]?.stringValue)
        #expect(key.count == 12 && key.hasPrefix("k"))
    }

    @Test("a fault rule with times 2 fails exactly twice; join faults redirect; the header fires once")
    func faults() async throws {
        let t = try await BBB.make()
        _ = try await t.engine.addFault(namespace: "default", document: [
            "match": ["provider": "bbb", "operation": "create"], "trigger": ["times": 2],
            "effect": ["error": "idNotUnique"],
        ])
        let expected = BBB.failed("idNotUnique", "A meeting already exists with that meeting ID.  Please use a different meeting ID.")
        #expect(BBB.text(await BBB.call(t, "create", BBB.createQuery("room"))) == expected)
        #expect(BBB.text(await BBB.call(t, "create", BBB.createQuery("room"))) == expected)
        #expect(BBB.element("returncode", in: await BBB.call(t, "create", BBB.createQuery("room"))) == "SUCCESS")
        let join = await BBB.call(t, "join", "meetingID=room&fullName=A&role=MODERATOR",
                                  headers: [("X-Confemu-Fault", "meetingForciblyEnded")])
        #expect(join.status == 302)
        #expect(join.headers.first("Location")?.contains("meetingForciblyEnded") == true)
        let xml = await BBB.call(t, "join", "meetingID=room&fullName=A&role=MODERATOR",
                                 headers: [("X-Confemu-Fault", "paramsRequiredRole")])
        #expect(BBB.element("messageKey", in: xml) == "Params required")
        let status500 = await BBB.call(t, "getMeetings", "", headers: [("X-Confemu-Fault", "checksumError500")])
        #expect(status500.status == 500)
        // The header changed nothing: the meeting has no attendee and serves normally.
        #expect(BBB.element("participantCount", in: await BBB.call(t, "getMeetingInfo", "meetingID=room")) == "0")
        let unknown = await BBB.call(t, "getMeetings", "", headers: [("X-Confemu-Fault", "nope")])
        #expect(BBB.element("returncode", in: unknown) == "SUCCESS")
        #expect(unknown.headers.first("X-Confemu-Diagnostic") == "unknown fault key \"nope\"")
    }

    @Test("the catalogue lists every key of bbb.md 12 in order")
    func catalogue() {
        let keys = BBBProvider().catalogue.keys
        #expect(keys.count == 39)
        #expect(keys.first == "checksumError")
        #expect(keys.last == "apiNotEnabled")
        #expect(keys.contains("insertDocumentNotFound"))
    }
}
