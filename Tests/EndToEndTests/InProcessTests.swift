import ConfemuTesting
import Foundation
import Testing

@Suite("confemu in-process")
struct InProcessTests {
    @Test("withConfemu serves health over a real socket and creates namespaces")
    func healthAndNamespace() async throws {
        try await withConfemu(.init(seed: 7)) { confemu in
            let health = try await confemu.request("GET", "/_confemu/health")
            #expect(health.status == 200)
            #expect(health.header("Content-Type") == "application/json; charset=utf-8")
            #expect(health.header("Server") == "confemu")
            let document = try await confemu.createNamespace(name: "ci-1")
            #expect(document.contains("\"name\":\"ci-1\""))
            let listed = try await confemu.request("GET", "/_confemu/namespaces")
            #expect(listed.text.contains("\"ci-1\""))
            #expect(listed.text.contains("\"default\""))
        }
    }
}

@Suite("shipped fixtures")
struct ShippedFixturesTests {
    @Test("fixtures/classroom.json starts and its state names every provider's example objects")
    func classroom() async throws {
        try await withConfemu(.init(seed: 1, fixtures: "classroom.json")) { confemu in
            let state = try await confemu.request("GET", "/_confemu/namespaces/default/state")
            #expect(state.status == 200)
            for expected in ["physics-101", "chemistry-201", "Physics 101", "classroom-101", "classroom-102",
                             "student@school.example", "ClassroomApi"] {
                #expect(state.text.contains(expected), "missing \(expected)")
            }
        }
    }
}
