import ConfemuControlPlane
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Testing

@Suite("Virtual clock (control-plane.md §6)")
struct ClockTests {
    @Test("advance moves the offset, runs due events in time order and lists them")
    func advance() async throws {
        let h = try await Harness.make()
        _ = await h.send(.POST, "/test/items", json: ["id": "late", "ttlSeconds": 300])
        _ = await h.send(.POST, "/test/items", json: ["id": "early", "ttlSeconds": 120])
        _ = await h.send(.POST, "/test/items", json: ["id": "never", "ttlSeconds": 3600])
        let r = await h.control(.POST, "/_confemu/namespaces/default/clock/advance", json: ["seconds": 600])
        #expect(r.status == 200)
        #expect(r.json == [
            "now": "2026-11-22T10:10:00.000Z", "frozen": false, "offsetSeconds": 600,
            "events": [
                ["name": "test.item.expired", "at": "2026-11-22T10:02:00.000Z", "subject": ["id": "early"]],
                ["name": "test.item.expired", "at": "2026-11-22T10:05:00.000Z", "subject": ["id": "late"]],
            ],
        ])
        let items = await h.send(.GET, "/test/items")
        #expect(items.json.arrayValue?.filter { $0["state"] == "expired" }.count == 2)
        #expect(await h.control(.GET, "/_confemu/namespaces/default/clock").json["offsetSeconds"] == .integer(600))
        #expect(await h.control(.POST, "/_confemu/namespaces/default/clock/advance", json: ["seconds": -1]).status == 400)
        await h.close()
    }

    @Test("freeze stops time, resume restarts it from where it stood")
    func freezeResume() async throws {
        let h = try await Harness.make()
        let frozen = await h.control(.POST, "/_confemu/namespaces/default/clock/freeze")
        #expect(frozen.json["frozen"] == true)
        h.wallClock.advance(seconds: 30)
        let clock = await h.control(.GET, "/_confemu/namespaces/default/clock")
        #expect(clock.json["now"] == "2026-11-22T10:00:00.000Z")
        #expect(clock.json["offsetSeconds"] == .integer(-30))
        let resumed = await h.control(.POST, "/_confemu/namespaces/default/clock/resume")
        #expect(resumed.json["frozen"] == false)
        h.wallClock.advance(seconds: 5)
        #expect(await h.control(.GET, "/_confemu/namespaces/default/clock").json["now"] == "2026-11-22T10:00:05.000Z")
        await h.close()
    }

    @Test("set forward runs due events; set backward runs none")
    func set() async throws {
        let h = try await Harness.make()
        _ = await h.send(.POST, "/test/items", json: ["id": "x", "ttlSeconds": 60])
        let back = await h.control(.POST, "/_confemu/namespaces/default/clock/set", json: ["now": "2026-01-01T00:00:00Z"])
        #expect(back.json["events"] == .array([]))
        #expect(back.json["now"] == "2026-01-01T00:00:00.000Z")
        let forward = await h.control(.POST, "/_confemu/namespaces/default/clock/set", json: ["now": "2027-01-01T00:00:00Z"])
        #expect(forward.json["events"]?.arrayValue?.count == 1)
        #expect(forward.json["events"]?[0]?["at"] == "2026-11-22T10:01:00.000Z")
        #expect(await h.control(.POST, "/_confemu/namespaces/default/clock/set", json: ["now": "tomorrow"]).status == 400)
        await h.close()
    }

    @Test("an event due in real time fires before the next request of that namespace is served")
    func realTime() async throws {
        let h = try await Harness.make()
        _ = await h.send(.POST, "/test/items", json: ["id": "x", "ttlSeconds": 10])
        h.wallClock.advance(seconds: 11)
        let item = await h.send(.GET, "/test/items/x")
        #expect(item.json["state"] == "expired")
        await h.close()
    }
}
