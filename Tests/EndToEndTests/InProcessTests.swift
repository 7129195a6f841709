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
