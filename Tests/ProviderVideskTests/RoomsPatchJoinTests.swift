import Foundation
import ConfemuSupport
import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
@testable import ProviderVidesk
import Testing

@Suite("rooms.patch and rooms.join")
struct RoomsPatchJoinTests {
    @Test("PATCH name/nbf/exp answers 200 without a token; generateToken issues one with the new dates")
    func patchDates() async throws {
        let v = try await VideskHarness.make()
        let created = try await v.createRoom(#"{"externalId":"p1"}"#)
        let oldToken = try #require(created["accessToken"]?.stringValue)
        let plain = await v.send(.PATCH, "/vpaas/rooms/p1", body: #"{"name":"Renamed","exp":"2026-11-22T15:00:00Z"}"#)
        #expect(plain.status == 200)
        let patched = try VideskHarness.json(plain)
        #expect(patched["accessToken"] == nil)
        #expect(patched["name"]?.stringValue == "Renamed")
        #expect(patched["exp"]?.stringValue == "2026-11-22T15:00:00.000Z")
        let withToken = await v.send(.PATCH, "/vpaas/rooms/p1",
                                     body: #"{"nbf":"2026-11-22T11:00:00Z","generateToken":true}"#)
        let room = try VideskHarness.json(withToken)
        #expect(room.keys.last == "accessToken")
        let claims = try VideskHarness.verifyToken(try #require(room["accessToken"]?.stringValue), room: room)
        #expect(room["authorizations"]?.arrayValue?.count == 2)
        #expect(room["authorizations"]?[1]?["jti"]?.stringValue == claims.string("jti"))
        // The first token keeps the dates it was issued with.
        try VideskHarness.verifyToken(oldToken, room: created)
    }

    @Test("PATCH ended: true then any PATCH is 404; unknown room is the same 404; join is 403 Room has ended")
    func ended() async throws {
        let v = try await VideskHarness.make()
        _ = try await v.createRoom(#"{"externalId":"e1"}"#)
        let end = await v.send(.PATCH, "/vpaas/rooms/e1", body: #"{"ended":"yes","generateToken":true}"#)
        #expect(end.status == 200)
        #expect(try VideskHarness.json(end)["accessToken"] == nil)
        let expected = #"{"name":"NotFound","message":"Room not found or already ended","code":404,"className":"not-found"}"#
        for target in ["/vpaas/rooms/e1", "/vpaas/rooms/unknown"] {
            let again = await v.send(.PATCH, target, body: #"{"name":"x"}"#)
            #expect(again.status == 404)
            #expect(VideskHarness.text(again) == expected)
        }
        let join = await v.send(.POST, "/vpaas/rooms/e1/join")
        #expect(VideskHarness.text(join)
            == #"{"name":"Forbidden","message":"Room has ended","code":403,"className":"forbidden"}"#)
    }

    @Test("PATCH validation: generateToken non-boolean, ended cast, date rules, array body")
    func patchErrors() async throws {
        let v = try await VideskHarness.make()
        _ = try await v.createRoom(#"{"externalId":"v1"}"#)
        let cases: [(String, String)] = [
            (#"{"generateToken":"true"}"#, "generateToken must be a boolean"),
            (#"{"ended":"maybe"}"#, #"Cast to Boolean failed for value "maybe" (type string) at path "ended""#),
            (#"{"exp":"2026-11-22T09:00:00Z"}"#, "exp must be in the future"),
            (#"{"nbf":"2026-11-22T14:00:00Z"}"#, "exp must be after nbf"),
            (#"{"exp":"2026-11-26T10:00:00Z"}"#, "The access window (exp - nbf) cannot exceed 72 hours"),
            ("[]", "Invalid input data"),
        ]
        for (body, message) in cases {
            let response = await v.send(.PATCH, "/vpaas/rooms/v1", body: body)
            #expect(response.status == 400, "\(body)")
            #expect(try VideskHarness.json(response)["message"]?.stringValue == message)
        }
    }

    @Test("join: 201 with only accessToken, a fresh jti each time, by externalId; 404 unknown")
    func join() async throws {
        let v = try await VideskHarness.make()
        let room = try await v.createRoom(#"{"externalId":"j1"}"#)
        var jtis: [String] = []
        for _ in 0..<2 {
            let response = await v.send(.POST, "/vpaas/rooms/j1/join", headers: v.auth + [("X-Forwarded-For", "1.2.3.4")])
            #expect(response.status == 201)
            let body = try VideskHarness.json(response)
            #expect(body.keys == ["accessToken"])
            let claims = try VideskHarness.verifyToken(try #require(body["accessToken"]?.stringValue), room: room)
            jtis.append(try #require(claims.string("jti")))
        }
        #expect(Set(jtis).count == 2)
        let stored = try VideskHarness.json(await v.send(.GET, "/vpaas/rooms/j1"))
        #expect(stored["authorizations"]?.arrayValue?.compactMap { $0["jti"]?.stringValue }.suffix(2) == jtis[...])
        #expect(stored["authorizations"]?[2]?["ip"]?.stringValue == "1.2.3.4")
        let unknown = await v.send(.POST, "/vpaas/rooms/nope/join")
        #expect(unknown.status == 404)
        #expect(try VideskHarness.json(unknown)["message"]?.stringValue == "Room not found")
    }

    @Test("a scheduled room can be joined and its token has a future nbf")
    func scheduledJoin() async throws {
        let v = try await VideskHarness.make()
        let room = try await v.createRoom(#"{"externalId":"later","nbf":"2026-11-23T10:00:00Z"}"#)
        let response = await v.send(.POST, "/vpaas/rooms/later/join", body: "")
        #expect(response.status == 201)
        let claims = try VideskHarness.verifyToken(
            try #require(VideskHarness.json(response)["accessToken"]?.stringValue), room: room)
        #expect((claims.integer("nbf") ?? 0) > VideskHarness.startMilliseconds / 1000)
    }
}
