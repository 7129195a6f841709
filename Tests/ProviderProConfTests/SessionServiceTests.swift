import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import ConfemuTesting
import Foundation
import ProviderProConf
import Testing

@Suite("ProCONF session service")
struct SessionServiceTests {
    static let nanoid = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

    @Test("POST /session answers the bare 10-character link as text/plain, JSON in a json namespace")
    func createText() async throws {
        let h = try await ProConfHarness.make()
        let response = await h.send(.POST, "/session", headers: h.bearer(), body: "{}")
        #expect(response.status == 200)
        #expect(response.contentType == "text/plain")
        #expect(response.text.count == 10)
        #expect(response.text.allSatisfy { Self.nanoid.contains($0) })

        _ = try await h.t.engine.updateSettings(namespace: "default", provider: .proconf,
                                                patch: ["createSessionResponse": "json"])
        let json = await h.send(.POST, "/session", headers: h.bearer(), body: "{}")
        #expect(json.contentType == "application/json")
        let code = try #require(json.json["code"]?.stringValue)
        #expect(json.text == #"{"code":"\#(code)"}"#)
    }

    @Test("an empty body is an unscheduled session; emptyBody500 restores the hidden 500")
    func emptyBody() async throws {
        let h = try await ProConfHarness.make()
        let ok = await h.t.send(.POST, "/session", headers: h.bearer())
        #expect(ok.status == 200)
        let crash = await h.t.send(.POST, "/session", headers: h.bearer() + [("X-Confemu-Fault", "emptyBody500")])
        #expect(crash.status == 500)
        #expect(crash.text == #"{"error":{"statusCode":500,"message":"Internal Server Error"}}"#)
    }

    @Test("authentication failures answer the exact 401/403 bodies with diagnostics")
    func authentication() async throws {
        let h = try await ProConfHarness.make()
        let cases: [([(String, String)], Int, String, String)] = [
            ([], 401, #"{"error":{"statusCode":401,"name":"UnauthorizedError","message":"Bearer realm=\"Users\""}}"#,
             "bearer: no token (no Authorization header, no access_token query parameter)"),
            ([("Authorization", "Bearer")], 401, #"{"error":{"statusCode":401,"name":"UnauthorizedError","message":400}}"#,
             "bearer: malformed Authorization header (expected \"Bearer <token>\", got 1 parts)"),
            (h.bearer(h.token(secret: "foreign")), 401,
             #"{"error":{"statusCode":401,"name":"UnauthorizedError","message":{"message":"TokenExpired"}}}"#,
             "jwt: signature does not verify with proconf.jwtSecret of namespace default"),
            (h.bearer(h.token(exp: h.nowSeconds - 1)), 401,
             #"{"error":{"statusCode":401,"name":"UnauthorizedError","message":{"message":"TokenExpired"}}}"#,
             "jwt: expired (exp=\(h.nowSeconds - 1), now=\(h.nowSeconds))"),
            (h.bearer(h.token(header: #"{"alg":"HS512","typ":"JWT"}"#)), 401,
             #"{"error":{"statusCode":401,"name":"UnauthorizedError","message":{"message":"TokenExpired"}}}"#,
             "jwt: alg HS512 not accepted (HS256 only)"),
            (h.bearer(h.token(permissions: ["EditMeeting"])), 403,
             #"{"error":{"statusCode":403,"name":"ForbiddenError","message":"NotAllowedAccess"}}"#,
             #"permission: CreateMeetingSession missing from permissions ["EditMeeting"]"#),
        ]
        for (headers, status, body, diagnostic) in cases {
            let response = await h.send(.POST, "/session", headers: headers, body: "{}")
            #expect(response.status == status)
            #expect(response.text == body)
            #expect(response.headers.first("WWW-Authenticate") == nil)
            #expect(response.headers.first("X-Confemu-Diagnostic") == diagnostic)
            #expect(h.journal().first?.diagnostics == [diagnostic])
        }
        let query = await h.send(.POST, "/session?access_token=\(h.token())", body: "{}")
        #expect(query.status == 200)
        #expect(h.journal().first?.query == "access_token=[redacted]")
    }

    @Test("415, 400 and 422 come before authentication")
    func validationBeforeAuth() async throws {
        let h = try await ProConfHarness.make()
        let form = await h.send(.POST, "/session", body: "a=1", contentType: "application/x-www-form-urlencoded")
        #expect(form.status == 415)
        #expect(form.text == #"{"error":{"statusCode":415,"name":"UnsupportedMediaTypeError","message":"Content-type application/x-www-form-urlencoded does not match [application/json].","code":"UNSUPPORTED_MEDIA_TYPE"}}"#)
        let syntax = await h.send(.POST, "/session", body: "{")
        #expect(syntax.text == #"{"error":{"statusCode":400,"name":"SyntaxError","message":"Unexpected end of JSON input"}}"#)
        let token = await h.send(.POST, "/session", body: #"{"a":}"#)
        #expect(token.text == #"{"error":{"statusCode":400,"name":"SyntaxError","message":"Unexpected token } in JSON at position 5"}}"#)
        let array = await h.send(.POST, "/session", body: "[]")
        #expect(array.status == 422)
        #expect(array.text == #"{"error":{"statusCode":422,"name":"UnprocessableEntityError","message":"The request body is invalid. See error object `details` property for more info.","code":"VALIDATION_FAILED","details":[{"path":"","code":"type","message":"must be object","info":{"type":"object"}}]}}"#)
        let patch = await h.send(.PATCH, "/session/abc", body: #"{"isScheduled":"yes","foo":1,"scheduleTime":"2030-02-30T00:00:00Z"}"#)
        #expect(patch.status == 422)
        let details = try #require(patch.json["error"]?["details"]?.arrayValue)
        #expect(details.map { $0["code"]?.stringValue } == ["additionalProperties", "type", "format"])
        #expect(details.first?.jsonString() == #"{"path":"","code":"additionalProperties","message":"must NOT have additional properties","info":{"additionalProperty":"foo"}}"#)
        #expect(details[1].jsonString() == #"{"path":"/isScheduled","code":"type","message":"must be boolean","info":{"type":"boolean"}}"#)
        let huge = HTTPRequest(method: .POST, rawTarget: "/session", rawPath: "/session", rawQuery: nil,
                               pathSegments: ["session"], query: QueryParameters(),
                               headers: HTTPHeaders([("Content-Type", "application/json")]), body: [],
                               authority: nil, bodyTooLarge: true, remoteAddress: "127.0.0.1")
        let tooLarge = await h.t.engine.handle(huge)
        #expect(tooLarge?.text == #"{"error":{"statusCode":413,"name":"PayloadTooLargeError","message":"request entity too large"}}"#)
    }

    @Test("the four session.create 400s, with \"false\" truthy for isScheduled")
    func createErrors() async throws {
        let h = try await ProConfHarness.make()
        let cases = [
            (#"{"isScheduled":"false"}"#, "Schedule time is not set."),
            (#"{"isScheduled":true,"scheduleTime":"soon"}"#, "Scheduled time is not in correct format."),
            (#"{"isScheduled":1,"scheduleTime":"2001-01-01T00:00:00Z"}"#,
             "Meeting can't be scheduled with schedule time in past!"),
            (#"{"enableArchiving":true,"endToEndEncryption":"x"}"#,
             "End to end Encryption along with archiving is not possible"),
        ]
        for (body, message) in cases {
            let response = await h.send(.POST, "/session", headers: h.bearer(), body: body)
            #expect(response.status == 400)
            #expect(response.text == #"{"error":{"statusCode":400,"name":"BadRequestError","message":"\#(message)"}}"#)
        }
    }

    @Test("session ids decode to 1~apiKey~~createdOn~random and tokens are Vonage JWTs")
    func tokenClaims() async throws {
        let h = try await ProConfHarness.make()
        let link = try await h.createSession()
        let response = await h.send(.POST, "/session/\(link)/token", headers: h.bearer(),
                                    body: #"{"role":"moderator","data":"alice"}"#)
        #expect(response.status == 200)
        #expect(response.contentType == "application/json")
        #expect(response.json.keys == ["sessionId", "token"])
        let sessionId = try #require(response.json["sessionId"]?.stringValue)
        #expect(sessionId.hasPrefix("2_"))
        let decoded = String(decoding: Base64URL.decode(String(sessionId.dropFirst(2))) ?? [], as: UTF8.self)
        let fields = decoded.split(separator: "~", omittingEmptySubsequences: false)
        #expect(fields.count == 5)
        #expect(fields[1] == "46000001")
        #expect(fields[3] == "\(h.nowSeconds * 1000)")
        let jwt = try #require(response.json["token"]?.stringValue)
        let verified = try JWT.verify(jwt, secret: "0123456789abcdef0123456789abcdef01234567", now: h.t.wallClock.now())
        #expect(verified.string("session_id") == sessionId)
        let claims = jwtPayload(jwt)
        #expect(claims.keys == ["iss", "ist", "iat", "exp", "jti", "session_id", "create_time", "nonce", "role",
                                "expire_time", "initial_layout_class_list", "scope", "connection_data"])
        #expect(claims["iss"]?.stringValue == "46000001")
        #expect(claims["exp"]?.int64Value == h.nowSeconds + 86400)
        #expect(claims["role"]?.stringValue == "moderator")
        #expect(claims["connection_data"]?.stringValue == "alice")
        let nonce = try #require(claims["nonce"]?.doubleValue)
        #expect(nonce >= 0 && nonce < 1)
    }

    @Test("expireTime accepts epoch ms and ISO, refuses past and garbage; isoExpireTimeRejected restores upstream")
    func expireTime() async throws {
        let h = try await ProConfHarness.make()
        let link = try await h.createSession()
        let later = (h.nowSeconds + 600) * 1000
        let epoch = await h.send(.POST, "/session/\(link)/token", headers: h.bearer(), body: #"{"expireTime":\#(later)}"#)
        #expect(jwtPayload(epoch.json["token"]?.stringValue ?? "")["exp"]?.int64Value == later / 1000)
        let iso = await h.send(.POST, "/session/\(link)/token", headers: h.bearer(),
                               body: #"{"expireTime":"2099-01-01T00:00:00Z"}"#)
        #expect(iso.status == 200)
        let past = await h.send(.POST, "/session/\(link)/token", headers: h.bearer(), body: #"{"expireTime":1000}"#)
        #expect(past.json["error"]?["message"]?.stringValue == "Expire time can not be in past.")
        let garbage = await h.send(.POST, "/session/\(link)/token", headers: h.bearer(), body: #"{"expireTime":"x"}"#)
        #expect(garbage.json["error"]?["message"]?.stringValue == "Expire time is not in correct format.")
        let quirk = await h.send(.POST, "/session/\(link)/token",
                                 headers: h.bearer() + [("X-Confemu-Fault", "isoExpireTimeRejected")],
                                 body: #"{"expireTime":"2099-01-01T00:00:00Z"}"#)
        #expect(quirk.status == 400)
        #expect(quirk.json["error"]?["message"]?.stringValue == "Expire time is not in correct format.")
        let unknown = await h.send(.POST, "/session/nope/token", headers: h.bearer(), body: "{}")
        #expect(unknown.text == #"{"error":{"statusCode":400,"name":"BadRequestError","message":"Session does not exist"}}"#)
    }

    @Test("a scheduled session refuses tokens until proconf.session.startable fires")
    func scheduled() async throws {
        let h = try await ProConfHarness.make()
        let at = ProConfTestTime.iso((h.nowSeconds + 600) * 1000)
        let link = try await h.createSession(#"{"isScheduled":true,"scheduleTime":"\#(at)"}"#)
        let early = await h.send(.POST, "/session/\(link)/token", headers: h.bearer(), body: "{}")
        #expect(early.text == #"{"error":{"statusCode":400,"name":"BadRequestError","message":"Meeting can only be started 0 minutes before\n         the scheduled time"}}"#)
        let events = try await h.advance(600)
        #expect(events.map(\.name) == ["proconf.session.startable"])
        #expect(events.first?.subject["meetingLink"]?.stringValue == link)
        let later = await h.send(.POST, "/session/\(link)/token", headers: h.bearer(), body: "{}")
        #expect(later.status == 200)
    }

    @Test("PATCH schedules and unschedules, 404 names the link, quirk ignores isScheduled")
    func edit() async throws {
        let h = try await ProConfHarness.make()
        let link = try await h.createSession()
        let at = ProConfTestTime.iso((h.nowSeconds + 3600) * 1000)
        let scheduled = await h.send(.PATCH, "/session/\(link)", headers: h.bearer(),
                                     body: #"{"isScheduled":true,"scheduleTime":"\#(at)"}"#)
        #expect(scheduled.status == 204)
        #expect(scheduled.body.isEmpty)
        #expect(scheduled.contentType == nil)
        #expect(await h.send(.POST, "/session/\(link)/token", headers: h.bearer(), body: "{}").status == 400)
        _ = await h.send(.PATCH, "/session/\(link)", headers: h.bearer(), body: #"{"isScheduled":false}"#)
        #expect(await h.send(.POST, "/session/\(link)/token", headers: h.bearer(), body: "{}").status == 200)
        let missing = await h.send(.PATCH, "/session/abc123", headers: h.bearer(), body: "{}")
        #expect(missing.text == #"{"error":{"statusCode":404,"name":"NotFoundError","message":"Meeting link abc123 not found"}}"#)
        let required = await h.send(.PATCH, "/session/\(link)", headers: h.bearer(), body: #"{"isScheduled":true}"#)
        #expect(required.json["error"]?["message"]?.stringValue == "Schedule Time is required if isScheduled is set to true")
        let past = await h.send(.PATCH, "/session/\(link)", headers: h.bearer(),
                                body: #"{"scheduleTime":"2001-01-01T00:00:00Z"}"#)
        #expect(past.json["error"]?["message"]?.stringValue == "Schedule Time cannot be set in the past")
        let quirk = await h.send(.PATCH, "/session/\(link)", headers: h.bearer() + [("X-Confemu-Fault", "patchIgnoresIsScheduled")],
                                 body: #"{"isScheduled":true,"scheduleTime":"\#(at)"}"#)
        #expect(quirk.status == 204)
        // isScheduled was not stored: tokens still flow.
        #expect(await h.send(.POST, "/session/\(link)/token", headers: h.bearer(), body: "{}").status == 200)
    }

    @Test("ending answers 204, then 400; unknown links 404; tokens then expire")
    func end() async throws {
        let h = try await ProConfHarness.make()
        let link = try await h.createSession()
        let first = await h.send(.PATCH, "/session/\(link)/end", headers: h.bearer())
        #expect(first.status == 204)
        let again = await h.send(.PATCH, "/session/\(link)/end", headers: h.bearer())
        #expect(again.text == #"{"error":{"statusCode":400,"name":"BadRequestError","message":"Meeting has already been ended!"}}"#)
        let unknown = await h.send(.PATCH, "/session/zzz/end", headers: h.bearer())
        #expect(unknown.text == #"{"error":{"statusCode":404,"name":"NotFoundError","message":"Meeting Not Found"}}"#)
        let token = await h.send(.POST, "/session/\(link)/token", headers: h.bearer(), body: "{}")
        #expect(token.json["error"]?["message"]?.stringValue == "This meeting has been expired")
    }

    @Test("unknown routes and wrong methods answer API not found without auth")
    func unmatched() async throws {
        let h = try await ProConfHarness.make()
        for (method, path) in [(HTTPMethod.GET, "/session"), (.GET, "/session/x/token"), (.DELETE, "/session/x"),
                               (.HEAD, "/archives"), (.GET, "/webhooks/other")] {
            let response = await h.t.send(method, path)
            #expect(response.status == 404)
            #expect(response.text == #"{"error":{"statusCode":404,"name":"NotFoundError","message":"API not found !"}}"#)
        }
        #expect(h.journal().first?.operation == "session.unmatched")
        let preflight = await h.t.send(.OPTIONS, "/session", headers: [("Origin", "http://x"),
                                                                      ("Access-Control-Request-Headers", "authorization")])
        #expect(preflight.status == 204)
        #expect(preflight.headers.first("Access-Control-Allow-Headers") == "authorization")
        #expect(preflight.headers.first("Access-Control-Max-Age") == "86400")
        let cors = await h.send(.POST, "/session", headers: h.bearer() + [("Origin", "http://x")], body: "{}")
        #expect(cors.headers.first("Access-Control-Allow-Origin") == "*")
        #expect(cors.headers.first("Access-Control-Allow-Credentials") == "true")
    }
}

enum ProConfTestTime {
    static func iso(_ ms: Int64) -> String {
        Timestamp.rfc3339Milliseconds(Date(timeIntervalSince1970: Double(ms) / 1000))
    }
}
