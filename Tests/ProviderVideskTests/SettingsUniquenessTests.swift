import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
import Testing

@Suite("Videsk settings: tokens stay unique across namespaces (videsk.md §1.2)")
struct SettingsUniquenessTests {
    @Test("PATCHing an extra token that another namespace uses is refused with its JSON path")
    func extraTokenOfAnotherNamespace() async throws {
        let h = try await VideskHarness.make()
        _ = try await h.engine.createNamespace(name: "ci-1", seed: 1, fixtures: ["videsk": ["apiToken": "ci-1-token"]])
        let patch: JSONValue = ["extraApiTokens": [["token": "ci-1-token"]]]
        do {
            _ = try await h.engine.updateSettings(namespace: "default", provider: .videsk, patch: patch)
            Issue.record("the clashing token was accepted")
        } catch let error as EngineError {
            #expect(error.status == 400)
            #expect(error.code == "invalidSettings")
            #expect(error.message == #"$.videsk.extraApiTokens[0].token: already used by namespace "ci-1""#)
        }
        // A token nobody uses is accepted and then authenticates.
        let accepted = try await h.engine.updateSettings(namespace: "default", provider: .videsk,
                                                         patch: ["extraApiTokens": [["token": "fresh-token"]]])
        #expect(accepted.configuration(.videsk)["extraApiTokens"]?[0]?["token"]?.stringValue == "fresh-token")
        let listed = await h.test.send(.GET, "/vpaas/rooms", headers: [("Authorization", "Bearer fresh-token")])
        #expect(listed.status == 200)
    }
}
