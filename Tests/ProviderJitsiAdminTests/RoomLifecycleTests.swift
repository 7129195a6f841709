import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
import Foundation
import ProviderJitsiAdmin
import Testing

@Suite("Jitsi-Admin rooms")
struct RoomLifecycleTests {
    @Test("create with wiki query parameters and Bearer <key> answers the exact success body")
    func createWithQuery() async throws {
        let t = try await J.engine()
        let response = await t.send(.POST, "/api/v1/room?email=test@local.de&name=A&duration=45&server=meet.jit.si2"
                                        + "&start=2027-01-20T10:00", headers: [J.key])
        #expect(response.status == 200)
        #expect(response.headers.first("Content-Type") == "application/json")
        #expect(response.headers.first("Cache-Control") == "no-cache, private")
        let text = J.text(response)
        #expect(text.hasPrefix("{\"error\":false,\"uid\":\""))
        #expect(text.hasSuffix("\",\"text\":\"Meeting erfolgreich angelegt\"}"))
        let uid = try #require(try J.json(response)["uid"]?.stringValue)
        #expect(J.isHex32(uid))
        #expect(response.headers.first("X-Confemu-Namespace") == "default")
        #expect(response.headers.first("X-Confemu-Request-Id") != nil)
    }

    @Test("create with a form body, Bearer:<key> and the server given as numeric id")
    func createWithFormAndColon() async throws {
        let t = try await J.engine()
        let body = "email=test%40local.de&name=Form+Room&duration=30&server=1&start=2027-01-20+10%3A00"
        let response = await t.send(.POST, "/api/v1/room", headers: [("Authorization", "Bearer:TestApi"), J.form],
                                    body: Array(body.utf8))
        let value = try J.json(response)
        #expect(value["error"]?.boolValue == false)
        let uid = try #require(value["uid"]?.stringValue)
        let info = try J.json(await t.send(.GET, "/api/v1/info/\(uid)"))
        #expect(info["name"]?.stringValue == "Form Room")
        #expect(info["duration"]?.intValue == 30)
    }

    @Test("info raw body is byte-exact with PHP escaping, CORS header and no key needed")
    func infoRawBody() async throws {
        let t = try await J.engine()
        let uid = try await J.create(t, name: "Grüße <b>&'\"/x", start: "2027-01-20T10:00", duration: "45")
        let response = await t.send(.GET, "/api/v1/info/\(uid)")
        #expect(response.status == 200)
        #expect(response.headers.first("Access-Control-Allow-Origin") == "*")
        let expected = #"{"timeZone":"Europe\/Berlin","error":false,"teilnehmer":["test@local.de"],"#
            + #""start":"2027-01-20CET10:00:00","end":"2027-01-20CET10:45:00","duration":45,"#
            + #""name":"Gr\u00fc\u00dfe \u003Cb\u003E\u0026\u0027\u0022\/x","moderator":"test@local.de","#
            + #""server":"meet.jit.si2","joinBrowser":"http:\/\/127.0.0.1:8080\/room\/join\/b\/1","#
            + #""joinApp":"http:\/\/127.0.0.1:8080\/room\/join\/a\/1"}"#
        #expect(J.text(response) == expected)
    }

    @Test("dates: CEST in summer, start omitted means the namespace clock, end across the DST change")
    func dates() async throws {
        let t = try await J.engine()
        let summer = try await J.create(t, start: "2027-07-01T13:00", duration: "60")
        let info = try J.json(await t.send(.GET, "/api/v1/info/\(summer)"))
        #expect(info["start"]?.stringValue == "2027-07-01CEST13:00:00")
        #expect(info["end"]?.stringValue == "2027-07-01CEST14:00:00")
        let acrossDST = try await J.create(t, start: "2027-03-28T01:30", duration: "60")
        let dst = try J.json(await t.send(.GET, "/api/v1/info/\(acrossDST)"))
        #expect(dst["start"]?.stringValue == "2027-03-28CET01:30:00")
        #expect(dst["end"]?.stringValue == "2027-03-28CEST03:30:00")
        let gap = try await J.create(t, start: "2027-03-28T02:30", duration: "0")
        #expect(try J.json(await t.send(.GET, "/api/v1/info/\(gap)"))["start"]?.stringValue == "2027-03-28CEST03:30:00")
        _ = try await t.engine.setClock(namespace: "default", to: Date(timeIntervalSince1970: 1_814_443_200)) // 2027-07-01T12:00Z
        let now = try await J.create(t, start: "", duration: "10")
        let nowInfo = try J.json(await t.send(.GET, "/api/v1/info/\(now)"))
        #expect(nowInfo["start"]?.stringValue == "2027-07-01CEST14:00:00")
        #expect(nowInfo["end"]?.stringValue == "2027-07-01CEST14:10:00")
    }

    @Test("America/Sao_Paulo prints its numeric abbreviation -03")
    func saoPaulo() async throws {
        let t = try await J.engine()
        var section = try #require(try JSONValue(parsing: #"{"timeZone":"America/Sao_Paulo","servers":[{"url":"s","name":"S","apiKey":"SaoKey","members":["a@b.de"]}]}"#).objectValue)
        section.append((key: "rooms", value: .array([])))
        _ = try await t.engine.createNamespace(name: "sp", seed: 1, fixtures: .object([("jitsiAdmin", .object(section))]))
        let uid = try await J.create(t, start: "2021-02-01T13:00", email: "a@b.de", server: "s",
                                     headers: [("Authorization", "Bearer SaoKey")])
        let response = await t.send(.GET, "/ns/sp/api/v1/info/\(uid)")
        let info = try J.json(response)
        #expect(info["start"]?.stringValue == "2021-02-01-0313:00:00")
        #expect(info["joinBrowser"]?.stringValue == "http://127.0.0.1:8080/ns/sp/room/join/b/1")
    }

    @Test("info with an unknown uid answers no Room found with the CORS header")
    func infoUnknown() async throws {
        let t = try await J.engine()
        let response = await t.send(.GET, "/api/v1/info/0cc175b9c0f1b6a831c399e269772661")
        #expect(response.status == 200)
        #expect(J.text(response) == #"{"error":true,"text":"no Room found"}"#)
        #expect(response.headers.first("Access-Control-Allow-Origin") == "*")
        #expect(J.journal(t).first?.diagnostics.contains { $0.hasPrefix("upstream answers HTTP 500 here") } == true)
    }

    @Test("create errors: no name, bad duration, garbage start, wrong server/key/member, JSON body ignored")
    func createErrors() async throws {
        let t = try await J.engine()
        let base = "/api/v1/room?email=test@local.de&server=meet.jit.si2"
        #expect(J.text(await t.send(.POST, base + "&duration=5", headers: [J.key])) == #"{"error":true}"#)
        #expect(J.text(await t.send(.POST, base + "&name=x", headers: [J.key]))
                    == #"{"error":true,"text":"Duration incorrect"}"#)
        #expect(J.text(await t.send(.POST, base + "&name=x&duration=5&start=garbage", headers: [J.key]))
                    == #"{"error":true,"text":"Start date incorrect"}"#)
        let noServer = #"{"error":true,"text":"No Server found"}"#
        #expect(J.text(await t.send(.POST, "/api/v1/room?email=test@local.de&server=other&name=x&duration=5",
                                    headers: [J.key])) == noServer)
        #expect(J.text(await t.send(.POST, base + "&name=x&duration=5", headers: [("Authorization", "Bearer nope")]))
                    == noServer)
        #expect(J.text(await t.send(.POST, "/api/v1/room?email=other@x.de&server=meet.jit.si2&name=x&duration=5",
                                    headers: [J.key])) == noServer)
        let json = await t.send(.POST, "/api/v1/room", headers: [J.key],
                                json: ["email": "test@local.de", "name": "x", "duration": 5, "server": "meet.jit.si2"])
        // The JSON body is not read: no email at all.
        #expect(J.text(json) == #"{"error":true,"text":"Email incorrect"}"#)
        #expect(json.headers.first("X-Confemu-Diagnostic")?.contains("the request body is JSON") == true)
    }

    @Test("a failed create leaves the user behind; a keycloakId match prevents that")
    func failedCreateKeepsUser() async throws {
        let t = try await J.engine()
        _ = await t.send(.POST, "/api/v1/room?email=ghost@x.de&server=meet.jit.si2&name=x&duration=5", headers: [J.key])
        #expect(J.text(await t.send(.GET, "/api/v1/serverInfo?email=ghost@x.de"))
                    == #"{"server":[],"email":"ghost@x.de","error":false}"#)
        _ = await t.send(.POST, "/api/v1/room?email=kc@x.de&keycloakId=123456&server=meet.jit.si2&name=x&duration=5",
                         headers: [J.key])
        #expect(J.text(await t.send(.GET, "/api/v1/serverInfo?email=kc@x.de"))
                    == #"{"error":true,"text":"No User found"}"#)
        #expect(J.text(await t.send(.GET, "/api/v1/serverInfo?email=TEST@local.de"))
                    == #"{"server":["meet.jit.si2"],"email":"test@local.de","error":false}"#)
    }

    @Test("edit: success text, omitted start becomes now, Room no found, edited mails")
    func edit() async throws {
        let t = try await J.engine()
        let uid = try await J.create(t)
        let response = await t.send(.PUT, "/api/v1/room?uid=\(uid)&name=Renamed&duration=15&server=meet.jit.si2",
                                    headers: [J.key])
        #expect(J.text(response) == "{\"error\":false,\"uid\":\"\(uid)\",\"text\":\"Meeting erfolgreich ge\\u00e4ndert\"}")
        let info = try J.json(await t.send(.GET, "/api/v1/info/\(uid)"))
        #expect(info["start"]?.stringValue == "2026-11-22CET11:00:00")
        #expect(info["end"]?.stringValue == "2026-11-22CET11:15:00")
        #expect(J.text(await t.send(.PUT, "/api/v1/room?uid=ffffffffffffffffffffffffffffffff&name=x&duration=1&server=1",
                                    headers: [J.key])) == #"{"error":true,"text":"Room no found"}"#)
        let edited = try await J.mails(t).filter { $0.event == "jitsiAdmin.mail.edited" }
        #expect(edited.count == 1)
        #expect(edited.first?.details["subject"]?.stringValue == "[Videoconference] The videoconference Renamed was edited.")
    }

    @Test("delete: gelöscht, second delete with trailing space, soft delete visible, wrong key, cancellations")
    func delete() async throws {
        let t = try await J.engine()
        let uid = try await J.create(t, start: "2026-11-22T12:00")
        #expect(J.text(await t.send(.DELETE, "/api/v1/room?uid=\(uid)", headers: [("Authorization", "Bearer bad")]))
                    == #"{"error":true,"text":"No Server found"}"#)
        #expect(J.text(await t.send(.DELETE, "/api/v1/room?uid=\(uid)", headers: [J.key]))
                    == #"{"error":false,"text":"Erfolgreich gel\u00f6scht"}"#)
        #expect(J.text(await t.send(.DELETE, "/api/v1/room?uid=\(uid)", headers: [J.key]))
                    == #"{"error":true,"text":"Room not found "}"#)
        let info = try J.json(await t.send(.GET, "/api/v1/info/\(uid)"))
        #expect(info["moderator"]?.stringValue == "")
        #expect(info["teilnehmer"]?.arrayValue?.isEmpty == true)
        let rooms = try J.json(await t.send(.GET, "/api/v1/server/getRooms?minutes=120", headers: [J.key]))
        #expect(rooms["room_ids"]?.arrayValue?.compactMap(\.stringValue) == [uid])
        let cancelled = try await J.mails(t).filter { $0.event == "jitsiAdmin.mail.cancelled" }
        #expect(cancelled.count == 1)
        #expect(cancelled.first?.details["icsMethod"]?.stringValue == "CANCEL")
        // An ended room gets no cancellation.
        let past = try await J.create(t, start: "2026-11-22T09:00", duration: "10")
        _ = await t.send(.DELETE, "/api/v1/room?uid=\(past)", headers: [J.key])
        #expect(try await J.mails(t).filter { $0.event == "jitsiAdmin.mail.cancelled" }.count == 1)
    }
}
