import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import ConfemuTesting
import Foundation
import ProviderProConf
import Testing

@Suite("ProCONF webhooks, archives, admin API, namespaces")
struct LifecycleTests {
    func sessionId(_ h: ProConfHarness, _ link: String) async throws -> String {
        let response = await h.send(.POST, "/session/\(link)/token", headers: h.bearer(), body: "{}")
        return try #require(response.json["sessionId"]?.stringValue)
    }

    func webhook(_ h: ProConfHarness, _ body: String) async -> HTTPResponse {
        await h.send(.POST, "/webhooks/session", body: body)
    }

    @Test("webhooks insert and mark attendees; ?active=true is exact; Twilio forms; quirks")
    func webhooks() async throws {
        let h = try await ProConfHarness.make()
        let link = try await h.createSession()
        let sid = try await sessionId(h, link)
        let created = #"{"sessionId":"\#(sid)","event":"connectionCreated","connection":{"id":"c1","data":"alice"}}"#
        #expect(await webhook(h, created).status == 204)
        let list = await h.send(.GET, "/session/\(link)/attendees?active=true", headers: h.bearer())
        let now = ProConfTestTime.iso(h.nowSeconds * 1000)
        #expect(list.text == #"[{"id":1,"sessionId":"\#(sid)","attendee":"alice","createdOn":"\#(now)","modifiedOn":null,"isDeleted":false,"extId":null,"extMetadata":{"webhookPayload":\#(created)}}]"#)
        let muted = #"{"sessionId":"\#(sid)","event":"streamDestroyed","reason":"mediaStopped","stream":{"connection":{"data":"alice"}}}"#
        _ = await webhook(h, muted)
        #expect(await h.send(.GET, "/session/\(link)/attendees?active=true", headers: h.bearer()).json.count == 1)
        let gone = #"{"sessionId":"\#(sid)","event":"streamDestroyed","reason":"clientDisconnected","stream":{"connection":{"data":"alice"}}}"#
        _ = await webhook(h, gone)
        #expect(await h.send(.GET, "/session/\(link)/attendees?active=true", headers: h.bearer()).json.count == 0)
        #expect(await h.send(.GET, "/session/\(link)/attendees?active=TRUE", headers: h.bearer()).json.count == 1)

        let form = await h.send(.POST, "/webhooks/session",
                                body: "StatusCallbackEvent=participant-connected&RoomSid=\(sid)&ParticipantSid=PA1",
                                contentType: "application/x-www-form-urlencoded")
        #expect(form.status == 204)
        let all = await h.send(.GET, "/session/\(link)/attendees", headers: h.bearer())
        #expect(all.json[1]?["attendee"]?.stringValue == "PA1")
        #expect(all.json[1]?["extMetadata"]?["webhookPayload"]?.jsonString()
                == #"{"StatusCallbackEvent":"participant-connected","RoomSid":"\#(sid)","ParticipantSid":"PA1"}"#)

        let quirk = await h.send(.POST, "/webhooks/session", headers: [("X-Confemu-Fault", "upstreamWebhook500")],
                                 body: #"{"sessionId":"\#(sid)","event":"connectionCreated","connection":{"data":"bob"}}"#)
        #expect(quirk.status == 500)
        #expect(await h.send(.GET, "/session/\(link)/attendees", headers: h.bearer()).json.count == 2)
        let refused = await h.send(.POST, "/webhooks/session", headers: [("X-Confemu-Fault", "webhookFormPost415")],
                                   body: "a=b", contentType: "application/x-www-form-urlencoded")
        #expect(refused.status == 415)
    }

    @Test("full flow: archived session ends, archive processes, admin lists the meeting")
    func fullFlow() async throws {
        let h = try await ProConfHarness.make()
        let link = try await h.createSession(#"{"enableArchiving":true}"#)
        let sid = try await sessionId(h, link)
        _ = await webhook(h, #"{"sessionId":"\#(sid)","event":"connectionCreated","connection":{"data":"alice"}}"#)
        let status = await h.send(.GET, "/api/sessions-status/\(link)", headers: h.admin)
        #expect(status.text == #"{"error":null,"data":{"transcript_status":false,"recording_status":true}}"#)
        h.t.wallClock.advance(seconds: 20)
        #expect(await h.send(.PATCH, "/session/\(link)/end", headers: h.bearer()).status == 204)
        let start = h.nowSeconds - 20
        let meetings = await h.send(.GET, "/api/meetings", headers: h.admin)
        #expect(meetings.contentType == "application/json; charset=utf-8")
        #expect(meetings.text == #"{"error":null,"data":[{"room_name":"\#(link)","unique_id":"\#(link)_\#(start)","created_at":"\#(ProConfTestTime.iso(start * 1000))","destroyed_at":"\#(ProConfTestTime.iso(h.nowSeconds * 1000))"}]}"#)
        let list = await h.send(.GET, "/archives", headers: h.bearer())
        let archive = try #require(list.json["items"]?[0]?["metaData"])
        let id = try #require(archive["id"]?.stringValue)
        #expect(archive.keys == ["createdAt", "duration", "hasAudio", "hasVideo", "id", "name", "outputMode",
                                 "projectId", "reason", "resolution", "sessionId", "size", "status", "streamMode",
                                 "streams", "url"])
        #expect(archive["status"]?.stringValue == "stopped")
        #expect(archive["duration"]?.intValue == 20)
        #expect(await h.send(.DELETE, "/archives/\(id)", headers: h.bearer()).status == 500)
        let events = try await h.advance(30)
        #expect(events.map(\.name) == ["proconf.archive.available"])
        let got = await h.send(.GET, "/archives/\(id)", headers: h.bearer())
        #expect(got.json["metaData"]?["size"]?.intValue == 20 * 125_000)
        #expect(got.json["metaData"]?["url"]?.stringValue == "https://archives.confemu.test/46000001/\(id)/archive.mp4")
        #expect(await h.send(.GET, "/archives/\(id)", headers: h.bearer() + [("X-Confemu-Fault", "archiveNeverLinked404")]).status == 404)
        #expect(await h.send(.DELETE, "/archives/\(id)", headers: h.bearer()).status == 204)
        let after = await h.send(.GET, "/archives/\(id)", headers: h.bearer())
        #expect(after.text == #"{"error":{"statusCode":404,"name":"NotFoundError","message":"Archive Not Found"}}"#)
        let hidden = await h.send(.GET, "/archives/\(id)", headers: h.bearer() + [("X-Confemu-Fault", "deletedArchive500")])
        #expect(hidden.status == 500)
        let summary = await h.send(.GET, "/api/call-summary/\(link)", headers: h.admin)
        #expect(summary.text == #"{"error":null,"data":{"id":1,"meeting_id":1,"room_name":"\#(link)","file_url":"\#(link)_\#(start)/summary.txt"}}"#)
    }

    @Test("storage target: three 400s, then 204, and archives finish as uploaded")
    func storageTarget() async throws {
        let h = try await ProConfHarness.make()
        for (body, message) in [(#"{"name":"GCS"}"#, "Unsupported storage type"),
                                (#"{"name":"AWSS3"}"#, "S3 bucket name is required"),
                                (#"{"name":"AZURE","accountName":""}"#, "Azure account name is required")] {
            let response = await h.send(.PUT, "/archives/storage-target", headers: h.bearer(), body: body)
            #expect(response.json["error"]?["message"]?.stringValue == message)
        }
        let link = try await h.createSession(#"{"enableArchiving":true}"#)
        let sid = try await sessionId(h, link)
        _ = await webhook(h, #"{"sessionId":"\#(sid)","event":"connectionCreated","connection":{"data":"a"}}"#)
        _ = await h.send(.PATCH, "/session/\(link)/end", headers: h.bearer())
        #expect(await h.send(.PUT, "/archives/storage-target", headers: h.bearer(), body: #"{"name":"AWSS3","bucket":"b"}"#).status == 204)
        let events = try await h.advance(31)
        #expect(events.map(\.name) == ["proconf.archive.uploaded"])
        let item = await h.send(.GET, "/archives", headers: h.bearer())
        #expect(item.json["items"]?[0]?["metaData"]?["status"]?.stringValue == "uploaded")
        #expect(item.json["items"]?[0]?["metaData"]?["url"]?.isNull == true)
    }

    @Test("admin API: auth, 404s, configuration, ProCONF token, catch-up")
    func admin() async throws {
        let h = try await ProConfHarness.make()
        let none = await h.t.send(.GET, "/api/meetings")
        #expect(none.text == #"{"data":null,"error":{"code":401,"message":"Unauthorized"}}"#)
        #expect(await h.t.send(.GET, "/api/meetings", headers: [("Authorization", "Bearer nope")]).status == 401)
        let wrong = await h.t.send(.POST, "/api/meetings", headers: h.admin)
        #expect(wrong.text == #"{"error":{"code":404,"message":"Not found"},"data":null}"#)
        #expect(h.journal().first?.operation == "admin.unmatched")
        let config = await h.t.send(.GET, "/api/configuration", headers: h.admin)
        #expect(config.json["data"]?["features"]?.count == 11)
        let token = await h.send(.POST, "/api/proconf-token", headers: h.admin, body: #"{"room":"Math-7","participantName":"Ann"}"#)
        let jwt = try #require(token.json["data"]?.stringValue)
        let claims = jwtPayload(jwt)
        #expect(claims.keys == ["aud", "iss", "sub", "room", "nbf", "context", "participantName", "iat", "exp"])
        #expect(claims["iss"]?.stringValue == "proconf")
        #expect(claims["room"]?.stringValue == "math-7")
        #expect(claims["nbf"]?.int64Value == h.nowSeconds - 3600)
        #expect(claims["exp"]?.int64Value == h.nowSeconds + 604_800)
        #expect((try? JWT.verify(jwt, secret: ProConfHarness.defaultSecret, now: h.t.wallClock.now())) != nil)
        let missing = await h.send(.POST, "/api/proconf-token", headers: h.admin, body: "{}")
        #expect(missing.text == #"{"data":null,"error":{"code":400,"message":"Room name required."}}"#)
        let blank = await h.t.send(.GET, "/api/sessions-status/", headers: h.admin)
        #expect(blank.text == #"{"data":null,"error":{"code":400,"message":"Room name required in query param."}}"#)
        let unknown = await h.t.send(.GET, "/api/call-catchup/nowhere", headers: h.admin)
        #expect(unknown.text == #"{"error":{"code":404,"message":"Meeting not found"},"data":null}"#)
        // The announced room comes to life with its first control-plane connection (checklist 16).
        let connected = try await h.control(.POST, "/sessions/math-7/connections", json: #"{"attendee":"ann"}"#)
        #expect(connected.status == 201)
        let catchup = await h.t.send(.GET, "/api/call-catchup/Math-7", headers: h.admin)
        #expect(catchup.text == #"{"error":null,"data":"Meeting Summary content"}"#)
        let ended = try await h.control(.POST, "/rooms/math-7/end")
        #expect(ended.json["state"]?.stringValue == "ended")
        #expect(ended.json["activeAttendees"]?.intValue == 0)
        #expect(await h.t.send(.GET, "/api/meetings", headers: h.admin).json["data"]?.count == 1)
    }

    @Test("faults: a rule fires once; the same key on admin renders the admin envelope; header errors change nothing")
    func faults() async throws {
        let h = try await ProConfHarness.make()
        _ = try await h.t.engine.addFault(namespace: "default", document: [
            "match": ["provider": "proconf", "operation": "session.create"], "effect": ["error": "internalError"],
        ])
        let first = await h.send(.POST, "/session", headers: h.bearer(), body: "{}")
        #expect(first.text == #"{"error":{"statusCode":500,"message":"Internal Server Error"}}"#)
        #expect(await h.send(.POST, "/session", headers: h.bearer(), body: "{}").status == 200)
        let admin = await h.t.send(.GET, "/api/meetings", headers: h.admin + [("X-Confemu-Fault", "internalError")])
        #expect(admin.text == #"{"error":{"code":500,"message":"Internal server error"},"data":null}"#)
        let link = try await h.createSession()
        let faulted = await h.send(.PATCH, "/session/\(link)/end", headers: h.bearer() + [("X-Confemu-Fault", "meetingNotFound")])
        #expect(faulted.status == 404)
        #expect(await h.send(.PATCH, "/session/\(link)/end", headers: h.bearer()).status == 204)
        let notApplicable = await h.send(.POST, "/session", headers: h.bearer() + [("X-Confemu-Fault", "domainNotFound")], body: "{}")
        #expect(notApplicable.status == 200)
        #expect(h.journal().first?.diagnostics == ["fault: domainNotFound does not apply to session.create"])
    }

    @Test("namespaces: prefix, header and JWT select; unknown → 401 per surface; isolation; 503 without a domain")
    func namespaces() async throws {
        let h = try await ProConfHarness.make()
        let info = try await h.t.engine.createNamespace(name: "ci-42", seed: 3, fixtures: ["proconf": ["domain": nil]])
        let config = info.configuration(.proconf)
        let secret = try #require(config["jwtSecret"]?.stringValue)
        #expect(secret.count == 64)
        let token = h.token(secret: secret)
        let byJWT = await h.send(.POST, "/session", headers: h.bearer(token), body: "{}")
        #expect(byJWT.headers.first("X-Confemu-Namespace") == "ci-42")
        let link = byJWT.text
        let byPrefix = await h.t.send(.GET, "/ns/ci-42/session/\(link)/attendees", headers: h.bearer(token))
        #expect(byPrefix.status == 200)
        let byHeader = await h.t.send(.GET, "/session/\(link)/attendees",
                                      headers: h.bearer(token) + [("X-Confemu-Namespace", "ci-42")])
        #expect(byHeader.headers.first("X-Confemu-Namespace") == "ci-42")
        let crossed = await h.t.send(.GET, "/session/\(link)/attendees",
                                     headers: h.bearer(token) + [("X-Confemu-Namespace", "default")])
        #expect(crossed.status == 401)
        let unknownSession = await h.t.send(.GET, "/ns/nope/session/x/attendees")
        #expect(unknownSession.text == #"{"error":{"statusCode":401,"name":"UnauthorizedError","message":{"message":"TokenExpired"}}}"#)
        let unknownAdmin = await h.t.send(.GET, "/ns/nope/api/meetings")
        #expect(unknownAdmin.text == #"{"data":null,"error":{"code":401,"message":"Unauthorized"}}"#)
        let noDomain = await h.t.send(.GET, "/ns/ci-42/api/meetings")
        #expect(noDomain.text == #"{"error":{"code":503,"message":"Domain not found."},"data":null}"#)
        let reused = await #expect(throws: EngineError.self) {
            _ = try await h.t.engine.createNamespace(name: "ci-43", seed: nil,
                                                     fixtures: ["proconf": ["jwtSecret": .string(secret)]])
        }
        #expect(reused?.code == "credentialsInUse")
        #expect(reused?.message == "proconf.jwtSecret is already used by namespace ci-42")
    }

    @Test("state round-trips through export and a new namespace, keeping pending events")
    func persistence() async throws {
        let h = try await ProConfHarness.make()
        let at = ProConfTestTime.iso((h.nowSeconds + 600) * 1000)
        let scheduled = try await h.createSession(#"{"isScheduled":true,"scheduleTime":"\#(at)"}"#)
        let archived = try await h.createSession(#"{"enableArchiving":true}"#)
        let sid = try await sessionId(h, archived)
        _ = await webhook(h, #"{"sessionId":"\#(sid)","event":"connectionCreated","connection":{"data":"a"}}"#)
        _ = await h.send(.PATCH, "/session/\(archived)/end", headers: h.bearer())
        _ = await h.send(.POST, "/api/proconf-token", headers: h.admin, body: #"{"room":"Later"}"#)
        var state = try await h.t.engine.exportState(namespace: "default")["proconf"] ?? .null
        #expect(state["sessions"]?.count == 2)
        #expect(state["announcedRooms"]?.jsonString() == #"["later"]"#)
        _ = state.removeValue(forKey: "jwtSecret")
        _ = state.removeValue(forKey: "adminKey")
        _ = try await h.t.engine.createNamespace(name: "copy", seed: 1, fixtures: ["proconf": state])
        var copied = try await h.t.engine.exportState(namespace: "copy")["proconf"] ?? .null
        for key in ["jwtSecret", "adminKey"] { _ = copied.removeValue(forKey: key) }
        #expect(copied["sessions"]?.jsonString() == state["sessions"]?.jsonString())
        #expect(copied["attendees"]?.jsonString() == state["attendees"]?.jsonString())
        #expect(copied["archives"]?.jsonString() == state["archives"]?.jsonString())
        let events = try await h.advance(600, namespace: "copy")
        #expect(Set(events.map(\.name)) == ["proconf.archive.available", "proconf.session.startable"])
        #expect(events.contains { $0.subject["meetingLink"]?.stringValue == scheduled })
    }

    @Test("the classroom section validates and builds the documented rooms")
    func classroom() async throws {
        let h = try await ProConfHarness.make()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/proconf/classroom-section.json")
        let section = try JSONValue(parsing: Array(try Data(contentsOf: url)))
        _ = try await h.t.engine.createNamespace(name: "classroom", seed: 1, fixtures: ["proconf": section])
        let key = [("Authorization", "Bearer proconf-classroom-admin-key")]
        let meetings = await h.t.send(.GET, "/api/meetings", headers: key)
        #expect(meetings.json["data"]?[0]?["room_name"]?.stringValue == "classroom-101")
        #expect(meetings.json["data"]?.count == 1)
        let token = h.token(secret: "confemu-proconf-classroom-jwt-secret-0123456789abcdef")
        let archive = await h.t.send(.GET, "/archives/3f1c2b7e-8d4a-4c1e-9b2f-5a6d7e8f9012", headers: h.bearer(token))
        #expect(archive.json["metaData"]?["status"]?.stringValue == "available")
        let active = await h.t.send(.GET, "/session/classroom-102/attendees?active=true", headers: h.bearer(token))
        #expect(active.json.count == 1)
    }
}
