import ConfemuControlPlane
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Testing

@Suite("Fault rules (control-plane.md §4)")
struct FaultTests {
    @Test("an error fault renders the catalogue entry, times then serve normally, journaled with the rule id")
    func errorTimes() async throws {
        let h = try await Harness.make()
        let posted = await h.control(.POST, "/_confemu/namespaces/default/faults", json: [
            "match": ["provider": "videsk", "operation": "items.get", "params": ["id": "a"]],
            "trigger": ["times": 2],
            "effect": ["error": "busy"],
        ])
        #expect(posted.status == 201)
        let id = try #require(posted.json["id"]?.stringValue)
        #expect(posted.json.keys == ["id", "match", "trigger", "effect", "hits", "remaining"])
        #expect(posted.json["remaining"] == .integer(2))
        #expect(await h.send(.GET, "/test/items/b").status == 200)  // params do not match
        let first = await h.send(.GET, "/test/items/a")
        #expect(first.status == 503)
        #expect(first.text == #"{"error":"busy"}"#)
        #expect(first.header("X-Confemu-Namespace") == "default")
        #expect(await h.send(.GET, "/test/items/a").status == 503)
        #expect(await h.send(.GET, "/test/items/a").status == 200)
        let listed = await h.control(.GET, "/_confemu/namespaces/default/faults")
        #expect(listed.json["items"]?[0]?["hits"] == .integer(2))
        #expect(listed.json["items"]?[0]?["remaining"] == .integer(0))
        let journal = await h.control(.GET, "/_confemu/namespaces/default/requests?status=503")
        let entries = try #require(journal.json["items"]?.arrayValue)
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0["faultId"] == .string(id) })
        #expect(entries.first?["diagnostics"] == .array(["fault: busy"]))
        await h.close()
    }

    @Test("skip lets the first matches pass; times null fires until deleted with remaining null")
    func skipAndUnlimited() async throws {
        let h = try await Harness.make()
        let posted = await h.control(.POST, "/_confemu/namespaces/default/faults", json: [
            "match": ["provider": "*", "operation": "items.list"], "trigger": ["skip": 2, "times": .null],
            "effect": ["error": "busy"],
        ])
        #expect(posted.json["remaining"] == .null)
        var statuses: [Int] = []
        for _ in 0..<5 { statuses.append(await h.send(.GET, "/test/items").status) }
        #expect(statuses == [200, 200, 503, 503, 503])
        let id = try #require(posted.json["id"]?.stringValue)
        #expect(await h.control(.DELETE, "/_confemu/namespaces/default/faults/\(id)").status == 204)
        #expect(await h.send(.GET, "/test/items").status == 200)
        #expect(await h.control(.DELETE, "/_confemu/namespaces/default/faults/\(id)").status == 404)
        await h.close()
    }

    @Test("a status effect answers the raw response; DELETE faults removes all")
    func rawStatus() async throws {
        let h = try await Harness.make()
        _ = await h.control(.POST, "/_confemu/namespaces/default/faults", json: [
            "effect": ["status": 502, "body": "bad gateway", "headers": ["Retry-After": "3"]],
        ])
        _ = await h.control(.POST, "/_confemu/namespaces/default/faults", json: ["effect": ["error": "busy"]])
        let r = await h.send(.GET, "/test/items")
        #expect(r.status == 502)
        #expect(r.text == "bad gateway")
        #expect(r.header("Retry-After") == "3")
        #expect(r.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(await h.control(.DELETE, "/_confemu/namespaces/default/faults").status == 204)
        #expect(await h.control(.GET, "/_confemu/namespaces/default/faults").json["items"] == .array([]))
        #expect(await h.send(.GET, "/test/items").status == 200)
        await h.close()
    }

    @Test("connection effects set the connection action and are journaled", arguments: [
        ("reset", ConnectionAction.reset), ("close", .closeSilently), ("hang", .hang(maxSeconds: 300)),
    ])
    func connection(name: String, action: ConnectionAction) async throws {
        let h = try await Harness.make()
        let posted = await h.control(.POST, "/_confemu/namespaces/default/faults",
                                     json: ["effect": ["connection": .string(name)]])
        let r = await h.send(.GET, "/test/items")
        #expect(r.connectionAction == action)
        #expect(r.body.isEmpty)
        let journal = await h.control(.GET, "/_confemu/namespaces/default/requests")
        #expect(journal.json["items"]?[0]?["faultId"] == posted.json["id"])
        await h.close()
    }

    @Test("a delay holds only its own request")
    func delayDoesNotBlock() async throws {
        let h = try await Harness.make()
        _ = await h.control(.POST, "/_confemu/namespaces/default/faults", json: [
            "match": ["operation": "whoami"], "effect": ["delayMs": 3000],
        ])
        // Ordering, not absolute speed (the suite runs in parallel on 2 cores): the undelayed request must be
        // answered while the delayed one is still sleeping.
        let clock = ContinuousClock()
        let started = clock.now
        async let slow = h.send(.GET, "/test/whoami")
        try await Task.sleep(for: .milliseconds(50))
        let fast = await h.send(.GET, "/test/items")
        let fastElapsed = clock.now - started
        #expect(fast.status == 200)
        #expect(fastElapsed < .milliseconds(2500))
        let slowResponse = await slow
        #expect(slowResponse.status == 200)  // served normally after the delay
        #expect(clock.now - started >= .milliseconds(3000))
        await h.close()
    }

    @Test("X-Confemu-Fault gets the error once; an unknown key is a diagnostic; strict fidelity disables it")
    func onDemandHeader() async throws {
        let h = try await Harness.make()
        let r = await h.send(.GET, "/test/items", headers: [("X-Confemu-Fault", "busy")])
        #expect(r.status == 503)
        #expect(await h.send(.GET, "/test/items").status == 200)
        let unknown = await h.send(.GET, "/test/items", headers: [("X-Confemu-Fault", "nope")])
        #expect(unknown.status == 200)
        #expect(unknown.header("X-Confemu-Diagnostic") == #"unknown fault key "nope""#)
        let notApplicable = await h.send(.GET, "/test/items", headers: [("X-Confemu-Fault", "notFound")])
        #expect(notApplicable.status == 200)
        #expect(notApplicable.header("X-Confemu-Diagnostic") == "fault: notFound does not apply to items.list")
        let strict = try await Harness.make(strictFidelity: true)
        #expect(await strict.send(.GET, "/test/items", headers: [("X-Confemu-Fault", "busy")]).status == 200)
        await h.close()
        await strict.close()
    }

    @Test("probability draws come from the namespace seed: a reset repeats the pattern")
    func seededProbability() async throws {
        let h = try await Harness.make()
        _ = await h.control(.POST, "/_confemu/namespaces", json: ["name": "p", "seed": 42])
        let rule: JSONValue = ["trigger": ["times": .null, "probability": 0.5], "effect": ["error": "busy"]]
        func run() async -> [Int] {
            _ = await h.control(.POST, "/_confemu/namespaces/p/faults", json: rule)
            var statuses: [Int] = []
            for _ in 0..<24 { statuses.append(await h.send(.GET, "/test/items", headers: [("X-Confemu-Namespace", "p")]).status) }
            return statuses
        }
        let first = await run()
        #expect(first.contains(200) && first.contains(503))
        _ = await h.control(.POST, "/_confemu/namespaces/p/reset")
        #expect(await run() == first)
        _ = await h.control(.POST, "/_confemu/namespaces", json: ["name": "q", "seed": 42])
        _ = await h.control(.POST, "/_confemu/namespaces/q/faults", json: rule)
        var other: [Int] = []
        for _ in 0..<24 { other.append(await h.send(.GET, "/test/items", headers: [("X-Confemu-Namespace", "q")]).status) }
        #expect(other == first)
        await h.close()
    }

    static let invalid: [(JSONValue, String)] = [
        (JSONValue.object([]), "effect: required object"),
        (["effect": ["error": "nope"]], "effect.error: 'nope' is not in the error catalogue of *"),
        (["match": ["provider": "zoom"], "effect": ["error": "busy"]],
         "match.provider: unknown provider 'zoom' (bbb, jitsiAdmin, videsk, proconf or *)"),
        (["match": ["provider": "videsk", "operation": "rooms.create"], "effect": ["error": "busy"]],
         "match.operation: 'rooms.create' is not an operation of videsk"),
        (["trigger": ["probability": 2], "effect": ["error": "busy"]], "trigger.probability: must be a number from 0 to 1"),
        (["effect": ["connection": "reset", "status": 500]], "effect: connection cannot be combined with error or status"),
    ]

    @Test("invalid rules are 400 invalidFault naming the field", arguments: FaultTests.invalid)
    func invalidRules(rule: JSONValue, message: String) async throws {
        let h = try await Harness.make()
        let r = await h.control(.POST, "/_confemu/namespaces/default/faults", json: rule)
        #expect(r.status == 400)
        #expect(r.json["error"]?["code"] == "invalidFault")
        #expect(r.json["error"]?["message"] == .string(message))
        #expect(await h.control(.POST, "/_confemu/namespaces/nope/faults", json: ["effect": ["error": "busy"]]).status == 404)
        await h.close()
    }
}
