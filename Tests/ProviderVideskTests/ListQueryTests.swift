import Foundation
import ConfemuSupport
import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
@testable import ProviderVidesk
import Testing

@Suite("rooms.list with the Feathers query syntax (videsk.md 9.1)")
struct ListQueryTests {
    func seeded(_ count: Int) async throws -> VideskHarness {
        let v = try await VideskHarness.make()
        for index in 0..<count {
            _ = try await v.createRoom(#"{"externalId":"r\#(index)","name":"Room \#(index)"}"#)
            _ = try await v.engine.advanceClock(namespace: "default", seconds: 1)
        }
        return v
    }

    func list(_ v: VideskHarness, _ query: String) async throws -> JSONValue {
        let response = await v.send(.GET, "/vpaas/rooms" + query)
        #expect(response.status == 200, "\(VideskHarness.text(response))")
        return try VideskHarness.json(response)
    }

    func externalIds(_ value: JSONValue) -> [String] {
        value["data"]?.arrayValue?.compactMap { $0["externalId"]?.stringValue } ?? []
    }

    @Test("envelope, defaults 10/0, clamp to 100, count only, skip")
    func paging() async throws {
        let v = try await seeded(12)
        let first = try await list(v, "")
        #expect(first.keys == ["total", "limit", "skip", "data"])
        #expect(first["total"]?.intValue == 12)
        #expect(first["limit"]?.intValue == 10)
        #expect(first["skip"]?.intValue == 0)
        #expect(externalIds(first).first == "r0")
        #expect(externalIds(first).count == 10)
        #expect(try await list(v, "?$limit=500")["limit"]?.intValue == 100)
        #expect(try await list(v, "?$limit=-3")["limit"]?.intValue == 3)
        let countOnly = try await list(v, "?$limit=0")
        #expect(countOnly["data"]?.arrayValue?.isEmpty == true)
        #expect(countOnly["total"]?.intValue == 12)
        #expect(externalIds(try await list(v, "?$skip=10")) == ["r10", "r11"])
        #expect(try await list(v, "?$limit=abc")["limit"]?.intValue == 10)
    }

    @Test("sort by bracket and JSON forms, filters on ended and externalId, $in, $select, $or")
    func filters() async throws {
        let v = try await seeded(4)
        _ = await v.send(.PATCH, "/vpaas/rooms/r1", body: #"{"ended":true}"#)
        #expect(externalIds(try await list(v, "?$sort[createdAt]=-1")) == ["r3", "r2", "r1", "r0"])
        #expect(externalIds(try await list(v, "?$sort=%7B%22createdAt%22%3A-1%7D")) == ["r3", "r2", "r1", "r0"])
        #expect(externalIds(try await list(v, "?ended=true")) == ["r1"])
        #expect(try await list(v, "?ended=false")["total"]?.intValue == 3)
        #expect(externalIds(try await list(v, "?externalId=r2")) == ["r2"])
        #expect(externalIds(try await list(v, "?externalId[$in][]=r0&externalId[$in][]=r3")) == ["r0", "r3"])
        #expect(externalIds(try await list(v, "?externalId[$nin][]=r0&externalId[$ne]=r3")) == ["r1", "r2"])
        #expect(externalIds(try await list(v, "?$or[0][ended]=true&$or[1][externalId]=r3")) == ["r1", "r3"])
        #expect(externalIds(try await list(v, "?createdAt[$gte]=2026-11-22T10:00:02Z")) == ["r2", "r3"])
        let selected = try await list(v, "?$select[]=name&$limit=1")
        #expect(selected["data"]?[0]?.keys == ["id", "name"])
        #expect(try await list(v, "?unknown=1")["total"]?.intValue == 4)
    }

    @Test("query errors render their exact bodies", arguments: [
        ("?ended=maybe", #"{"name":"BadRequest","message":"Cast to Boolean failed for value \"maybe\" (type string) at path \"ended\" for model \"Room\"","code":400,"className":"bad-request"}"#),
        ("?$foo=1", #"{"name":"BadRequest","message":"Invalid filter value $foo","code":400,"className":"bad-request"}"#),
        ("?ended[$foo]=1", #"{"name":"BadRequest","message":"Invalid query parameter $foo","code":400,"className":"bad-request","data":{"$foo":"1"}}"#),
        ("?$sort[createdAt]=2", #"{"name":"BadRequest","message":"$sort key ordering must be 1 (for ascending) or -1 (for descending)","code":400,"className":"bad-request"}"#),
        ("?externalId[$in]=x", #"{"name":"BadRequest","message":"$in needs an array","code":400,"className":"bad-request"}"#),
        ("?id=zz", #"{"name":"BadRequest","message":"Cast to ObjectId failed for value \"zz\" (type string) at path \"_id\" for model \"Room\"","code":400,"className":"bad-request"}"#),
    ])
    func errors(query: String, body: String) async throws {
        let v = try await VideskHarness.make()
        let response = await v.send(.GET, "/vpaas/rooms" + query)
        #expect(response.status == 400)
        #expect(VideskHarness.text(response) == body)
    }

    @Test("namespace B does not see A's rooms and may reuse its externalId")
    func isolation() async throws {
        let v = try await seeded(1)
        let other = try await v.engine.createNamespace(name: "ci-b", seed: 9, fixtures: nil)
        let token = try #require(other.configuration(.videsk)["apiToken"]?.stringValue)
        let auth = [("Authorization", "Bearer \(token)")]
        let listB = try VideskHarness.json(await v.send(.GET, "/vpaas/rooms", headers: auth))
        #expect(listB["total"]?.intValue == 0)
        #expect(await v.send(.GET, "/vpaas/rooms/r0", headers: auth).status == 404)
        let created = await v.send(.POST, "/ns/ci-b/vpaas/rooms", headers: auth, body: #"{"externalId":"r0"}"#)
        #expect(created.status == 201)
        #expect(created.headers.first("X-Confemu-Namespace") == "ci-b")
        let room = try VideskHarness.json(created)
        let secret = try #require(other.configuration(.videsk)["tokenSecret"]?.stringValue)
        try VideskHarness.verifyToken(try #require(room["accessToken"]?.stringValue), room: room, secret: secret)
    }
}
