import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport

/// The `/session` operations (proconf.md §5).
enum ProConfSessionHandlers {
    typealias Key = ProConfKey

    /// §3.1 steps 5–8: body, authentication, permission, then the operation.
    static func route(_ operation: String, _ permission: String?, body: Bool,
                      _ run: @escaping @Sendable (ProConfCall) async throws -> HTTPResponse) -> RouteHandler {
        { request in
            let context = request.context
            let config = ProConfConfiguration(context.configuration)
            let parsed = body ? try ProConfBody.parse(request.http, operation: operation, behaviours: context.behaviours)
                : nil
            var user: JSONValue?
            if let permission {
                user = try ProConfAuth.authenticate(request.http, permission: permission, config: config,
                                                    namespace: context.namespace.name,
                                                    nowMilliseconds: context.nowMilliseconds)
            }
            return try await run(ProConfCall(request: request, body: parsed, user: user, config: config))
        }
    }

    /// §5.1.
    @Sendable static func create(_ call: ProConfCall) async throws -> HTTPResponse {
        let body = call.object
        let now = call.now
        let isScheduled = ProConfDates.isTruthy(body["isScheduled"])
        var scheduleMs: Int64?
        if isScheduled {
            guard ProConfDates.isTruthy(body["scheduleTime"]) else { throw ProviderError(Key.scheduleTimeNotSet) }
            guard let value = body["scheduleTime"], let parsed = ProConfDates.validDate(value) else {
                throw ProviderError(Key.scheduleTimeInvalid)
            }
            guard parsed >= now else { throw ProviderError(Key.scheduleTimeInPast) }
            scheduleMs = parsed
        }
        let archiving = ProConfDates.isTruthy(body["enableArchiving"])
        if ProConfDates.isTruthy(body["endToEndEncryption"]), archiving { throw ProviderError(Key.e2eWithArchiving) }
        let config = call.config
        let user = call.userID
        let schedule = scheduleMs
        let session = try await call.context.write { tx in
            try ProConfLifecycle.create(link: nil, isScheduled: isScheduled, scheduleMs: schedule,
                                        isArchived: archiving, user: user, config: config, tx)
        }
        if config.createSessionResponse == "json" {
            return ProConfResponse.json(.object([("code", .string(session.meetingLink))]))
        }
        return ProConfResponse.text(session.meetingLink)
    }

    static let roles: Set<String> = ["publisher", "publisheronly", "subscriber", "moderator"]

    /// §5.2 step 2: epoch ms (number or digit string), or an ISO string unless `isoExpireTimeRejected`.
    static func expireTime(_ value: JSONValue, isoRejected: Bool) -> Int64? {
        switch value {
        case .number: return ProConfDates.validDate(value)
        case .string(let text):
            if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                guard let ms = Double(text), ms <= ProConfDates.maxMilliseconds else { return nil }
                return Int64(ms)
            }
            return isoRejected ? nil : ProConfDates.parseDateString(text)
        default: return nil
        }
    }

    /// §5.2.
    @Sendable static func token(_ call: ProConfCall) async throws -> HTTPResponse {
        let link = call.parameter("meetingLinkId")
        guard !link.isEmpty else { throw ProviderError(Key.meetingLinkInvalid) }
        let body = call.object
        let now = call.now
        var expireMs: Int64?
        if let value = body["expireTime"], ProConfDates.isTruthy(value) {
            guard let parsed = expireTime(value, isoRejected: call.behaviours.contains(Key.isoExpireTimeRejected)) else {
                throw ProviderError(Key.expireTimeInvalid)
            }
            guard parsed >= now else { throw ProviderError(Key.expireTimeInPast) }
            expireMs = parsed
        }
        let role = ProConfDates.truthy(body["role"])
        let data = ProConfDates.truthy(body["data"])
        let config = call.config
        let expiry = expireMs
        return try await call.context.write { tx in
            guard var session = try ProConfStore.session(link: link, tx) else {
                throw ProviderError(Key.sessionDoesNotExist)
            }
            guard session.endMs == nil else { throw ProviderError(Key.meetingExpired) }
            if session.isWaiting(nowMs: now, timeToStart: config.timeToStart) {
                throw ProviderError(Key.meetingNotStartable, parameters: ["timeToStart": String(config.timeToStart)])
            }
            let roleName: String
            switch role {
            case nil: roleName = "publisher"
            case .some(.string(let text)) where roles.contains(text): roleName = text
            default: throw ProviderError(Key.internalError, diagnostics: ["token: role \(role?.jsonString() ?? "") not accepted"])
            }
            var connectionData: String?
            if let data {
                guard let text = data.stringValue, text.utf16.count <= 1024 else {
                    throw ProviderError(Key.internalError, diagnostics: ["token: data must be a string of at most 1024 characters"])
                }
                connectionData = text
            }
            if session.startMs == nil {
                session.startMs = now
                try ProConfStore.update(session, tx)
            }
            let iat = ProConfTime.seconds(now)
            let exp = expiry.map(ProConfTime.seconds) ?? iat + 86_400
            let (jti, nonce) = tx.random { rng -> (String, Int64) in
                (RandomID.uuid(using: &rng), 100_000_000_000_000 + Int64(rng.next() % 900_000_000_000_000))
            }
            var claims: [JSONMember] = [
                ("iss", .string(config.vonageApiKey)), ("ist", "project"), ("iat", .integer(iat)), ("exp", .integer(exp)),
                ("jti", .string(jti)), ("session_id", .string(session.sessionId)), ("create_time", .integer(iat)),
                // A number in [0.1, 1) with 15 decimals: printed exactly as drawn.
                ("nonce", .double(Double(nonce) / 1e15)), ("role", .string(roleName)), ("expire_time", .integer(exp)),
                ("initial_layout_class_list", ""), ("scope", "session.connect"),
            ]
            if let connectionData { claims.append(("connection_data", .string(connectionData))) }
            let jwt = JWT.sign(payload: Array(JSONValue.object(claims).jsonString().utf8), secret: config.vonageApiSecret)
            return ProConfResponse.json(.object([("sessionId", .string(session.sessionId)), ("token", .string(jwt))]))
        }
    }

    /// §5.3.
    @Sendable static func edit(_ call: ProConfCall) async throws -> HTTPResponse {
        let link = call.parameter("meetingLinkId")
        let body = call.object
        let now = call.now
        let config = call.config
        let user = call.userID
        let ignoresIsScheduled = call.behaviours.contains(Key.patchIgnoresIsScheduled)
        try await call.context.write { tx in
            guard var session = try ProConfStore.session(link: link, tx) else {
                throw ProviderError(Key.meetingLinkNotFound, parameters: ["meetingLinkId": link])
            }
            let scheduledInBody = ProConfDates.isTruthy(body["isScheduled"])
            let scheduleValue = ProConfDates.present(body["scheduleTime"])
            if scheduledInBody, scheduleValue == nil { throw ProviderError(Key.editScheduleTimeRequired) }
            var scheduleMs: Int64?
            if let scheduleValue {
                guard let parsed = ProConfDates.validDate(scheduleValue) else {
                    throw ProviderError(Key.editScheduleTimeInvalid)
                }
                guard parsed >= now else { throw ProviderError(Key.editScheduleTimeInPast) }
                scheduleMs = parsed
            }
            if ignoresIsScheduled {
                // §12 quirk 5: `isScheduled` is never stored; `scheduleTime` = the body's when truthy, else now.
                session.scheduleMs = scheduledInBody ? (scheduleMs ?? now) : now
            } else {
                if let flag = body["isScheduled"]?.boolValue { session.isScheduled = flag }
                session.scheduleMs = session.isScheduled ? (scheduleMs ?? session.scheduleMs) : now
            }
            if user != nil { session.modifiedBy = user }
            try ProConfStore.update(session, tx)
            try ProConfLifecycle.planStartable(session, config: config, tx)
        }
        return ProConfResponse.noContent
    }

    /// §5.4.
    @Sendable static func end(_ call: ProConfCall) async throws -> HTTPResponse {
        let link = call.parameter("meetingLinkId")
        guard !link.isEmpty else { throw ProviderError(Key.endMeetingLinkInvalid) }
        let config = call.config
        let user = call.userID
        try await call.context.write { tx in
            guard let session = try ProConfStore.session(link: link, tx) else { throw ProviderError(Key.meetingNotFound) }
            guard session.endMs == nil else { throw ProviderError(Key.meetingAlreadyEnded) }
            try ProConfLifecycle.end(session, byControlPlane: false, user: user, config: config, tx)
        }
        return ProConfResponse.noContent
    }

    /// §5.5.
    @Sendable static func attendees(_ call: ProConfCall) async throws -> HTTPResponse {
        let link = call.parameter("meetingLinkId")
        // `?active=` must be exactly `true` (§12 "faithful").
        let activeOnly = call.request.http.query.first("active") == "true"
        let list = try await call.context.read { tx -> [JSONValue] in
            guard let session = try ProConfStore.session(link: link, tx) else { throw ProviderError(Key.meetingNotFound) }
            return try ProConfStore.attendees(sessionId: session.sessionId, tx)
                .filter { !activeOnly || !$0.isDeleted }.map(\.element)
        }
        return ProConfResponse.json(.array(list))
    }
}
