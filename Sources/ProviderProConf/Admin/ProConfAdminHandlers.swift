import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import Foundation

/// The Admin Control API under `/api` (proconf.md §8).
enum ProConfAdminHandlers {
    typealias Key = ProConfKey

    struct Call: Sendable {
        var request: ProviderRequest
        var config: ProConfConfiguration
        var domain: String

        var context: ProviderContext { request.context }
    }

    /// §8.1: domain (503), then authentication (401), then the operation.
    static func route(_ run: @escaping @Sendable (Call) async throws -> HTTPResponse) -> RouteHandler {
        { request in
            let context = request.context
            let config = ProConfConfiguration(context.configuration)
            let namespace = context.namespace.name
            guard let domain = config.domain else {
                throw ProviderError(Key.domainNotFound, diagnostics: ["admin: proconf.domain is null in namespace \(namespace)"])
            }
            guard let header = request.http.headers.first("Authorization") else {
                throw ProviderError(Key.unauthorized, diagnostics: ["admin: no Authorization header"])
            }
            let parts = header.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw ProviderError(Key.unauthorized, diagnostics: ["admin: Authorization is not \"Bearer <key>\""])
            }
            guard constantTimeEquals(String(parts[1]), config.adminKey) else {
                throw ProviderError(Key.unauthorized, diagnostics: [
                    "admin: key does not match proconf.adminKey of namespace \(namespace)"])
            }
            return try await run(Call(request: request, config: config, domain: domain))
        }
    }

    /// §8.3.
    @Sendable static func meetings(_ call: Call) async throws -> HTTPResponse {
        let rooms = try await call.context.read { tx in
            try ProConfStore.sessions(tx).filter { $0.endMs != nil }
                .sorted { ($0.roomCreatedMs, $0.id) < ($1.roomCreatedMs, $1.id) }
                .map { session -> JSONValue in
                    .object([
                        ("room_name", .string(session.meetingLink)), ("unique_id", .string(session.uniqueId)),
                        ("created_at", .string(ProConfTime.isoWholeSeconds(session.roomCreatedMs))),
                        ("destroyed_at", .string(ProConfTime.isoWholeSeconds(session.endMs ?? 0))),
                    ])
                }
        }
        return ProConfResponse.adminSuccess(.array(rooms))
    }

    /// §8.4.
    @Sendable static func token(_ call: Call) async throws -> HTTPResponse {
        let http = call.request.http
        let contentType = (http.headers.first("Content-Type") ?? "").lowercased()
        var body: JSONValue = .object([])
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            body = .object(QueryParameters(decoding: http.body).pairs.map { ($0.name, JSONValue.string($0.value)) })
        } else if let parsed = try? JSONValue(parsing: http.body), parsed.isObject {
            body = parsed
        }
        guard let room = body["room"]?.stringValue, !room.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ProviderError(Key.tokenRoomRequired)
        }
        let role = body["role"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "owner"
        let iat = ProConfTime.seconds(call.context.nowMilliseconds)
        let issuer = String(call.domain.split(separator: ".", omittingEmptySubsequences: false).first ?? "")
        let lower = room.lowercased()
        var claims: [JSONMember] = [
            ("aud", "*"), ("iss", .string(issuer)), ("sub", .string(call.domain)), ("room", .string(lower)),
            ("nbf", .integer(iat - 3600)), ("context", .object([("user", .object([("role", .string(role))]))])),
        ]
        if let name = body["participantName"]?.stringValue { claims.append(("participantName", .string(name))) }
        claims += [("iat", .integer(iat)), ("exp", .integer(iat + 604_800))]
        let jwt = JWT.sign(payload: Array(JSONValue.object(claims).jsonString().utf8), secret: call.config.jwtSecret)
        try await call.context.write { tx in
            // §9.4: a room named by a token that resolves to no session is announced.
            if try ProConfStore.resolveRoom(room, tx) == nil { try ProConfStore.announce(lower, tx) }
        }
        return ProConfResponse.adminSuccess(.string(jwt))
    }

    static let features: JSONValue = .object([("features", .object([
        ("audio_call", true), ("video_call", true), ("live_chat", true), ("waiting_room", true),
        ("screen_sharing", true), ("desktop_streaming", true), ("moderator_control", true), ("transcript", true),
        ("auto_centering", true), ("client_side_recording", true), ("server_side_recording", true),
    ]))])

    /// §8.5.
    @Sendable static func configuration(_ call: Call) async throws -> HTTPResponse {
        ProConfResponse.adminSuccess(features)
    }

    /// §8.6: a missing or blank room is a 400.
    static func room(_ call: Call) throws -> String {
        guard let room = call.request.parameters["room"], !room.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { throw ProviderError(Key.roomNameRequired) }
        return room
    }

    @Sendable static func sessionsStatus(_ call: Call) async throws -> HTTPResponse {
        let name = try room(call)
        let recording = try await call.context.read { tx -> Bool in
            guard let session = try ProConfStore.resolveRoom(name, tx), session.endMs == nil, session.isArchived
            else { return false }
            return try ProConfStore.attendees(sessionId: session.sessionId, tx).contains { !$0.isDeleted }
        }
        return ProConfResponse.adminSuccess(.object([("transcript_status", false), ("recording_status", .bool(recording))]))
    }

    @Sendable static func callCatchup(_ call: Call) async throws -> HTTPResponse {
        let name = try room(call)
        let text = try await call.context.read { tx -> String in
            guard let session = try ProConfStore.resolveRoom(name, tx) else { throw ProviderError(Key.meetingNotFound) }
            return session.catchup ?? "Meeting Summary content"
        }
        return ProConfResponse.adminSuccess(.string(text))
    }

    @Sendable static func callSummary(_ call: Call) async throws -> HTTPResponse {
        let name = try room(call)
        let summary = try await call.context.read { tx -> JSONValue in
            guard let session = try ProConfStore.resolveRoom(name, tx), session.endMs != nil else {
                throw ProviderError(Key.meetingNotFound)
            }
            return .object([
                ("id", .integer(session.summaryId ?? 0)), ("meeting_id", .integer(session.id)),
                ("room_name", .string(session.meetingLink)), ("file_url", .string(session.uniqueId + "/summary.txt")),
            ])
        }
        return ProConfResponse.adminSuccess(summary)
    }
}
