import ConfemuControlPlane
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Testing

@Suite("Namespaces through the control plane (control-plane.md §2)")
struct NamespaceRoutesTests {
    @Test("POST /namespaces answers 201 with the namespace document")
    func createDocument() async throws {
        let h = try await Harness.make()
        let r = await h.control(.POST, "/_confemu/namespaces", json: ["name": "ci-42", "seed": 7])
        #expect(r.status == 201)
        #expect(r.header("Content-Type") == "application/json; charset=utf-8")
        let doc = r.json
        #expect(doc.keys == ["name", "createdAt", "seed", "clock", "videsk"])
        #expect(doc["name"] == "ci-42")
        #expect(doc["seed"] == .integer(7))
        #expect(doc["createdAt"] == "2026-11-22T10:00:00.000Z")
        #expect(doc["clock"] == .object([("now", "2026-11-22T10:00:00.000Z"), ("frozen", false), ("offsetSeconds", .integer(0))]))
        #expect(doc["videsk"]?["baseURL"] == "http://127.0.0.1:8080/test")
        #expect(doc["videsk"]?["apiKey"]?.stringValue?.hasPrefix("key-") == true)
        await h.close()
    }

    @Test("a missing name is generated, an existing name is 409, an invalid name is 400")
    func namesAndConflicts() async throws {
        let h = try await Harness.make()
        let generated = await h.control(.POST, "/_confemu/namespaces", json: .object([]))
        #expect(generated.status == 201)
        let name = try #require(generated.json["name"]?.stringValue)
        #expect(name.hasPrefix("ns-") && name.count == 11)
        let again = await h.control(.POST, "/_confemu/namespaces", json: .object([("name", .string(name))]))
        #expect(again.status == 409)
        #expect(again.json["error"]?["code"] == "conflict")
        let bad = await h.control(.POST, "/_confemu/namespaces", json: ["name": "a/b"])
        #expect(bad.status == 400)
        let badJSON = await h.control(.POST, "/_confemu/namespaces", headers: [("Content-Type", "application/json")])
        #expect(badJSON.status == 201)  // an empty body is {}
        await h.close()
    }

    @Test("list, get, 404 for an unknown name, delete with 204, default cannot be deleted")
    func listGetDelete() async throws {
        let h = try await Harness.make()
        _ = await h.control(.POST, "/_confemu/namespaces", json: ["name": "one"])
        let list = await h.control(.GET, "/_confemu/namespaces")
        #expect(list.status == 200)
        #expect(list.json.keys == ["items"])
        #expect(list.json["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["default", "one"])
        #expect(await h.control(.GET, "/_confemu/namespaces/one").json["name"] == "one")
        let missing = await h.control(.GET, "/_confemu/namespaces/nope")
        #expect(missing.status == 404)
        #expect(missing.json["error"]?["code"] == "not-found")
        let deleted = await h.control(.DELETE, "/_confemu/namespaces/one")
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        #expect(await h.control(.GET, "/_confemu/namespaces/one").status == 404)
        let refused = await h.control(.DELETE, "/_confemu/namespaces/default")
        #expect(refused.status == 409)
        #expect(await h.control(.DELETE, "/_confemu/namespaces/nope").status == 404)
        await h.close()
    }

    @Test("the same credential in two namespaces is refused with 409")
    func credentialClash() async throws {
        let h = try await Harness.make()
        let r = await h.control(.POST, "/_confemu/namespaces",
                                json: .object([("fixtures", .object([("videsk", .object([("apiKey", "default-key")]))]))]))
        #expect(r.status == 409)
        let invalid = await h.control(.POST, "/_confemu/namespaces",
                                      json: .object([("fixtures", .object([("videsk", .object([("items", "x")]))]))]))
        #expect(invalid.status == 400)
        #expect(invalid.json["error"]?["message"] == "videsk.items: must be an array")
        let unknown = await h.control(.POST, "/_confemu/namespaces", json: .object([("fixtures", .object([("zoom", .object([]))]))]))
        #expect(unknown.status == 400)
        #expect(unknown.json["error"]?["message"] == "zoom: unknown fixtures key")
        await h.close()
    }

    @Test("reset clears provider state, journal, faults and clock, re-applies fixtures and keeps credentials")
    func resetNamespace() async throws {
        let h = try await Harness.make()
        let created = await h.control(.POST, "/_confemu/namespaces", json: .object([
            ("name", "r"), ("fixtures", .object([("videsk", .object([("items", .array([.object([("id", "f1")])]))]))])),
        ]))
        let key = try #require(created.json["videsk"]?["apiKey"])
        let ns = [("X-Confemu-Namespace", "r")]
        #expect(await h.send(.POST, "/test/items", headers: ns, json: ["id": "x"]).status == 201)
        _ = await h.control(.POST, "/_confemu/namespaces/r/faults", json: ["effect": ["error": "busy"], "trigger": ["times": 5]])
        _ = await h.control(.POST, "/_confemu/namespaces/r/clock/advance", json: ["seconds": 60])
        let reset = await h.control(.POST, "/_confemu/namespaces/r/reset")
        #expect(reset.status == 204)
        #expect(await h.control(.GET, "/_confemu/namespaces/r/faults").json["items"] == .array([]))
        #expect(await h.control(.GET, "/_confemu/namespaces/r/requests").json["items"] == .array([]))
        #expect(await h.control(.GET, "/_confemu/namespaces/r/clock").json["offsetSeconds"] == .integer(0))
        let items = await h.send(.GET, "/test/items", headers: ns)
        #expect(items.json.arrayValue?.compactMap { $0["id"]?.stringValue } == ["f1"])
        #expect(await h.control(.GET, "/_confemu/namespaces/r").json["videsk"]?["apiKey"] == key)
        await h.close()
    }

    @Test("global reset drops runtime namespaces and resets default")
    func globalReset() async throws {
        let h = try await Harness.make()
        _ = await h.control(.POST, "/_confemu/namespaces", json: ["name": "gone"])
        _ = await h.send(.POST, "/test/items", json: ["id": "new"])
        #expect(await h.control(.POST, "/_confemu/reset").status == 204)
        #expect(await h.control(.GET, "/_confemu/namespaces/gone").status == 404)
        let items = await h.send(.GET, "/test/items")
        #expect(items.json.arrayValue?.compactMap { $0["id"]?.stringValue } == ["a", "b"])
        await h.close()
    }

    @Test("PATCH a provider's settings: 200 with the document, 400 naming an unknown setting, 404 unknown provider")
    func settings() async throws {
        let h = try await Harness.make()
        let r = await h.control(.PATCH, "/_confemu/namespaces/default/videsk", json: ["greeting": "hi"])
        #expect(r.status == 200)
        #expect(r.json["videsk"]?["greeting"] == "hi")
        let bad = await h.control(.PATCH, "/_confemu/namespaces/default/videsk", json: ["colour": "red"])
        #expect(bad.status == 400)
        #expect(bad.json["error"]?["code"] == "invalidSettings")
        #expect(bad.json["error"]?["message"] == "colour: unknown setting")
        #expect(await h.control(.PATCH, "/_confemu/namespaces/default/bbb", json: [:]).status == 404)
        #expect(await h.control(.PATCH, "/_confemu/namespaces/default/zoom", json: [:]).status == 404)
        await h.close()
    }

    @Test("health and info")
    func healthAndInfo() async throws {
        let h = try await Harness.make()
        h.wallClock.advance(seconds: 12)
        let health = await h.control(.GET, "/_confemu/health")
        #expect(health.json.keys == ["status", "version", "uptimeSeconds", "namespaces"])
        #expect(health.json["status"] == "ok")
        #expect(health.json["uptimeSeconds"]?.doubleValue == 12)
        #expect(health.json["namespaces"] == .integer(1))
        let info = await h.control(.GET, "/_confemu/info")
        #expect(info.json["providers"]?[0]?["id"] == "videsk")
        #expect(info.json["providers"]?[0]?["operations"]?.arrayValue?.count == 4)
        #expect(info.json["providers"]?[0]?["basePaths"] == .array(["/test"]))
        await h.close()
    }

    @Test("the errors catalogue lists every entry with a ready-made rule; ?provider filters")
    func errorsCatalogue() async throws {
        let h = try await Harness.make()
        let r = await h.control(.GET, "/_confemu/errors")
        let items = try #require(r.json["items"]?.arrayValue)
        #expect(items.count == 4)
        let busy = try #require(items.first { $0["key"] == "busy" })
        #expect(busy["status"] == .integer(503))
        #expect(busy["body"] == #"{"error":"busy"}"#)
        #expect(busy["contentType"] == "application/json")
        #expect(busy["rule"]?["effect"] == .object([("error", "busy")]))
        let posted = await h.control(.POST, "/_confemu/namespaces/default/faults", json: busy["rule"] ?? .null)
        #expect(posted.status == 201)
        #expect(await h.control(.GET, "/_confemu/errors?provider=videsk").json["items"]?.arrayValue?.count == 4)
        #expect(await h.control(.GET, "/_confemu/errors?provider=zoom").status == 400)
        await h.close()
    }
}
