import ConfemuControlPlane
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Testing

@Suite("Request journal (control-plane.md §5)")
struct JournalTests {
    @Test("an entry has every field, Authorization redacted, newest first; responses carry the confemu headers")
    func entryShape() async throws {
        let h = try await Harness.make()
        let r = await h.send(.POST, "/test/items?x=1", headers: [("Authorization", "Bearer secret-token")],
                             json: ["id": "c"])
        #expect(r.status == 201)
        let requestID = try #require(r.header("X-Confemu-Request-Id"))
        #expect(r.header("X-Confemu-Namespace") == "default")
        _ = await h.send(.GET, "/test/items")
        let list = await h.control(.GET, "/_confemu/namespaces/default/requests")
        let items = try #require(list.json["items"]?.arrayValue)
        #expect(items.count == 2)
        #expect(items[0]["operation"] == "items.list")
        let entry = items[1]
        #expect(entry.keys == ["id", "time", "provider", "operation", "method", "path", "query", "requestHeaders",
                               "requestBody", "status", "responseBody", "durationMs", "faultId", "diagnostics"])
        #expect(entry["id"] == .string(requestID))
        #expect(entry["time"] == "2026-11-22T10:00:00.000Z")
        #expect(entry["provider"] == "videsk")
        #expect(entry["method"] == "POST")
        #expect(entry["path"] == "/test/items")
        #expect(entry["query"] == "x=1")
        #expect(entry["requestHeaders"]?["Authorization"] == "[redacted]")
        #expect(entry["requestBody"] == #"{"id":"c"}"#)
        #expect(entry["status"] == .integer(201))
        #expect(entry["responseBody"] == #"{"id":"c","name":"c"}"#)
        #expect(entry["faultId"] == .null)
        await h.close()
    }

    @Test("filters by provider, operation, status, limit and since; count uses the same filter")
    func filters() async throws {
        let h = try await Harness.make()
        _ = await h.send(.GET, "/test/items")
        _ = await h.send(.GET, "/test/items/zz")
        h.wallClock.advance(seconds: 60)
        _ = await h.send(.GET, "/test/items/a")
        _ = await h.send(.GET, "/test/items/b")
        func count(_ query: String) async -> Int {
            await h.control(.GET, "/_confemu/namespaces/default/requests\(query)").json["items"]?.arrayValue?.count ?? -1
        }
        #expect(await count("") == 4)
        #expect(await count("?operation=items.get") == 3)
        #expect(await count("?status=404") == 1)
        #expect(await count("?provider=videsk&operation=items.get&status=200") == 2)
        #expect(await count("?limit=1") == 1)
        #expect(await count("?since=2026-11-22T10:00:30Z") == 2)
        #expect(await count("?provider=bbb") == 0)
        #expect(await h.control(.GET, "/_confemu/namespaces/default/requests?status=x").status == 400)
        let counted = await h.control(.POST, "/_confemu/namespaces/default/requests/count",
                                      json: ["operation": "items.get", "status": 200])
        #expect(counted.json == ["count": 2])
        #expect(await h.control(.POST, "/_confemu/namespaces/default/requests/count", json: .object([])).json == ["count": 4])
        await h.close()
    }

    @Test("wait resolves when a later request arrives, and times out with 408")
    func wait() async throws {
        let h = try await Harness.make()
        async let waited = h.control(.POST, "/_confemu/namespaces/default/requests/wait",
                                     json: ["operation": "items.create", "count": 1, "timeoutMs": 2000])
        try await Task.sleep(for: .milliseconds(50))
        _ = await h.send(.POST, "/test/items", json: ["id": "w"])
        let answer = await waited
        #expect(answer.status == 200)
        #expect(answer.json["items"]?.arrayValue?.count == 1)
        let timedOut = await h.control(.POST, "/_confemu/namespaces/default/requests/wait",
                                       json: ["operation": "items.create", "count": 2, "timeoutMs": 50])
        #expect(timedOut.status == 408)
        #expect(timedOut.json["error"]?["code"] == "timeout")
        await h.close()
    }

    @Test("DELETE clears; the ring keeps the newest --journal-max entries")
    func clearAndRing() async throws {
        let h = try await Harness.make(journalMax: 3)
        for id in ["a", "b", "zz", "a", "b"] { _ = await h.send(.GET, "/test/items/\(id)") }
        let items = try #require(await h.control(.GET, "/_confemu/namespaces/default/requests").json["items"]?.arrayValue)
        #expect(items.compactMap { $0["path"]?.stringValue } == ["/test/items/b", "/test/items/a", "/test/items/zz"])
        #expect(await h.control(.DELETE, "/_confemu/namespaces/default/requests").status == 204)
        #expect(await h.control(.GET, "/_confemu/namespaces/default/requests").json["items"] == .array([]))
        await h.close()
    }

    @Test("diagnostics are journaled; the first becomes a one-line X-Confemu-Diagnostic")
    func diagnostics() async throws {
        let h = try await Harness.make()
        let r = await h.send(.GET, "/test/whoami", headers: [("X-Test-Diagnose", "hashed \"x\"\twith <secret> é")])
        #expect(r.header("X-Confemu-Diagnostic") == "hashed \"x\"%09with <secret> %C3%A9")
        let missing = await h.send(.GET, "/test/items/zz")
        #expect(missing.header("X-Confemu-Diagnostic") == "no item zz in namespace default")
        let items = try #require(await h.control(.GET, "/_confemu/namespaces/default/requests").json["items"]?.arrayValue)
        #expect(items[0]["diagnostics"] == .array(["no item zz in namespace default"]))
        #expect(items[1]["diagnostics"] == .array(["hashed \"x\"\twith <secret> é", "second line"]))
        await h.close()
    }
}
