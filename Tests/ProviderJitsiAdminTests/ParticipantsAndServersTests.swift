import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
import Foundation
import ProviderJitsiAdmin
import Testing

@Suite("Jitsi-Admin participants, servers, getRooms and move")
struct ParticipantsAndServersTests {
    @Test("add user: key order, \\u0027 escape, invitation with a REQUEST ICS, idempotent, invalid, unknown room")
    func addUser() async throws {
        let t = try await J.engine()
        let uid = try await J.create(t)
        let response = await t.send(.POST, "/api/v1/user?uid=\(uid)&email=o%27neil@example.com", headers: [J.key])
        #expect(J.text(response) == "{\"uid\":\"\(uid)\",\"user\":\"o\\u0027neil@example.com\",\"error\":false,"
                    + "\"text\":\"Teilnehmer o\\u0027neil@example.com erfolgreich hinzugef\\u00fcgt\"}")
        _ = await t.send(.POST, "/api/v1/user?uid=\(uid)&email=o%27neil@example.com", headers: [J.key])
        let invitations = try await J.mails(t).filter { $0.event == "jitsiAdmin.mail.invitation" }
        #expect(invitations.count == 2)
        let mail = try #require(invitations.first { $0.to == "o'neil@example.com" })
        let ics = try #require(mail.details["ics"]?.stringValue)
        #expect(ics.contains("METHOD:REQUEST\r\n"))
        #expect(ics.contains("DTSTART:20270120T090000Z\r\n"))
        #expect(ics.contains("ORGANIZER;CN=Test User:MAILTO:test@local.de\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(mail.details["icsFilename"]?.stringValue == "weekly_syn.ics")
        #expect(mail.body.hasPrefix("You have been invited to the video conference Weekly Sync.\n\nName: Weekly Sync\n"))
        #expect(mail.body.contains("Start: 2027-01-20 10:00 (CET)\nEnd: 2027-01-20 10:45 (CET)\n"))
        #expect(J.text(await t.send(.POST, "/api/v1/user?uid=\(uid)&email=a@b", headers: [J.key]))
                    == #"{"error":true,"text":"Email incorrect"}"#)
        #expect(J.text(await t.send(.POST, "/api/v1/user?uid=nope&email=a@b.de", headers: [J.key]))
                    == #"{"error":true,"text":"no Room found"}"#)
        let info = try J.json(await t.send(.GET, "/api/v1/info/\(uid)"))
        #expect(info["teilnehmer"]?.arrayValue?.count == 2)
    }

    @Test("remove user: success, User incorrect, wrong key, the moderator can be removed")
    func removeUser() async throws {
        let t = try await J.engine()
        let uid = try await J.create(t)
        _ = await t.send(.POST, "/api/v1/user?uid=\(uid)&email=new@example.com", headers: [J.key])
        #expect(J.text(await t.send(.DELETE, "/api/v1/user?uid=\(uid)&email=new@example.com", headers: [J.key]))
                    == "{\"uid\":\"\(uid)\",\"user\":\"new@example.com\",\"error\":false,"
                    + "\"text\":\"Teilnehmer new@example.com erfolgreich gel\\u00f6scht\"}")
        #expect(J.text(await t.send(.DELETE, "/api/v1/user?uid=\(uid)&email=new@example.com", headers: [J.key]))
                    == #"{"error":true,"text":"User incorrect"}"#)
        #expect(J.text(await t.send(.DELETE, "/api/v1/user?uid=\(uid)&email=test@local.de", headers: []))
                    == #"{"error":true,"text":"No Server found"}"#)
        _ = await t.send(.DELETE, "/api/v1/user?uid=\(uid)&email=test@local.de", headers: [J.key])
        let info = try J.json(await t.send(.GET, "/api/v1/info/\(uid)"))
        #expect(info["moderator"]?.stringValue == "test@local.de")
        #expect(info["teilnehmer"]?.arrayValue?.isEmpty == true)
    }

    @Test("getRooms: shape, inclusive window, minutes errors, auth diagnostics, apiKey header ignored")
    func getRooms() async throws {
        let t = try await J.engine()
        let inside = try await J.create(t, start: "2026-11-22T11:30") // now is 11:00 CET
        _ = try await J.create(t, start: "2026-11-22T12:31")
        let response = await t.send(.GET, "/api/v1/server/getRooms?minutes=30", headers: [J.key])
        #expect(J.text(response) == "{\"server_id\":1,\"success\":true,\"error\":false,\"room_ids\":[\"\(inside)\"]}")
        #expect(J.text(await t.send(.GET, "/api/v1/server/getRooms?minutes=-5", headers: [J.key]))
                    == #"{"server_id":1,"success":true,"error":false,"room_ids":[]}"#)
        #expect(J.text(await t.send(.GET, "/api/v1/server/getRooms?minutes=1.5", headers: [J.key]))
                    == #"{"error":true,"text":"Minutes incorrect"}"#)
        let missing = await t.send(.GET, "/api/v1/server/getRooms?minutes=5", headers: [("apiKey", "TestApi")])
        #expect(J.text(missing) == #"{"error":true,"text":"No Server found"}"#)
        let diagnostics = try #require(J.journal(t).first?.diagnostics)
        #expect(diagnostics.contains(#"header apiKey is ignored: Jitsi-Admin reads the key only from "Authorization: Bearer <key>""#))
        #expect(diagnostics.contains("Authorization header missing: the token is null"))
        #expect(diagnostics.contains(#"token null matches no server of namespace "default""#))
        let malformed = await t.send(.GET, "/api/v1/server/getRooms?minutes=5", headers: [("Authorization", "bearer TestApi")])
        #expect(malformed.headers.first("X-Confemu-Diagnostic")?.hasPrefix("Authorization header does not match") == true)
    }

    @Test("clock advance emits jitsiAdmin.room.started and jitsiAdmin.room.ended")
    func clockEvents() async throws {
        let t = try await J.engine()
        let uid = try await J.create(t, start: "2026-11-22T11:10", duration: "5")
        let (_, events) = try await t.engine.advanceClock(namespace: "default", seconds: 3600)
        #expect(events.map(\.name) == ["jitsiAdmin.room.started", "jitsiAdmin.room.ended"])
        #expect(events.first?.subject["roomUid"]?.stringValue == uid)
        let at = try #require(events.first?.atMilliseconds)
        #expect(at == Int64(1_795_342_200_000))
    }

    @Test("server.create: sucess body, clone-not-allowed with bin\\/console, missing url")
    func serverCreate() async throws {
        let t = try await J.engine()
        #expect(J.text(await t.send(.POST, "/api/v1/server/create?url=clone.example&name=Clone", headers: [J.key]))
                    == #"{"server_id":2,"sucess":true,"error":false}"#)
        #expect(J.text(await t.send(.POST, "/api/v1/server/create?url=x&name=y", headers: [("Authorization", "Bearer no")]))
                    == #"{"error":true,"text":"No Server found. The server mus be allowed to be cloned to autoscale","hint":"use the command php bin\/console app:server:allowTo #serverid to allow to clone"}"#)
        #expect(J.text(await t.send(.POST, "/api/v1/server/create?name=y", headers: [J.key]))
                    == #"{"error":true,"text":"Url incorrect"}"#)
    }

    @Test("move: real and wiki forms, 404/403/404, and the moved room leaves the prototype's getRooms")
    func move() async throws {
        let t = try await J.engine()
        let uid = try await J.create(t, start: "2026-11-22T11:30")
        _ = await t.send(.POST, "/api/v1/server/create?url=clone.example&name=Clone", headers: [J.key])
        let missing = await t.send(.POST, "/api/v1/room/move/nope?serverId=2", headers: [J.key])
        #expect(missing.status == 404)
        #expect(J.text(missing) == #"{"error":true,"message":"Room not found"}"#)
        let denied = await t.send(.POST, "/api/v1/room/move/\(uid)?serverId=2", headers: [("Authorization", "Bearer x")])
        #expect(denied.status == 403)
        #expect(J.text(denied) == #"{"error":true,"message":"Access denied"}"#)
        let noTarget = await t.send(.POST, "/api/v1/room/move/\(uid)?serverId=9", headers: [J.key])
        #expect(noTarget.status == 404)
        #expect(J.text(noTarget) == #"{"error":true,"message":"New Server not found"}"#)
        let moved = await t.send(.POST, "/api/v1/room/move/\(uid)?serverId=2", headers: [J.key])
        #expect(moved.status == 200)
        #expect(J.text(moved) == #"{"error":false,"message":"Room moved"}"#)
        #expect(J.text(await t.send(.GET, "/api/v1/server/getRooms?minutes=60", headers: [J.key]))
                    == #"{"server_id":1,"success":true,"error":false,"room_ids":[]}"#)
        let wiki = await t.send(.POST, "/api/v1/room/move?uid=\(uid)&server=meet.jit.si2", headers: [J.key])
        #expect(J.text(wiki) == #"{"error":false,"message":"Room moved"}"#)
        #expect(try J.json(await t.send(.GET, "/api/v1/info/\(uid)"))["server"]?.stringValue == "meet.jit.si2")
    }

    @Test("serverInfo success and No User found")
    func serverInfo() async throws {
        let t = try await J.engine()
        #expect(J.text(await t.send(.GET, "/api/v1/serverInfo?email=test@local.de"))
                    == #"{"server":["meet.jit.si2"],"email":"test@local.de","error":false}"#)
        #expect(J.text(await t.send(.GET, "/api/v1/serverInfo?email=nobody@x.de"))
                    == #"{"error":true,"text":"No User found"}"#)
    }
}
