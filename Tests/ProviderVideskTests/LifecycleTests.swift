import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import ConfemuTesting
import Foundation
@testable import ProviderVidesk
import Testing

@Suite("clock events, stats and participant simulation")
struct LifecycleTests {
    func simulate(_ v: VideskHarness, _ method: HTTPMethod, room: String, peer: String? = nil,
                  body: String = "") async throws -> HTTPResponse {
        let context = try await v.engine.controlContext(namespace: "default", provider: .videsk)
        let route = try #require(VideskSimulation.routes.first { $0.method == method })
        var parameters = ["roomId": room]
        if let peer { parameters["peerId"] = peer }
        let http = TestRequest.make(method, "/_confemu/namespaces/default/videsk/rooms/\(room)/participants",
                                    body: Array(body.utf8))
        return try await route.handler(ProviderRequest(http: http, parameters: parameters,
                                                       operation: route.operation, context: context))
    }

    @Test("advancing past exp fires videsk.room.expired; join is 403; listed with ended=false; present peers leave at exp")
    func expiry() async throws {
        let v = try await VideskHarness.make()
        let room = try await v.createRoom(#"{"externalId":"x1","exp":"2026-11-22T11:00:00Z"}"#)
        let joined = try await simulate(v, .POST, room: "x1", body: #"{"peerId":"p-1","displayName":"Ana"}"#)
        #expect(joined.status == 201)
        #expect(VideskHarness.text(joined)
            == #"{"peerId":"p-1","displayName":"Ana","joinedAt":"2026-11-22T10:00:00.000Z","leftAt":null}"#)
        let (_, events) = try await v.engine.advanceClock(namespace: "default", seconds: 3601)
        #expect(events.map(\.name) == ["videsk.room.expired"])
        #expect(events.first?.subject["roomId"] == room["id"])
        #expect(events.first?.subject["externalId"]?.stringValue == "x1")
        let join = await v.send(.POST, "/vpaas/rooms/x1/join")
        #expect(VideskHarness.text(join)
            == #"{"name":"Forbidden","message":"Room has expired","code":403,"className":"forbidden"}"#)
        let list = try VideskHarness.json(await v.send(.GET, "/vpaas/rooms?ended=false"))
        #expect(list["total"]?.intValue == 1)
        let stats = try VideskHarness.json(await v.send(.GET, "/vpaas/rooms/x1/stats"))
        #expect(stats["peers"]?[0]?["leftAt"]?.stringValue == "2026-11-22T11:00:00.000Z")
        #expect(stats["durationSeconds"]?.intValue == 3600)
        // PATCH of exp revives the room.
        let revive = await v.send(.PATCH, "/vpaas/rooms/x1", body: #"{"exp":"2026-11-22T13:00:00Z"}"#)
        #expect(revive.status == 200)
        #expect(await v.send(.POST, "/vpaas/rooms/x1/join").status == 201)
    }

    @Test("a future nbf fires videsk.room.started; rooms created after an advance use the namespace clock")
    func started() async throws {
        let v = try await VideskHarness.make()
        _ = try await v.createRoom(#"{"externalId":"s1","nbf":"2026-11-22T10:30:00Z"}"#)
        let (_, events) = try await v.engine.advanceClock(namespace: "default", seconds: 1800)
        #expect(events.map(\.name) == ["videsk.room.started"])
        let later = try await v.createRoom()
        #expect(later["nbf"]?.stringValue == "2026-11-22T10:30:00.000Z")
        try VideskHarness.verifyToken(try #require(later["accessToken"]?.stringValue), room: later,
                                      issuedAt: VideskHarness.startMilliseconds + 1_800_000)
    }

    @Test("stats: counts, peak, durations, snapshot filtering, 404 and bad view")
    func stats() async throws {
        let v = try await VideskHarness.make()
        _ = try await v.createRoom(#"{"externalId":"st"}"#)
        _ = try await simulate(v, .POST, room: "st", body: #"{"peerId":"a"}"#)
        _ = try await v.engine.advanceClock(namespace: "default", seconds: 60)
        let second = try await simulate(v, .POST, room: "st")
        #expect(try VideskHarness.json(second)["displayName"]?.stringValue == "Participant 2")
        _ = try await v.engine.advanceClock(namespace: "default", seconds: 60)
        #expect(try await simulate(v, .DELETE, room: "st", peer: "a").status == 204)
        let duplicate = try await simulate(v, .POST, room: "st", body: #"{"peerId":"a"}"#)
        #expect(duplicate.status == 201)
        let report = try VideskHarness.json(await v.send(.GET, "/vpaas/rooms/st/stats"))
        #expect(report.keys == ["roomId", "externalId", "view", "generatedAt", "participants", "durationSeconds",
                                "peers"])
        #expect(report["participants"]?.jsonString() == #"{"total":3,"active":2,"peak":2}"#)
        #expect(report["durationSeconds"]?.intValue == 120)
        #expect(report["peers"]?[0]?["durationSeconds"]?.intValue == 120)
        let snapshot = try VideskHarness.json(await v.send(.GET, "/vpaas/rooms/st/stats?view=snapshot"))
        #expect(snapshot["peers"]?.arrayValue?.count == 2)
        let bad = await v.send(.GET, "/vpaas/rooms/st/stats?view=full")
        #expect(try VideskHarness.json(bad)["message"]?.stringValue == "view must be one of report, snapshot, summary")
        #expect(await v.send(.GET, "/vpaas/rooms/zz/stats?view=full").status == 404)
    }

    @Test("simulation refusals: unknown room 404, scheduled room 409, present peer 409, absent peer DELETE 404")
    func simulationErrors() async throws {
        let v = try await VideskHarness.make()
        _ = try await v.createRoom(#"{"externalId":"later","nbf":"2026-11-23T10:00:00Z"}"#)
        _ = try await v.createRoom(#"{"externalId":"now"}"#)
        func code(_ body: () async throws -> HTTPResponse) async -> String? {
            do {
                _ = try await body()
                return nil
            } catch let error as EngineError {
                return "\(error.status) \(error.code)"
            } catch {
                return nil
            }
        }
        #expect(await code { try await simulate(v, .POST, room: "ghost") } == "404 notFound")
        #expect(await code { try await simulate(v, .POST, room: "later") } == "409 roomNotActive")
        _ = try await simulate(v, .POST, room: "now", body: #"{"peerId":"p"}"#)
        #expect(await code { try await simulate(v, .POST, room: "now", body: #"{"peerId":"p"}"#) }
            == "409 peerAlreadyPresent")
        #expect(await code { try await simulate(v, .POST, room: "now", body: "[") } == "400 invalidBody")
        #expect(await code { try await simulate(v, .DELETE, room: "now", peer: "q") } == "404 notFound")
        let list = try await simulate(v, .GET, room: "now")
        #expect(try VideskHarness.json(list).arrayValue?.count == 1)
    }
}
