import ConfemuControlPlane
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization
import Testing

/// A fake callback receiver: answers with the queued statuses, then 200, and records what it got.
final class FakeReceiver: Sendable {
    private let state = Mutex<(statuses: [Int], received: [(url: String, body: String)])>(([], []))

    init(statuses: [Int] = []) { state.withLock { $0.statuses = statuses } }

    var received: [(url: String, body: String)] { state.withLock { $0.received } }

    func transport() -> OutboxDeliverer.Transport {
        { _, url, _, body in
            self.state.withLock { state in
                state.received.append((url, String(decoding: body, as: UTF8.self)))
                let status = state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
                return .response(status: status, location: nil, body: Array("ok".utf8))
            }
        }
    }
}

@Suite("Outbox, state and snapshots (control-plane.md §7, §9)")
struct OutboxStateTests {
    @Test("mails are recorded as delivered; list filters by kind; redelivering a mail is 409")
    func mails() async throws {
        let h = try await Harness.make()
        _ = await h.send(.POST, "/test/items", json: ["id": "m", "mailTo": "ann@example.com"])
        let list = await h.control(.GET, "/_confemu/namespaces/default/outbox?kind=mail")
        let entry = try #require(list.json["items"]?[0])
        #expect(entry["kind"] == "mail")
        #expect(entry["to"] == "ann@example.com")
        #expect(entry["event"] == "test.item.created")
        #expect(entry["state"] == "delivered")
        #expect(entry["body"] == "item m created")
        #expect(entry["subject"] == "New item")
        #expect(entry["attempts"] == .array([]))
        #expect(await h.control(.GET, "/_confemu/namespaces/default/outbox?kind=callback").json["items"] == .array([]))
        #expect(await h.control(.GET, "/_confemu/namespaces/default/outbox?kind=fax").status == 400)
        let id = try #require(entry["id"]?.stringValue)
        #expect(await h.control(.POST, "/_confemu/namespaces/default/outbox/\(id)/redeliver").status == 409)
        #expect(await h.control(.POST, "/_confemu/namespaces/default/outbox/999/redeliver").status == 404)
        await h.close()
    }

    @Test("a callback is delivered, retried on 5xx with backoff on the namespace clock, and redelivered")
    func callbacks() async throws {
        let h = try await Harness.make()
        let receiver = FakeReceiver(statuses: [503, 500, 502])
        let deliverer = OutboxDeliverer(engine: h.engine, logger: .discarding, transport: receiver.transport())
        h.engine.setOutboxWake { deliverer.wake() }
        deliverer.start()
        _ = await h.send(.POST, "/test/items", json: ["id": "cb", "ttlSeconds": 1, "callbackURL": "http://127.0.0.1:9/hook"])
        async let waited = h.control(.POST, "/_confemu/namespaces/default/outbox/wait",
                                     json: ["kind": "callback", "count": 1, "timeoutMs": 2000])
        try await Task.sleep(for: .milliseconds(20))
        _ = await h.control(.POST, "/_confemu/namespaces/default/clock/advance", json: ["seconds": 1])
        #expect(await waited.status == 200)
        // First attempt got 503: pending, next attempt 1 s later on the namespace clock.
        func entry() async -> JSONValue {
            await h.control(.GET, "/_confemu/namespaces/default/outbox").json["items"]?[0] ?? .null
        }
        func settle(attempts: Int) async throws {
            for _ in 0..<100 where (await entry())["attempts"]?.arrayValue?.count ?? 0 < attempts {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        try await settle(attempts: 1)
        #expect(await entry()["state"] == "pending")
        _ = await h.control(.POST, "/_confemu/namespaces/default/clock/advance", json: ["seconds": 1])
        try await settle(attempts: 2)
        _ = await h.control(.POST, "/_confemu/namespaces/default/clock/advance", json: ["seconds": 5])
        try await settle(attempts: 3)
        let failed = await entry()
        #expect(failed["state"] == "failed")
        #expect(failed["attempts"]?.arrayValue?.compactMap { $0["status"]?.intValue } == [503, 500, 502])
        #expect(failed["url"] == "http://127.0.0.1:9/hook")
        #expect(receiver.received.first?.body == #"{"expired":"cb"}"#)
        let id = try #require(failed["id"]?.stringValue)
        let redelivered = await h.control(.POST, "/_confemu/namespaces/default/outbox/\(id)/redeliver")
        #expect(redelivered.status == 200)
        let done = await h.control(.POST, "/_confemu/namespaces/default/outbox/wait",
                                   json: ["state": "delivered", "count": 1, "timeoutMs": 2000])
        #expect(done.status == 200)
        #expect(done.json["items"]?[0]?["attempts"]?.arrayValue?.count == 4)
        #expect(receiver.received.count == 4)
        deliverer.stop()
        let timedOut = await h.control(.POST, "/_confemu/namespaces/default/outbox/wait",
                                       json: ["kind": "mail", "count": 1, "timeoutMs": 30])
        #expect(timedOut.status == 408)
        await h.close()
    }

    @Test("GET state is a fixtures document that round-trips through POST /namespaces")
    func stateRoundTrip() async throws {
        let h = try await Harness.make()
        _ = await h.send(.POST, "/test/items", json: ["id": "c", "name": "Gamma"])
        let state = await h.control(.GET, "/_confemu/namespaces/default/state")
        #expect(state.json == ["videsk": ["greeting": "hello", "items": [
            ["id": "a", "name": "Alpha", "state": "active"], ["id": "b", "name": "Beta", "state": "active"],
            ["id": "c", "name": "Gamma", "state": "active"]]]])
        let copy = await h.control(.POST, "/_confemu/namespaces", json: ["name": "copy", "fixtures": state.json])
        #expect(copy.status == 201)
        #expect(await h.control(.GET, "/_confemu/namespaces/copy/state").json == state.json)
        await h.close()
    }

    @Test("snapshots: create 201, list, restore 204, delete, 404 for unknown")
    func snapshots() async throws {
        let h = try await Harness.make()
        let created = await h.control(.POST, "/_confemu/namespaces/default/snapshots", json: ["name": "before"])
        #expect(created.status == 201)
        #expect(created.json == ["name": "before", "createdAt": "2026-11-22T10:00:00.000Z"])
        _ = await h.send(.POST, "/test/items", json: ["id": "later"])
        #expect(await h.control(.GET, "/_confemu/namespaces/default/snapshots").json["items"]?.arrayValue?.count == 1)
        #expect(await h.control(.POST, "/_confemu/namespaces/default/snapshots/before/restore").status == 204)
        #expect(await h.send(.GET, "/test/items").json.arrayValue?.count == 2)
        #expect(await h.control(.POST, "/_confemu/namespaces/default/snapshots/nope/restore").status == 404)
        #expect(await h.control(.DELETE, "/_confemu/namespaces/default/snapshots/before").status == 204)
        #expect(await h.control(.DELETE, "/_confemu/namespaces/default/snapshots/before").status == 404)
        #expect(await h.control(.POST, "/_confemu/namespaces/default/snapshots", json: [:]).status == 400)
        await h.close()
    }

    @Test("a provider control route runs in the namespace; unknown item or namespace is 404")
    func providerControlRoute() async throws {
        let h = try await Harness.make()
        let r = await h.control(.POST, "/_confemu/namespaces/default/videsk/items/a/rename", json: ["name": "A!"])
        #expect(r.status == 200)
        #expect(r.json == ["id": "a", "name": "A!"])
        #expect(await h.send(.GET, "/test/items/a").json["name"] == "A!")
        #expect(await h.control(.POST, "/_confemu/namespaces/default/videsk/items/zz/rename").status == 404)
        #expect(await h.control(.POST, "/_confemu/namespaces/nope/videsk/items/a/rename").status == 404)
        let wrongMethod = await h.control(.GET, "/_confemu/namespaces/default/videsk/items/a/rename")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.header("Allow") == "POST, OPTIONS")
        await h.close()
    }

    @Test("a file database reopened keeps namespaces, faults, snapshots, outbox, clock and provider rows")
    func persistence() async throws {
        let file = try TemporaryDatabase()
        defer { file.cleanup() }
        let first = try await Harness.make(path: file.path)
        _ = await first.control(.POST, "/_confemu/namespaces", json: ["name": "kept", "seed": 3])
        let ns = [("X-Confemu-Namespace", "kept")]
        _ = await first.send(.POST, "/test/items", headers: ns, json: ["id": "row", "mailTo": "a@b.c", "ttlSeconds": 100])
        let fault = await first.control(.POST, "/_confemu/namespaces/kept/faults",
                                        json: ["match": ["operation": "items.get"], "trigger": ["times": 3], "effect": ["error": "busy"]])
        _ = await first.send(.GET, "/test/items/row", headers: ns)
        _ = await first.control(.POST, "/_confemu/namespaces/kept/snapshots", json: ["name": "s"])
        _ = await first.control(.POST, "/_confemu/namespaces/kept/clock/advance", json: ["seconds": 30])
        let key = await first.control(.GET, "/_confemu/namespaces/kept").json["videsk"]?["apiKey"]
        await first.close()

        let second = try await Harness.make(path: file.path)
        let doc = await second.control(.GET, "/_confemu/namespaces/kept")
        #expect(doc.status == 200)
        #expect(doc.json["videsk"]?["apiKey"] == key)
        #expect(doc.json["seed"] == .integer(3))
        #expect(doc.json["clock"]?["offsetSeconds"] == .integer(30))
        let faults = await second.control(.GET, "/_confemu/namespaces/kept/faults")
        #expect(faults.json["items"]?[0]?["id"] == fault.json["id"])
        #expect(faults.json["items"]?[0]?["hits"] == .integer(1))
        #expect(faults.json["items"]?[0]?["remaining"] == .integer(2))
        #expect(await second.control(.GET, "/_confemu/namespaces/kept/snapshots").json["items"]?.arrayValue?.count == 1)
        #expect(await second.control(.GET, "/_confemu/namespaces/kept/outbox").json["items"]?.arrayValue?.count == 1)
        #expect(await second.send(.GET, "/test/items", headers: ns).json.arrayValue?.count == 1)
        // The pending clock event survived too.
        let advanced = await second.control(.POST, "/_confemu/namespaces/kept/clock/advance", json: ["seconds": 100])
        #expect(advanced.json["events"]?.arrayValue?.count == 1)
        // A new rule gets a fresh id.
        let next = await second.control(.POST, "/_confemu/namespaces/kept/faults", json: ["effect": ["error": "busy"]])
        #expect(next.json["id"] != fault.json["id"])
        await second.close()
    }
}
