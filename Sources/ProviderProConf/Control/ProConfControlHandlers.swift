import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import Foundation

/// Control-plane simulation endpoints under `/_confemu/namespaces/NAME/proconf` (proconf.md §4.4, §9.5).
enum ProConfControlHandlers {
    static var routes: [Route<RouteHandler>] {
        [
            Route(.POST, "/sessions/{link}/connections", operation: "proconf.connections.create", handler: connect),
            Route(.DELETE, "/sessions/{link}/connections/{attendee}", operation: "proconf.connections.delete",
                  handler: disconnect),
            Route(.POST, "/rooms/{room}/start", operation: "proconf.rooms.start", handler: start),
            Route(.POST, "/rooms/{room}/end", operation: "proconf.rooms.end", handler: end),
            Route(.POST, "/token", operation: "proconf.token", handler: token),
        ]
    }

    static func body(_ request: ProviderRequest) throws -> JSONValue {
        guard !request.http.body.isEmpty else { return .object([]) }
        guard let value = try? JSONValue(parsing: request.http.body), value.isObject else {
            throw EngineError(400, "invalidBody", "the body must be a JSON object")
        }
        return value
    }

    static func notFound(_ what: String) -> EngineError { EngineError(404, "notFound", what) }

    static func ended(_ room: String) -> EngineError {
        EngineError(409, "sessionEnded", "session \"\(room)\" has ended")
    }

    /// Room document of §9.5.
    static func roomDocument(_ s: ProConfSession, config: ProConfConfiguration, _ tx: TransactionContext) throws -> JSONValue {
        func time(_ ms: Int64?) -> JSONValue { ms.map { .string(ProConfTime.iso($0)) } ?? .null }
        let active = try ProConfStore.attendees(sessionId: s.sessionId, tx).filter { !$0.isDeleted }.count
        return .object([
            ("meetingLink", .string(s.meetingLink)), ("sessionId", .string(s.sessionId)),
            ("state", .string(s.state(nowMs: tx.nowMilliseconds, timeToStart: config.timeToStart))),
            ("isScheduled", .bool(s.isScheduled)), ("scheduleTime", time(s.scheduleMs)),
            ("isArchived", .bool(s.isArchived)), ("archiveId", JSONValue(s.archiveId)),
            ("createdOn", time(s.createdMs)), ("startTime", time(s.startMs)), ("endTime", time(s.endMs)),
            ("activeAttendees", .integer(active)),
        ])
    }

    /// `POST /sessions/LINK/connections` `{"attendee"}`: a Vonage `connectionCreated`.
    @Sendable static func connect(_ request: ProviderRequest) async throws -> HTTPResponse {
        let link = request.parameters["link"] ?? ""
        guard let attendee = try body(request)["attendee"]?.stringValue else {
            throw EngineError(400, "invalidBody", "attendee: required (a string)")
        }
        let config = ProConfConfiguration(request.context.configuration)
        let element = try await request.context.write { tx -> JSONValue in
            var session: ProConfSession
            if let found = try ProConfStore.resolveRoom(link, tx) {
                session = found
            } else if try ProConfStore.isAnnounced(link.lowercased(), tx) {
                // §9.4: the first connection to an announced room creates it.
                session = try ProConfLifecycle.create(link: link.lowercased(), isScheduled: false, scheduleMs: nil,
                                                      isArchived: false, user: nil, startNow: true, config: config, tx)
                try ProConfStore.unannounce(link.lowercased(), tx)
            } else {
                throw notFound("no session or announced room \"\(link)\"")
            }
            guard session.endMs == nil else { throw ended(link) }
            if session.startMs == nil {
                session.startMs = tx.nowMilliseconds
                try ProConfStore.update(session, tx)
            }
            let payload = ProConfLifecycle.vonagePayload(event: "connectionCreated", session: session,
                                                         attendee: attendee, reason: nil, config: config, tx)
            let metadata: JSONValue = .object([("webhookPayload", payload)])
            let id: Int64
            if let existing = try ProConfStore.attendee(sessionId: session.sessionId, attendee: attendee, tx) {
                try ProConfStore.updateAttendee(id: existing.id, isDeleted: false, modifiedMs: tx.nowMilliseconds,
                                                extMetadata: metadata, user: nil, tx)
                id = existing.id
            } else {
                id = try ProConfStore.insertAttendee(sessionId: session.sessionId, attendee: attendee,
                                                     createdMs: tx.nowMilliseconds, modifiedMs: nil, isDeleted: false,
                                                     extMetadata: metadata, user: nil, tx)
            }
            return try ProConfStore.attendee(id: id, tx)?.element ?? .null
        }
        return ProConfResponse.control(element, status: 201)
    }

    /// `DELETE /sessions/LINK/connections/ATTENDEE`: a `connectionDestroyed` (reason `clientDisconnected`).
    @Sendable static func disconnect(_ request: ProviderRequest) async throws -> HTTPResponse {
        let link = request.parameters["link"] ?? ""
        let attendee = request.parameters["attendee"] ?? ""
        let config = ProConfConfiguration(request.context.configuration)
        try await request.context.write { tx in
            guard let session = try ProConfStore.resolveRoom(link, tx) else { throw notFound("no session \"\(link)\"") }
            guard let row = try ProConfStore.attendee(sessionId: session.sessionId, attendee: attendee, tx) else {
                throw notFound("no attendee \"\(attendee)\" in session \"\(link)\"")
            }
            let payload = ProConfLifecycle.vonagePayload(event: "connectionDestroyed", session: session,
                                                         attendee: attendee, reason: "clientDisconnected",
                                                         config: config, tx)
            try ProConfStore.updateAttendee(id: row.id, isDeleted: true, modifiedMs: tx.nowMilliseconds,
                                            extMetadata: .object([("webhookPayload", payload)]), user: nil, tx)
        }
        return HTTPResponse(status: 204)
    }

    /// `POST /rooms/ROOM/start` `{"enableArchiving"?}`.
    @Sendable static func start(_ request: ProviderRequest) async throws -> HTTPResponse {
        let room = request.parameters["room"] ?? ""
        let archiving = try body(request)["enableArchiving"]?.boolValue ?? false
        let config = ProConfConfiguration(request.context.configuration)
        let (document, created) = try await request.context.write { tx -> (JSONValue, Bool) in
            if var session = try ProConfStore.resolveRoom(room, tx) {
                guard session.endMs == nil else { throw ended(room) }
                if session.startMs == nil {
                    session.startMs = tx.nowMilliseconds
                    try ProConfStore.update(session, tx)
                }
                return (try roomDocument(session, config: config, tx), false)
            }
            let session = try ProConfLifecycle.create(link: room, isScheduled: false, scheduleMs: nil,
                                                      isArchived: archiving, user: nil, startNow: true,
                                                      config: config, tx)
            try ProConfStore.unannounce(room.lowercased(), tx)
            return (try roomDocument(session, config: config, tx), true)
        }
        return ProConfResponse.control(document, status: created ? 201 : 200)
    }

    /// `POST /rooms/ROOM/end`: ends it, marking attendees left (§9.2 step 3).
    @Sendable static func end(_ request: ProviderRequest) async throws -> HTTPResponse {
        let room = request.parameters["room"] ?? ""
        let config = ProConfConfiguration(request.context.configuration)
        let document = try await request.context.write { tx -> JSONValue in
            guard let session = try ProConfStore.resolveRoom(room, tx) else { throw notFound("no room \"\(room)\"") }
            guard session.endMs == nil else { throw ended(room) }
            let endedSession = try ProConfLifecycle.end(session, byControlPlane: true, user: nil, config: config, tx)
            return try roomDocument(endedSession, config: config, tx)
        }
        return ProConfResponse.control(document)
    }

    /// `POST /token` (§4.4).
    @Sendable static func token(_ request: ProviderRequest) async throws -> HTTPResponse {
        let input = try body(request)
        var permissions = ProConfPermission.all
        if let given = input["permissions"] {
            guard let items = given.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                throw EngineError(400, "invalidBody", "permissions: must be an array of strings")
            }
            permissions = items.compactMap(\.stringValue)
        }
        var expiresIn: Int64 = 3600
        if let given = input["expiresIn"] {
            guard let seconds = given.int64Value, seconds > 0 else {
                throw EngineError(400, "invalidBody", "expiresIn: must be a positive integer")
            }
            expiresIn = seconds
        }
        var extra: [JSONMember] = []
        if let claims = input["claims"] {
            guard let members = claims.objectValue else { throw EngineError(400, "invalidBody", "claims: must be an object") }
            extra = members
        }
        let config = ProConfConfiguration(request.context.configuration)
        let iat = ProConfTime.seconds(request.context.nowMilliseconds)
        let jwt = ProConfAuth.mint(secret: config.jwtSecret, permissions: permissions, iatSeconds: iat,
                                   expiresIn: expiresIn, issuer: config.jwtIssuer, claims: extra)
        return ProConfResponse.control(.object([("token", .string(jwt)),
                                                ("expiresAt", .string(ProConfTime.iso((iat + expiresIn) * 1000)))]))
    }
}
