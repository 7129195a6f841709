import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
import Foundation
import ProviderJitsiAdmin
import Testing

@Suite("Jitsi-Admin diagnostic header, foreign-namespace tokens and the servers of the namespace document")
struct DiagnosticsAndDocumentTests {
    @Test("X-Confemu-Diagnostic joins every diagnostic in order with \" | \" and is absent without any")
    func joinedHeader() async throws {
        let t = try await J.engine()
        let missing = await t.send(.GET, "/api/v1/server/getRooms?minutes=5")
        #expect(J.text(missing) == #"{"error":true,"text":"No Server found"}"#)
        #expect(missing.headers.first("X-Confemu-Diagnostic")
                    == #"Authorization header missing: the token is null | token null matches no server of namespace "default""#)
        #expect(J.journal(t).first?.diagnostics == [
            "Authorization header missing: the token is null",
            #"token null matches no server of namespace "default""#,
        ])
        let three = await t.send(.GET, "/api/v1/server/getRooms?minutes=5", headers: [("apiKey", "TestApi")])
        #expect(three.headers.first("X-Confemu-Diagnostic") == #"header apiKey is ignored: Jitsi-Admin reads the key only from "Authorization: Bearer <key>" | Authorization header missing: the token is null | token null matches no server of namespace "default""#)
        let clean = await t.send(.GET, "/api/v1/server/getRooms?minutes=5", headers: [J.key])
        #expect(clean.status == 200)
        #expect(clean.headers.first("X-Confemu-Diagnostic") == nil)
    }

    @Test("A10: a token of another namespace, sent where header or prefix chose a namespace, is named")
    func foreignToken() async throws {
        let t = try await J.engine()
        let info = try await t.engine.createNamespace(name: "ci-1", seed: 3, fixtures: nil)
        let key = try #require(t.engine.document(info)["jitsiAdmin"]?["servers"]?[0]?["apiKey"]?.stringValue)
        let fp = "\"\(key.prefix(3))...\" (26 chars)"
        let byHeader = await t.send(.GET, "/api/v1/server/getRooms?minutes=5",
                                    headers: [("Authorization", "Bearer \(key)"), ("X-Confemu-Namespace", "default")])
        #expect(J.text(byHeader) == #"{"error":true,"text":"No Server found"}"#)
        #expect(byHeader.headers.first("X-Confemu-Diagnostic")
                    == "token \(fp) matches no server of namespace \"default\" | token \(fp) belongs to namespace "
                    + "\"ci-1\", not to \"default\" chosen by X-Confemu-Namespace")
        let byPrefix = await t.send(.POST, "/ns/ci-1/api/v1/server/create?url=x&name=y", headers: [J.key])
        #expect(byPrefix.headers.first("X-Confemu-Diagnostic")
                    == #"token "Tes..." (7 chars) matches no server of namespace "ci-1" | token "Tes..." (7 chars) belongs to namespace "default", not to "ci-1" chosen by the /ns/ prefix"#)
        // A token of no namespace, or a namespace chosen by the token itself, gets no A10.
        let stranger = await t.send(.GET, "/api/v1/server/getRooms?minutes=5",
                                    headers: [("Authorization", "Bearer nobody"), ("X-Confemu-Namespace", "ci-1")])
        #expect(stranger.headers.first("X-Confemu-Diagnostic")
                    == #"token "nob..." (6 chars) matches no server of namespace "ci-1""#)
        let own = await t.send(.GET, "/api/v1/server/getRooms?minutes=5",
                               headers: [("Authorization", "Bearer \(key)"), ("X-Confemu-Namespace", "ci-1")])
        #expect(own.status == 200)
        #expect(own.headers.first("X-Confemu-Diagnostic") == nil)
    }

    @Test("the namespace document lists clones from server.create in id order and keeps the other settings")
    func clonesInDocument() async throws {
        let t = try await J.engine()
        let before = try #require(t.engine.namespace("default"))
        let users = before.configuration(.jitsiAdmin)["users"]
        #expect(J.text(await t.send(.POST, "/api/v1/server/create?url=clone-a.example&name=A", headers: [J.key]))
                    == #"{"server_id":2,"sucess":true,"error":false}"#)
        #expect(J.text(await t.send(.POST, "/api/v1/server/create?url=clone-b.example&name=B&app_secret=s",
                                    headers: [J.key]))
                    == #"{"server_id":3,"sucess":true,"error":false}"#)
        // A failed create adds nothing.
        _ = await t.send(.POST, "/api/v1/server/create?name=C", headers: [J.key])
        let info = try #require(t.engine.namespace("default"))
        let section = try #require(t.engine.document(info)["jitsiAdmin"])
        let servers = try #require(section["servers"]?.arrayValue)
        #expect(servers.compactMap { $0["id"]?.int64Value } == [1, 2, 3])
        #expect(servers.compactMap { $0["url"]?.stringValue } == ["meet.jit.si2", "clone-a.example", "clone-b.example"])
        #expect(servers[2].jsonString()
                    == #"{"id":3,"url":"clone-b.example","name":"B","apiKey":"TestApi","members":[],"isAllowedToCloneForAutoscale":false}"#)
        #expect(section["timeZone"]?.stringValue == "Europe/Berlin")
        #expect(info.configuration(.jitsiAdmin)["users"] == users)
        // The prototype still answers getRooms for its key.
        #expect(try J.json(await t.send(.GET, "/api/v1/server/getRooms?minutes=5", headers: [J.key]))["server_id"]
                    == .integer(1))
    }
}
