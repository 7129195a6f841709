import Foundation
import ConfemuSupport
import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
@testable import ProviderVidesk
import Testing

@Suite("namespaces, routing, CORS, rate limits, faults and state")
struct PlatformTests {
    @Test("default ships the documented credentials; the document has the 1.1 keys in order")
    func namespaceDocument() async throws {
        let v = try await VideskHarness.make()
        let info = try #require(v.engine.namespace("default"))
        let document = try #require(v.engine.document(info)["videsk"])
        #expect(document.jsonString() == #"{"baseURL":"http://127.0.0.1:8080/vpaas","apiToken":"videsk-test-api-token","tokenSecret":"confemu-videsk-default-token-secret-0123456789","rateLimitPerSecond":null,"extendedRoomFields":false,"extraApiTokens":[]}"#)
        let runtime = try await v.engine.createNamespace(name: "ci-42", seed: nil, fixtures: nil)
        let runtimeDocument = try #require(v.engine.document(runtime)["videsk"])
        #expect(runtimeDocument["baseURL"]?.stringValue == "http://127.0.0.1:8080/ns/ci-42/vpaas")
        let token = try #require(runtimeDocument["apiToken"]?.stringValue)
        #expect(token.range(of: "^videsk-[0-9a-f]{32}$", options: .regularExpression) != nil)
        #expect(runtimeDocument["tokenSecret"]?.stringValue?.range(of: "^[0-9a-f]{64}$", options: .regularExpression) != nil)
        // The API token alone selects the namespace.
        let byToken = await v.send(.GET, "/vpaas/rooms", headers: [("Authorization", "Bearer \(token)")])
        #expect(byToken.status == 200)
        #expect(byToken.headers.first("X-Confemu-Namespace") == "ci-42")
    }

    @Test("fixtures are validated with JSON paths; duplicate tokens across namespaces are refused")
    func fixtureValidation() async throws {
        let v = try await VideskHarness.make()
        await #expect(throws: EngineError.self) {
            _ = try await v.engine.createNamespace(name: "dup", seed: nil,
                                                   fixtures: ["videsk": ["apiToken": "videsk-test-api-token"]])
        }
        do {
            _ = try await v.engine.createNamespace(name: "bad", seed: nil, fixtures: ["videsk": ["nope": 1]])
            Issue.record("accepted an unknown key")
        } catch let error as EngineError {
            #expect(error.message == "$.videsk.nope: unknown key")
        }
    }

    @Test("fixture rooms load and the state export round-trips in the exact key order")
    func stateRoundTrip() async throws {
        let fixtures: JSONValue = [
            "videsk": [
                "apiToken": "videsk-test-api-token",
                "tokenSecret": "confemu-videsk-default-token-secret-0123456789",
                "rateLimitPerSecond": 50,
                "extendedRoomFields": true,
                "extraApiTokens": [["token": "second-token", "status": "active", "allowedIps": []]],
                "rooms": [
                    ["id": "64F1A2B3C4D5E6F7A8B9C0D1", "externalId": "old", "nbf": "2026-11-01T10:00:00Z",
                     "exp": "2026-11-01T11:00:00Z", "ended": true,
                     "authorizations": [["ip": "1.1.1.1", "jti": "j", "createdAt": "2026-11-01T10:00:00Z"]],
                     "participants": [["peerId": "p", "displayName": "P", "joinedAt": "2026-11-01T10:00:00Z",
                                       "leftAt": "2026-11-01T10:30:00Z"]]],
                    ["externalId": "fresh"],
                ],
            ],
        ]
        let v = try await VideskHarness.make(fixtures: fixtures)
        let state = try await v.engine.exportState(namespace: "default")
        let section = try #require(state["videsk"])
        #expect(section.keys == ["apiToken", "tokenSecret", "rateLimitPerSecond", "extendedRoomFields",
                                 "extraApiTokens", "rooms"])
        let rooms = try #require(section["rooms"]?.arrayValue)
        #expect(rooms.count == 2)
        #expect(rooms[0].jsonString() == #"{"id":"64f1a2b3c4d5e6f7a8b9c0d1","externalId":"old","name":"Room old","nbf":"2026-11-01T10:00:00.000Z","exp":"2026-11-01T11:00:00.000Z","ended":true,"settings":{},"createdAt":"2026-11-22T10:00:00.000Z","updatedAt":"2026-11-22T10:00:00.000Z","authorizations":[{"ip":"1.1.1.1","jti":"j","createdAt":"2026-11-01T10:00:00.000Z"}],"participants":[{"peerId":"p","displayName":"P","joinedAt":"2026-11-01T10:00:00.000Z","leftAt":"2026-11-01T10:30:00.000Z"}]}"#)
        let copy = try await v.engine.createNamespace(name: "copy", seed: nil,
                                                      fixtures: ["videsk": Self.withTokens(section)])
        let copied = try await v.engine.exportState(namespace: copy.name)
        #expect(copied["videsk"]?["rooms"]?.jsonString() == section["rooms"]?.jsonString())
        let list = try VideskHarness.json(await v.send(.GET, "/vpaas/rooms?ended=true",
                                                       headers: [("Authorization", "Bearer second-token")]))
        #expect(list["total"]?.intValue == 1)
        #expect(list["data"]?[0]?["settings"] != nil)
    }

    /// The same section with fresh credentials (tokens must be unique across namespaces).
    static func withTokens(_ section: JSONValue) -> JSONValue {
        var copy = section
        copy["apiToken"] = "copy-token"
        copy["extraApiTokens"] = .array([])
        return copy
    }

    @Test("routing answers: PUT 405, PATCH collection 405, join/stats methods, 404 with data.url")
    func routing() async throws {
        let v = try await VideskHarness.make()
        let cases: [(HTTPMethod, String, Int, String)] = [
            (.PUT, "/vpaas/rooms", 405, "Method `update` is not supported by this endpoint."),
            (.PUT, "/vpaas/rooms/abc", 405, "Method `update` is not supported by this endpoint."),
            (.PATCH, "/vpaas/rooms/", 405, "Can not patch multiple entries"),
            (.GET, "/vpaas/rooms/abc/join", 405, "Method `find` is not supported by this endpoint."),
            (.DELETE, "/vpaas/rooms/abc/join", 405, "Method `remove` is not supported by this endpoint."),
            (.POST, "/vpaas/rooms/abc/stats", 405, "Method `create` is not supported by this endpoint."),
            (.PATCH, "/vpaas/rooms/abc/stats", 405, "Method `patch` is not supported by this endpoint."),
        ]
        for (method, path, status, message) in cases {
            let response = await v.send(method, path, headers: [])
            #expect(response.status == status, "\(method) \(path)")
            #expect(VideskHarness.text(response) == VideskHarness.feathers(status, "MethodNotAllowed",
                                                                            "method-not-allowed", message))
        }
        let notFound = await v.send(.POST, "/ns/default/vpaas/rooms/abc?x=1", headers: [])
        #expect(VideskHarness.text(notFound)
            == #"{"name":"NotFound","message":"Page not found","code":404,"className":"not-found","data":{"url":"/vpaas/rooms/abc?x=1"}}"#)
        #expect(await v.send(.GET, "/vpaas/nope", headers: []).status == 404)
        #expect(v.journal().allSatisfy { $0.operation == nil })
    }

    @Test("OPTIONS is a 204 preflight with CORS fields and no rate-limit headers")
    func preflight() async throws {
        let v = try await VideskHarness.make()
        let response = await v.send(.OPTIONS, "/vpaas/rooms/x/join",
                                    headers: [("Access-Control-Request-Headers", "authorization,content-type")])
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
        #expect(response.headers.first("Access-Control-Allow-Origin") == "*")
        #expect(response.headers.first("Access-Control-Allow-Methods") == "GET,HEAD,PUT,PATCH,POST,DELETE")
        #expect(response.headers.first("Access-Control-Allow-Headers") == "authorization,content-type")
        #expect(response.headers.first("Vary") == "Access-Control-Request-Headers")
        #expect(response.headers.first("RateLimit-Limit") == nil)
        #expect(response.headers.first("Content-Type") == nil)
    }

    @Test("rate-limit headers on every response; an enforced limit answers 429 with Retry-After")
    func rateLimits() async throws {
        let v = try await VideskHarness.make()
        let first = await v.send(.GET, "/vpaas/rooms")
        #expect(first.headers.first("RateLimit-Limit") == "20")
        #expect(first.headers.first("RateLimit-Remaining") == "19")
        #expect(first.headers.first("RateLimit-Reset") == "1")
        #expect(first.headers.first("RateLimit-Policy") == "20;w=1")
        #expect(await v.send(.GET, "/vpaas/rooms", headers: []).headers.first("RateLimit-Remaining") == "18")
        _ = try await v.engine.updateSettings(namespace: "default", provider: .videsk,
                                              patch: ["rateLimitPerSecond": 3])
        v.monotonic.advance(milliseconds: 1000)
        for expected in ["2", "1", "0"] {
            #expect(await v.send(.GET, "/vpaas/rooms").headers.first("RateLimit-Remaining") == expected)
        }
        let limited = await v.send(.GET, "/vpaas/rooms")
        #expect(limited.status == 429)
        #expect(VideskHarness.text(limited)
            == #"{"name":"TooManyRequests","message":"Too many requests, please try again later.","code":429,"className":"too-many-requests"}"#)
        #expect(limited.headers.first("Retry-After") == "1")
        #expect(limited.headers.first("RateLimit-Remaining") == "0")
        v.monotonic.advance(milliseconds: 1000)
        #expect(await v.send(.GET, "/vpaas/rooms").status == 200)
    }

    @Test("fault rules by operation and roomId fire `times` and change no state; the header renders quirks once")
    func faults() async throws {
        let v = try await VideskHarness.make()
        _ = try await v.createRoom(#"{"externalId":"f1"}"#)
        _ = try await v.engine.addFault(namespace: "default", document: [
            "match": ["provider": "videsk", "operation": "rooms.join", "params": ["roomId": "f1"]],
            "trigger": ["times": 1], "effect": ["error": "roomExpired"],
        ])
        let faulted = await v.send(.POST, "/vpaas/rooms/f1/join")
        #expect(faulted.status == 403)
        #expect(try VideskHarness.json(faulted)["message"]?.stringValue == "Room has expired")
        #expect(faulted.headers.first("RateLimit-Limit") == "20")
        let room = try VideskHarness.json(await v.send(.GET, "/vpaas/rooms/f1"))
        #expect(room["authorizations"]?.arrayValue?.count == 1)
        #expect(await v.send(.POST, "/vpaas/rooms/f1/join").status == 201)
        let quirk = await v.send(.DELETE, "/vpaas/rooms/f1", headers: [("X-Confemu-Fault", "deleteNotAllowedV4")])
        #expect(VideskHarness.text(quirk)
            == #"{"name":"Forbidden","message":"Not allowed","code":403,"className":"forbidden","errors":{}}"#)
        let pageNotFound = await v.send(.GET, "/vpaas/rooms?a=1", headers: [("X-Confemu-Fault", "pageNotFound")])
        #expect(try VideskHarness.json(pageNotFound)["data"]?.jsonString() == #"{"url":"/vpaas/rooms?a=1"}"#)
        let unknown = await v.send(.GET, "/vpaas/rooms", headers: v.auth + [("X-Confemu-Fault", "bogus")])
        #expect(unknown.status == 200)
        #expect(v.journal(VideskOperation.list).first?.diagnostics == ["fault header: unknown videsk error key \"bogus\""])
    }

    @Test("a roomId rule matches the resolved room's id and externalId whichever the request addresses (§13)")
    func faultResolvedRoomId() async throws {
        let v = try await VideskHarness.make()
        let room = try await v.createRoom(#"{"externalId":"resolve-me"}"#)
        let id = try #require(room["id"]?.stringValue)
        _ = try await v.engine.addFault(namespace: "default", document: [
            "match": ["provider": "videsk", "operation": "rooms.get", "params": ["roomId": "resolve-me"]],
            "trigger": ["times": 1], "effect": ["error": "internalError"],
        ])
        // Addressed by the 24-hex id (upper case: §2.1 lowercases it), the externalId rule fires.
        let byID = await v.send(.GET, "/vpaas/rooms/\(id.uppercased())")
        #expect(byID.status == 500)
        #expect(try VideskHarness.json(byID)["message"]?.stringValue == "Internal server error")
        #expect(await v.send(.GET, "/vpaas/rooms/\(id)").status == 200)

        _ = try await v.engine.addFault(namespace: "default", document: [
            "match": ["provider": "videsk", "operation": "rooms.get", "params": ["roomId": .string(id)]],
            "trigger": ["times": 1], "effect": ["error": "internalError"],
        ])
        // An unknown room resolves to nothing and does not match.
        #expect(await v.send(.GET, "/vpaas/rooms/nope").status == 404)
        let byExternal = await v.send(.GET, "/vpaas/rooms/resolve-me")
        #expect(byExternal.status == 500)
        #expect(await v.send(.GET, "/vpaas/rooms/resolve-me").status == 200)
    }

    @Test("the catalogue lists the 38 keys of videsk.md 16")
    func catalogue() {
        let keys = VideskCatalogue.catalogue.keys
        #expect(keys.count == 38)
        #expect(Set(keys).count == 38)
        let token = VideskCatalogue.catalogue.render("tokenJsonParseError", input: ErrorRenderInput(operation: "rooms.get"))
        #expect(token.map { String(decoding: $0.body, as: UTF8.self) }
            == "{\"name\":\"NotAuthenticated\",\"message\":\"Unexpected token \u{FFFD} in JSON at position 6\",\"code\":401,\"className\":\"not-authenticated\"}")
    }
}
