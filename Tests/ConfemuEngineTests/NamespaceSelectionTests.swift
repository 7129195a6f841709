import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import ConfemuTesting
import Testing

@Suite("Namespace selection and isolation in the pipeline (control-plane.md §2)")
struct NamespaceSelectionTests {
    func makeWithOther() async throws -> (Harness, String) {
        let h = try await Harness.make()
        let info = try await h.engine.createNamespace(name: "other", seed: 1, fixtures: nil)
        return (h, info.configuration(.videsk)["apiKey"]?.stringValue ?? "")
    }

    @Test("header, /ns prefix, credential, then default; first match wins")
    func selection() async throws {
        let (h, key) = try await makeWithOther()
        func who(_ target: String, _ headers: [(String, String)] = []) async -> JSONValue {
            await h.send(.GET, target, headers: headers).json
        }
        #expect(await who("/test/whoami", [("X-Confemu-Namespace", "other")])["selection"] == "header")
        let prefixed = await who("/ns/other/test/whoami")
        #expect(prefixed["namespace"] == "other")
        #expect(prefixed["selection"] == "prefix")
        #expect(prefixed["baseURL"] == "http://127.0.0.1:8080/ns/other")
        let byKey = await who("/test/whoami", [(TestProvider.credentialHeader, key)])
        #expect(byKey["namespace"] == "other")
        #expect(byKey["selection"] == "credential")
        #expect(await who("/test/whoami")["selection"] == "fallback")
        #expect(await who("/test/whoami")["namespace"] == "default")
        // The header beats the prefix and the credential.
        let both = await who("/ns/other/test/whoami", [("X-Confemu-Namespace", "default"), (TestProvider.credentialHeader, key)])
        #expect(both["namespace"] == "default")
        #expect(both["selection"] == "header")
        let response = await h.send(.GET, "/ns/other/test/whoami")
        #expect(response.header("X-Confemu-Namespace") == "other")
        #expect(response.header("X-Confemu-Request-Id")?.hasPrefix("req-") == true)
        await h.close()
    }

    @Test("an unknown namespace by header or prefix gets the provider's unauthorized, journaled in default")
    func unknown() async throws {
        let h = try await Harness.make()
        for (target, headers) in [("/test/items", [("X-Confemu-Namespace", "ghost")]), ("/ns/ghost/test/items", [])] {
            let r = await h.send(.GET, target, headers: headers)
            #expect(r.status == 401)
            #expect(r.text == #"{"error":"unauthorized"}"#)
            #expect(r.header("X-Confemu-Diagnostic") == "unknown namespace ghost")
        }
        #expect(h.engine.journal.count(namespace: "default", filter: JournalFilter(status: 401)) == 2)
        await h.close()
    }

    @Test("unknown paths in the mount get the provider's 404/405; other paths are not the engine's")
    func routing() async throws {
        let h = try await Harness.make()
        #expect(await h.send(.GET, "/test/nope").status == 404)
        let notAllowed = await h.send(.DELETE, "/test/items")
        #expect(notAllowed.status == 405)
        #expect(notAllowed.header("Allow") == "GET,POST")
        #expect(await h.engine.handle(TestRequest.make(.GET, "/elsewhere")) == nil)
        await h.close()
    }

    @Test("two namespaces used concurrently never see each other's state, faults, journal or clock")
    func isolation() async throws {
        let h = try await Harness.make()
        _ = try await h.engine.createNamespace(name: "n1", seed: 1, fixtures: .object([]))
        _ = try await h.engine.createNamespace(name: "n2", seed: 2, fixtures: .object([]))
        _ = try await h.engine.addFault(namespace: "n1", document: ["match": ["operation": "items.get"],
                                                                     "trigger": ["times": .null], "effect": ["error": "busy"]])
        _ = try await h.engine.advanceClock(namespace: "n2", seconds: 3600)
        await withTaskGroup(of: Void.self) { group in
            for name in ["n1", "n2"] {
                group.addTask {
                    for index in 0..<10 {
                        _ = await h.send(.POST, "/test/items", headers: [("X-Confemu-Namespace", name)],
                                         json: .object([("id", .string("\(name)-\(index)"))]))
                        _ = await h.send(.GET, "/test/items/\(name)-\(index)", headers: [("X-Confemu-Namespace", name)])
                    }
                }
            }
        }
        for name in ["n1", "n2"] {
            let items = await h.send(.GET, "/test/items", headers: [("X-Confemu-Namespace", name)]).json.arrayValue ?? []
            #expect(items.count == 10)
            #expect(items.allSatisfy { $0["id"]?.stringValue?.hasPrefix(name) == true })
            #expect(h.engine.journal.count(namespace: name, filter: JournalFilter()) == 21)
        }
        #expect(h.engine.journal.count(namespace: "n1", filter: JournalFilter(status: 503)) == 10)
        #expect(h.engine.journal.count(namespace: "n2", filter: JournalFilter(status: 503)) == 0)
        #expect(h.engine.faults.list(namespace: "n2").isEmpty)
        let now1 = await h.send(.GET, "/test/whoami", headers: [("X-Confemu-Namespace", "n1")]).json["now"]
        let now2 = await h.send(.GET, "/test/whoami", headers: [("X-Confemu-Namespace", "n2")]).json["now"]
        #expect(now1 == "2026-11-22T10:00:00.000Z")
        #expect(now2 == "2026-11-22T11:00:00.000Z")
        await h.close()
    }
}

@Suite("NamespaceClock (control-plane.md §6)")
struct NamespaceClockTests {
    let real = Date(timeIntervalSince1970: 1_000)

    @Test("offset, freeze, advance while frozen, resume and set")
    func arithmetic() {
        var clock = NamespaceClock()
        clock.advance(milliseconds: 5000)
        #expect(clock.nowMilliseconds(real: real) == 1_005_000)
        clock.freeze(real: real)
        #expect(clock.nowMilliseconds(real: real.addingTimeInterval(60)) == 1_005_000)
        clock.advance(milliseconds: 1000)
        #expect(clock.nowMilliseconds(real: real) == 1_006_000)
        clock.resume(real: real.addingTimeInterval(10))
        #expect(clock.nowMilliseconds(real: real.addingTimeInterval(11)) == 1_007_000)
        clock.set(0, real: real)
        #expect(clock.nowMilliseconds(real: real) == 0)
        #expect(clock.offsetSeconds(real: real) == -1000)
    }
}
