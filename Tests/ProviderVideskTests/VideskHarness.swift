import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import ConfemuTesting
import Foundation
@testable import ProviderVidesk
import Testing

/// A test engine with only the Videsk provider, plus helpers for the default credentials.
struct VideskHarness {
    static let apiToken = "videsk-test-api-token"
    static let secret = "confemu-videsk-default-token-secret-0123456789"
    /// 2026-11-22T10:00:00Z: the TestEngine start (namespace clock), in milliseconds.
    static let startMilliseconds: Int64 = 1_795_341_600_000

    let test: TestEngine
    let monotonic: ManualMonotonicClock

    static func make(fixtures: JSONValue? = nil) async throws -> VideskHarness {
        let monotonic = ManualMonotonicClock()
        let test = try await TestEngine.make(providers: [VideskProvider(monotonicClock: monotonic)], fixtures: fixtures)
        return VideskHarness(test: test, monotonic: monotonic)
    }

    var engine: Engine { test.engine }

    var auth: [(String, String)] { [("Authorization", "Bearer \(Self.apiToken)")] }

    func send(_ method: HTTPMethod, _ target: String, headers: [(String, String)]? = nil,
              body: String? = nil, remoteAddress: String = "127.0.0.1") async -> HTTPResponse {
        let request = TestRequest.make(method, target, headers: headers ?? auth, body: Array((body ?? "").utf8),
                                       remoteAddress: remoteAddress)
        return await engine.handle(request) ?? HTTPResponse(status: 599)
    }

    /// Creates a room and returns its parsed body.
    func createRoom(_ body: String = "{}", headers: [(String, String)]? = nil,
                    prefix: String = "") async throws -> JSONValue {
        let response = await send(.POST, prefix + "/vpaas/rooms", headers: headers, body: body)
        #expect(response.status == 201, "\(String(decoding: response.body, as: UTF8.self))")
        return try Self.json(response)
    }

    static func json(_ response: HTTPResponse) throws -> JSONValue {
        try JSONValue(parsing: response.body)
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static func feathers(_ status: Int, _ name: String, _ className: String, _ message: String) -> String {
        JSONValue.object([("name", .string(name)), ("message", .string(message)), ("code", .integer(status)),
                          ("className", .string(className))]).jsonString()
    }

    /// Verifies a token with the namespace secret and checks its claims against the rendered room
    /// (videsk.md §8.1, §17 "Every token verifies").
    @discardableResult
    static func verifyToken(_ token: String, room: JSONValue, secret: String = secret,
                            issuedAt: Int64? = nil) throws -> JWTClaims {
        #expect(token.hasPrefix("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."))
        let nbf = try #require(room["nbf"]?.stringValue.flatMap(VideskDate.parse(text:)))
        let exp = try #require(room["exp"]?.stringValue.flatMap(VideskDate.parse(text:)))
        // Verify at a moment inside the token's window so that nbf/exp validation passes.
        let at = Date(timeIntervalSince1970: Double(max(nbf, exp - 1000)) / 1000)
        let claims = try JWT.verify(token, secret: secret, now: at)
        let id = try #require(room["id"]?.stringValue)
        #expect(claims.string("room") == id)
        #expect(claims.string("sub") == id)
        #expect(claims.string("externalId") == room["externalId"]?.stringValue)
        #expect(claims.integer("nbf") == VideskDate.seconds(nbf))
        #expect(claims.integer("exp") == VideskDate.seconds(exp))
        #expect(!claims.contains("aud"))
        #expect(!claims.contains("iss"))
        if let issuedAt { #expect(claims.integer("iat") == VideskDate.seconds(issuedAt)) }
        let jti = try #require(claims.string("jti"))
        #expect(jti.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                             options: .regularExpression) != nil)
        let keys = String(decoding: claims.json, as: UTF8.self)
        #expect(keys.hasPrefix("{\"room\":"))
        return claims
    }

    func journal(_ operation: String? = nil) -> [JournalEntry] {
        engine.journal.list(namespace: "default", filter: JournalFilter(provider: .videsk, operation: operation),
                            limit: nil)
    }
}
