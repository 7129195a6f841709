import Foundation
import ConfemuSupport
import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
@testable import ProviderVidesk
import Testing

@Suite("API-token authentication (videsk.md 5)")
struct AuthenticationTests {
    static let missing = #"{"name":"NotAuthenticated","message":"Authorization header with valid JWT is required.","code":401,"className":"not-authenticated"}"#

    @Test("missing header, Basic scheme and empty bearer get 401 with their diagnostics", arguments: [
        ([(String, String)](), "auth: no Authorization header -> 401 \"Authorization header with valid JWT is required.\""),
        ([("Authorization", "Basic abc")],
         "auth: Authorization scheme \"Basic\" is not Bearer -> 401 \"Authorization header with valid JWT is required.\""),
        ([("Authorization", "Bearer   ")],
         "auth: Bearer token is empty -> 401 \"Authorization header with valid JWT is required.\""),
    ])
    func missingCredentials(headers: [(String, String)], diagnostic: String) async throws {
        let v = try await VideskHarness.make()
        let response = await v.send(.GET, "/vpaas/rooms", headers: headers)
        #expect(response.status == 401)
        #expect(VideskHarness.text(response) == Self.missing)
        #expect(response.headers.first("X-Confemu-Diagnostic") == diagnostic)
        #expect(v.journal(VideskOperation.list).first?.diagnostics == [diagnostic])
    }

    @Test("unknown tokens: jwt malformed without 3 segments, invalid signature with 3; never shown whole")
    func unknownTokens() async throws {
        let v = try await VideskHarness.make()
        let malformed = await v.send(.GET, "/vpaas/rooms", headers: [("Authorization", "Bearer not-a-token")])
        #expect(malformed.status == 401)
        #expect(VideskHarness.text(malformed)
            == #"{"name":"NotAuthenticated","message":"jwt malformed","code":401,"className":"not-authenticated"}"#)
        #expect(malformed.headers.first("X-Confemu-Diagnostic")
            == "auth: token not-...(11 chars) is not an API token of any namespace and has 1 dot-separated segment(s), a JWT has 3 -> 401 \"jwt malformed\"")
        let signature = await v.send(.GET, "/vpaas/rooms", headers: [("Authorization", "Bearer aaaa.bbbb.cccc")])
        #expect(VideskHarness.text(signature)
            == #"{"name":"NotAuthenticated","message":"invalid signature","code":401,"className":"not-authenticated"}"#)
        #expect(signature.headers.first("X-Confemu-Diagnostic")
            == "auth: token aaaa...(14 chars) is not an API token of any namespace -> 401 \"invalid signature\"")
        let short = await v.send(.GET, "/vpaas/rooms", headers: [("Authorization", "Bearer a.b")])
        #expect(short.headers.first("X-Confemu-Diagnostic")?.hasPrefix("auth: token ...(3 chars) is not") == true)
    }

    @Test("a token of namespace A sent to namespace B by header or prefix gets invalid signature")
    func otherNamespace() async throws {
        let v = try await VideskHarness.make()
        _ = try await v.engine.createNamespace(name: "ci-b", seed: 3, fixtures: nil)
        let byHeader = await v.send(.GET, "/vpaas/rooms", headers: v.auth + [("X-Confemu-Namespace", "ci-b")])
        #expect(byHeader.status == 401)
        #expect(try VideskHarness.json(byHeader)["message"]?.stringValue == "invalid signature")
        #expect(byHeader.headers.first("X-Confemu-Diagnostic")
            == "auth: token vide...(21 chars) is an API token of namespace \"default\", not of \"ci-b\" -> 401 \"invalid signature\"")
        let byPrefix = await v.send(.GET, "/ns/ci-b/vpaas/rooms")
        #expect(byPrefix.status == 401)
        #expect(byPrefix.headers.first("X-Confemu-Namespace") == "ci-b")
    }

    @Test("unknown namespace by header: 401 unauthorized with diagnostic, not journaled, no rate-limit headers")
    func unknownNamespace() async throws {
        let v = try await VideskHarness.make()
        let response = await v.send(.GET, "/vpaas/rooms", headers: v.auth + [("X-Confemu-Namespace", "ghost")])
        #expect(response.status == 401)
        #expect(VideskHarness.text(response) == Self.missing)
        #expect(response.headers.first("X-Confemu-Diagnostic") == "namespace \"ghost\" does not exist")
        #expect(response.headers.first("RateLimit-Limit") == nil)
        #expect(v.journal().isEmpty)
    }

    static let extraFixtures: JSONValue = [
        "videsk": [
            "apiToken": "videsk-test-api-token",
            "tokenSecret": "confemu-videsk-default-token-secret-0123456789",
            "extraApiTokens": [
                ["token": "extra-expired-token", "status": "expired"],
                ["token": "extra-revoked-token", "status": "revoked"],
                ["token": "extra-forbidden-token", "status": "forbidden"],
                ["token": "extra-ip-token", "allowedIps": ["10.0.0.0/8", "2001:db8::1"]],
            ],
        ],
    ]

    @Test("extra tokens by status", arguments: [
        ("extra-expired-token", 401, "NotAuthenticated", "not-authenticated", "jwt expired", "expired"),
        ("extra-revoked-token", 403, "Forbidden", "forbidden", "The integration token it's invalid or was removed.",
         "revoked"),
        ("extra-forbidden-token", 403, "Forbidden", "forbidden",
         "You don't have access to /vpaas/rooms. Please contact to your administrator.", "forbidden"),
    ])
    func extraStatuses(token: String, status: Int, name: String, className: String, message: String,
                       label: String) async throws {
        let v = try await VideskHarness.make(fixtures: Self.extraFixtures)
        let response = await v.send(.GET, "/vpaas/rooms/x/stats", headers: [("Authorization", "Bearer \(token)")])
        #expect(response.status == status)
        #expect(VideskHarness.text(response) == VideskHarness.feathers(status, name, className, message))
        #expect(response.headers.first("X-Confemu-Diagnostic")
            == "auth: token \(token.prefix(4))...(\(token.count) chars) has status \"\(label)\" in namespace \"default\" -> \(status) \"\(message)\"")
    }

    @Test("allowedIps honours X-Forwarded-For, CIDR blocks, IPv6 and the ::ffff: prefix")
    func allowedIps() async throws {
        let v = try await VideskHarness.make(fixtures: Self.extraFixtures)
        let auth = [("Authorization", "Bearer extra-ip-token")]
        #expect(await v.send(.GET, "/vpaas/rooms", headers: auth, remoteAddress: "10.9.8.7").status == 200)
        #expect(await v.send(.GET, "/vpaas/rooms", headers: auth, remoteAddress: "::ffff:10.9.8.7").status == 200)
        #expect(await v.send(.GET, "/vpaas/rooms", headers: auth, remoteAddress: "2001:db8::1").status == 200)
        #expect(await v.send(.GET, "/vpaas/rooms", headers: auth + [("X-Forwarded-For", "10.1.1.1, 8.8.8.8")],
                             remoteAddress: "8.8.8.8").status == 200)
        let refused = await v.send(.GET, "/vpaas/rooms", headers: auth + [("X-Forwarded-For", "8.8.4.4")],
                                   remoteAddress: "10.1.1.1")
        #expect(refused.status == 403)
        #expect(try VideskHarness.json(refused)["message"]?.stringValue
            == "Your IP address is not allowed to use this API token.")
        #expect(refused.headers.first("X-Confemu-Diagnostic")
            == "auth: requester IP 8.8.4.4 is not in allowedIps [10.0.0.0/8,2001:db8::1] of token extr...(14 chars) -> 403 \"Your IP address is not allowed to use this API token.\"")
    }

    @Test("malformed JSON is 400 before authentication; DELETE is 401 without a token and 403 with one")
    func order() async throws {
        let v = try await VideskHarness.make()
        let malformed = await v.send(.POST, "/vpaas/rooms", headers: [], body: "{")
        #expect(malformed.status == 400)
        let anonymousDelete = await v.send(.DELETE, "/vpaas/rooms/abc", headers: [])
        #expect(anonymousDelete.status == 401)
        let room = try await v.createRoom(#"{"externalId":"keep"}"#)
        for target in ["/vpaas/rooms/keep", "/vpaas/rooms/unknown", "/vpaas/rooms"] {
            let response = await v.send(.DELETE, target)
            #expect(response.status == 403)
            #expect(VideskHarness.text(response)
                == #"{"name":"Forbidden","message":"Not allowed","code":403,"className":"forbidden"}"#)
        }
        let still = await v.send(.GET, "/vpaas/rooms/keep")
        #expect(try VideskHarness.json(still)["id"] == room["id"])
    }
}
