import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import ConfemuTesting
import Foundation
import ProviderProConf
import Testing

/// Shared helpers: an engine with only ProCONF, tokens for the default namespace, body access.
struct ProConfHarness {
    static let defaultSecret = "confemu-proconf-default-jwt-secret-0123456789abcdef"
    static let adminKey = "proconf-test-admin-key"
    static let allPermissions = ["CreateMeetingSession", "GenerateMeetingToken", "EditMeeting", "StopMeeting",
                                 "GetMeetingAttendees", "GetMeetingArchives", "DeleteMeetingArchive",
                                 "SetMeetingUploadTarget", "StartMeetingArchive", "StopMeetingArchive"]

    let t: TestEngine

    static func make() async throws -> ProConfHarness {
        ProConfHarness(t: try await TestEngine.make(providers: [ProConfProvider()]))
    }

    var nowSeconds: Int64 { Int64(t.wallClock.now().timeIntervalSince1970) }

    func token(secret: String = defaultSecret, permissions: [String] = allPermissions, exp: Int64? = nil,
               header: String = #"{"alg":"HS256","typ":"JWT"}"#, extra: [(String, JSONValue)] = []) -> String {
        var members: [(key: String, value: JSONValue)] = [("id", "u1"), ("permissions", JSONValue(permissions)),
                                                          ("iat", .integer(nowSeconds))]
        members.append(("exp", .integer(exp ?? nowSeconds + 3600)))
        for (key, value) in extra { members.append((key, value)) }
        return JWT.sign(header: Array(header.utf8), payload: Array(JSONValue.object(members).jsonString().utf8),
                        secret: secret)
    }

    func bearer(_ token: String? = nil) -> [(String, String)] { [("Authorization", "Bearer " + (token ?? self.token()))] }

    var admin: [(String, String)] { [("Authorization", "Bearer " + Self.adminKey)] }

    func send(_ method: HTTPMethod, _ target: String, headers: [(String, String)] = [], body: String? = nil,
              contentType: String? = "application/json") async -> HTTPResponse {
        var all = headers
        if let contentType, body != nil { all.append(("Content-Type", contentType)) }
        return await t.send(method, target, headers: all, body: Array((body ?? "").utf8))
    }

    /// Creates a session and returns its meeting link.
    func createSession(_ body: String = "{}", headers: [(String, String)] = []) async throws -> String {
        let response = await send(.POST, "/session", headers: bearer() + headers, body: body)
        try #require(response.status == 200, "create: \(response.status) \(response.text)")
        return response.text
    }

    func journal(_ namespace: String = "default") -> [JournalEntry] {
        t.engine.journal.list(namespace: namespace, filter: JournalFilter(provider: .proconf), limit: nil)
    }

    /// Calls a control-plane simulation endpoint of the provider directly.
    func control(_ method: HTTPMethod, _ path: String, json: String = "", namespace: String = "default") async throws
        -> HTTPResponse {
        let segments = PathPattern.decodedSegments(ofRawPath: path)
        let router = Router(mounts: [Mount(prefix: "", owner: "proconf", routes: ProConfProvider().controlRoutes)])
        guard case .found(_, let route, let parameters) = router.match(method: method, segments: segments) else {
            throw EngineError(404, "notFound", "no control route \(path)")
        }
        let context = try await t.engine.controlContext(namespace: namespace, provider: .proconf)
        let request = TestRequest.make(method, path, headers: [("Content-Type", "application/json")],
                                       body: Array(json.utf8))
        do {
            return try await route.handler(ProviderRequest(http: request, parameters: parameters,
                                                           operation: route.operation, context: context))
        } catch let error as EngineError {
            return HTTPResponse(status: error.status, contentType: "application/json",
                                body: JSONValue.object([("error", .object([("code", .string(error.code)),
                                                                           ("message", .string(error.message))]))])
                                    .jsonString())
        }
    }

    func advance(_ seconds: Double, namespace: String = "default") async throws -> [FiredEvent] {
        try await t.engine.advanceClock(namespace: namespace, seconds: seconds).1
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: JSONValue { (try? JSONValue(parsing: body)) ?? .null }
    var contentType: String? { headers.first("Content-Type") }
}

/// Decodes a JWT payload without verification.
func jwtPayload(_ token: String) -> JSONValue {
    let parts = token.split(separator: ".")
    guard parts.count == 3, let bytes = Base64URL.decode(String(parts[1])) else { return .null }
    return (try? JSONValue(parsing: bytes)) ?? .null
}
