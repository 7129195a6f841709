import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import ConfemuTesting
import Foundation
@testable import ProviderVidesk
import Testing

@Suite("rooms.create and rooms.get")
struct RoomsCreateTests {
    @Test("the golden access-token vector of videsk.md 8.1 is reproduced byte for byte")
    func goldenToken() {
        let room = VideskRoom(id: "64f1a2b3c4d5e6f7a8b9c0d1", sequence: 1, externalId: "standup-2024-08-14",
                              name: "x", nbf: 1_723_647_600_000, exp: 1_723_658_400_000, ended: false,
                              settings: .object([]), createdAt: 0, updatedAt: 0, authorizations: [], participants: [])
        let token = VideskAccessToken.sign(room: room, issuedAt: 1_723_647_600_000,
                                           jti: "f47ac10b-58cc-4372-a567-0e02b2c3d479", secret: VideskHarness.secret)
        #expect(token == "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb29tIjoiNjRmMWEyYjNjNGQ1ZTZmN2E4YjljMGQxIiwiZXh0ZXJuYWxJZCI6InN0YW5kdXAtMjAyNC0wOC0xNCIsImlhdCI6MTcyMzY0NzYwMCwibmJmIjoxNzIzNjQ3NjAwLCJleHAiOjE3MjM2NTg0MDAsInN1YiI6IjY0ZjFhMmIzYzRkNWU2ZjdhOGI5YzBkMSIsImp0aSI6ImY0N2FjMTBiLTU4Y2MtNDM3Mi1hNTY3LTBlMDJiMmMzZDQ3OSJ9.KFG4-7MNInd53FaCkiI0YK5U_Q-bJC6n51MhW6g8j1A")
    }

    @Test("create answers 201 with the documented keys, an ObjectId, .000Z dates and one authorization")
    func createShape() async throws {
        let v = try await VideskHarness.make()
        let response = await v.send(.POST, "/vpaas/rooms",
                                    headers: v.auth + [("X-Forwarded-For", " 10.1.2.3 , 192.168.0.1")],
                                    body: #"{"externalId":"standup","name":"Standup"}"#)
        #expect(response.status == 201)
        #expect(response.headers.first("Content-Type") == "application/json; charset=utf-8")
        #expect(response.headers.first("Access-Control-Allow-Origin") == "*")
        let room = try VideskHarness.json(response)
        #expect(room.keys == ["id", "name", "externalId", "exp", "nbf", "authorizations", "accessToken"])
        let id = try #require(room["id"]?.stringValue)
        #expect(id.range(of: "^[0-9a-f]{24}$", options: .regularExpression) != nil)
        // 4 bytes of namespace seconds lead the ObjectId (videsk.md 4.5).
        #expect(id.prefix(8) == String(VideskHarness.startMilliseconds / 1000, radix: 16))
        #expect(room["nbf"]?.stringValue == "2026-11-22T10:00:00.000Z")
        #expect(room["exp"]?.stringValue == "2026-11-22T13:00:00.000Z")
        let token = try #require(room["accessToken"]?.stringValue)
        let claims = try VideskHarness.verifyToken(token, room: room, issuedAt: VideskHarness.startMilliseconds)
        let authorizations = try #require(room["authorizations"]?.arrayValue)
        #expect(authorizations.count == 1)
        #expect(authorizations.first?["ip"]?.stringValue == "10.1.2.3")
        #expect(authorizations.first?["jti"]?.stringValue == claims.string("jti"))
        #expect(authorizations.first?["createdAt"]?.stringValue == "2026-11-22T10:00:00.000Z")
        #expect(authorizations.first?.keys == ["ip", "jti", "createdAt"])
    }

    @Test("defaults: nbf now, exp nbf + 3 h also for a future nbf, generated externalId and name")
    func defaults() async throws {
        let v = try await VideskHarness.make()
        let room = try await v.createRoom(#"{"nbf":"2026-11-23T08:00:00Z"}"#)
        #expect(room["nbf"]?.stringValue == "2026-11-23T08:00:00.000Z")
        #expect(room["exp"]?.stringValue == "2026-11-23T11:00:00.000Z")
        let externalId = try #require(room["externalId"]?.stringValue)
        #expect(externalId.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                                 options: .regularExpression) != nil)
        #expect(room["name"]?.stringValue == "Room \(externalId)")
        try VideskHarness.verifyToken(try #require(room["accessToken"]?.stringValue), room: room)
    }

    @Test("offsets are normalised to UTC, fractions truncated, epoch milliseconds accepted")
    func dateInputs() async throws {
        let v = try await VideskHarness.make()
        let room = try await v.createRoom(#"{"nbf":"2026-11-22T12:00:00.123999+02:00","exp":1795363200000}"#)
        #expect(room["nbf"]?.stringValue == "2026-11-22T10:00:00.123Z")
        #expect(room["exp"]?.stringValue == "2026-11-22T16:00:00.000Z")
        let dateOnly = try await v.createRoom(#"{"nbf":"2026-11-23","exp":"2026-11-23t01:00:00z"}"#)
        #expect(dateOnly["nbf"]?.stringValue == "2026-11-23T00:00:00.000Z")
        #expect(dateOnly["exp"]?.stringValue == "2026-11-23T01:00:00.000Z")
    }

    @Test("create validation errors render the exact Feathers bodies", arguments: [
        (#"{"exp":"tomorrow"}"#, 400, #"Cast to date failed for value \"tomorrow\" (type string) at path \"exp\""#),
        (#"{"exp":"2026-11-22T09:00:00Z"}"#, 400, "exp must be in the future"),
        (#"{"nbf":"2026-11-22T12:00:00Z","exp":"2026-11-22T11:00:00Z"}"#, 400, "exp must be after nbf"),
        (#"{"nbf":"2026-11-22T10:00:00Z","exp":"2026-11-25T10:00:00.001Z"}"#, 400,
         "The access window (exp - nbf) cannot exceed 72 hours"),
        (#"{"externalId":[]}"#, 400, #"Cast to string failed for value \"[]\" (type Array) at path \"externalId\""#),
        (#"{"config":"abc"}"#, 400, #"Cast to Object failed for value \"abc\" (type string) at path \"config\""#),
        (#"{"settings":5}"#, 400, #"Cast to Object failed for value \"5\" (type number) at path \"settings\""#),
        ("{\"a\":}", 400, "Invalid JSON in request body"),
        ("[{}]", 405, "Can not create multiple entries"),
        (#"{"nbf":9223372036854775000,"exp":9223372036854775807}"#, 400,
         #"Cast to date failed for value \"9223372036854775000\" (type number) at path \"nbf\""#),
    ])
    func createErrors(body: String, status: Int, message: String) async throws {
        let v = try await VideskHarness.make()
        let response = await v.send(.POST, "/vpaas/rooms", body: body)
        #expect(response.status == status)
        let (name, className) = FeathersError.names(status)
        let expected = #"{"name":"\#(name)","message":"\#(message)","code":\#(status),"className":"\#(className)"}"#
        #expect(VideskHarness.text(response) == expected)
    }

    @Test("exactly 72 hours passes; lengths over 100 / 500 fail with the Mongoose message")
    func lengths() async throws {
        let v = try await VideskHarness.make()
        _ = try await v.createRoom(#"{"nbf":"2026-11-22T10:00:00Z","exp":"2026-11-25T10:00:00Z"}"#)
        let longId = String(repeating: "x", count: 101)
        let response = await v.send(.POST, "/vpaas/rooms", body: #"{"externalId":"\#(longId)"}"#)
        #expect(response.status == 400)
        #expect(try VideskHarness.json(response)["message"]?.stringValue
            == "Validation failed: externalId: Path `externalId` (`\(longId)`) is longer than the maximum allowed length (100).")
        let longName = String(repeating: "a", count: 501)
        let nameResponse = await v.send(.POST, "/vpaas/rooms", body: #"{"name":"\#(longName)"}"#)
        #expect(VideskHarness.text(nameResponse) == VideskHarness.feathers(400, "BadRequest", "bad-request",
                                                                            VideskCatalogue.maxLengthExample))
    }

    @Test("duplicate externalId is 409, also for an ended room; a number externalId becomes its text")
    func duplicate() async throws {
        let v = try await VideskHarness.make()
        let room = try await v.createRoom(#"{"externalId":42}"#)
        #expect(room["externalId"]?.stringValue == "42")
        _ = await v.send(.PATCH, "/vpaas/rooms/42", body: #"{"ended":true}"#)
        let response = await v.send(.POST, "/vpaas/rooms", body: #"{"externalId":"42"}"#)
        #expect(response.status == 409)
        #expect(VideskHarness.text(response)
            == #"{"name":"Conflict","message":"externalId already exists","code":409,"className":"conflict"}"#)
    }

    @Test("a body without Content-Type is parsed; config is stored as settings and shown when extended")
    func settingsAndContentType() async throws {
        let v = try await VideskHarness.make()
        let response = await v.send(.POST, "/vpaas/rooms", headers: v.auth,
                                    body: #"{"externalId":"cfg","config":{"a":1}}"#)
        #expect(response.status == 201)
        let room = try VideskHarness.json(response)
        #expect(room["externalId"]?.stringValue == "cfg")
        #expect(room["settings"] == nil)
        _ = try await v.engine.updateSettings(namespace: "default", provider: .videsk,
                                              patch: ["extendedRoomFields": true])
        let get = await v.send(.GET, "/vpaas/rooms/cfg")
        let extended = try VideskHarness.json(get)
        #expect(extended.keys == ["id", "name", "externalId", "exp", "nbf", "authorizations", "ended", "settings",
                                  "createdAt", "updatedAt"])
        #expect(extended["settings"]?.jsonString() == #"{"a":1}"#)
    }

    @Test("get by id (any case) and by externalId; unknown 404; never an accessToken")
    func getRoom() async throws {
        let v = try await VideskHarness.make()
        let room = try await v.createRoom(#"{"externalId":"standup"}"#)
        let id = try #require(room["id"]?.stringValue)
        for target in [id, id.uppercased(), "standup"] {
            let response = await v.send(.GET, "/vpaas/rooms/\(target)")
            #expect(response.status == 200)
            let got = try VideskHarness.json(response)
            #expect(got["id"]?.stringValue == id)
            #expect(got["accessToken"] == nil)
        }
        let missing = await v.send(.GET, "/vpaas/rooms/nope")
        #expect(missing.status == 404)
        #expect(VideskHarness.text(missing)
            == #"{"name":"NotFound","message":"Room not found","code":404,"className":"not-found"}"#)
    }

    @Test("with a namespace seed, ids, jtis and externalIds repeat across runs")
    func seeded() async throws {
        var bodies: [String] = []
        for _ in 0..<2 {
            let v = try await VideskHarness.make()
            let room = try await v.createRoom()
            bodies.append(room.jsonString())
        }
        #expect(bodies[0] == bodies[1])
    }
}
