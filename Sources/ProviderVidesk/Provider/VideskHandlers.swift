import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport

/// The seven operations of videsk.md §9.
enum VideskHandlers {
    typealias K = VideskErrorKey

    static let threeHours: Int64 = 3 * 3_600_000

    static func json(_ status: Int, _ value: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, contentType: FeathersError.contentType, body: value.jsonString(.standard))
    }

    static func configuration(_ request: ProviderRequest) -> VideskConfiguration {
        VideskConfiguration(request.context.configuration)
    }

    /// `{roomId}` is one non-empty segment (videsk.md §2).
    static func roomId(_ request: ProviderRequest) throws -> String {
        guard let value = request.parameters["roomId"], !value.isEmpty else {
            throw ProviderError(K.pageNotFound)
        }
        return value
    }

    // MARK: rooms.get — videsk.md §9.3

    static let get: RouteHandler = { request in
        try await VideskAuthenticator.authenticate(request.http, context: request.context)
        let value = try roomId(request)
        guard let room = try await request.context.read({ tx in try VideskRoomStore.resolve(value, tx) }) else {
            throw ProviderError(K.roomNotFound)
        }
        return json(200, room.rendered(extended: configuration(request).extendedRoomFields))
    }

    // MARK: rooms.delete — videsk.md §9.5: 403 after authentication, no lookup.

    static let delete: RouteHandler = { request in
        try await VideskAuthenticator.authenticate(request.http, context: request.context)
        throw ProviderError(K.deleteNotAllowed)
    }

    // MARK: rooms.create — videsk.md §9.2

    static let create: RouteHandler = { request in
        let body = try VideskCast.body(request.http.body)
        try await VideskAuthenticator.authenticate(request.http, context: request.context)
        if body.isArray { throw ProviderError(K.multipleEntries) }
        let externalId = try VideskCast.member(body, "externalId").map { try VideskCast.string($0, path: "externalId") }
        let name = try VideskCast.member(body, "name").map { try VideskCast.string($0, path: "name") }
        let nbfInput = try VideskCast.member(body, "nbf").map { try VideskCast.date($0, path: "nbf") }
        let expInput = try VideskCast.member(body, "exp").map { try VideskCast.date($0, path: "exp") }
        // videsk.md §9.2, §14.11: `settings` wins over `config`; the cast path is the key actually sent.
        let settingsKey = VideskCast.member(body, "settings") != nil ? "settings" : "config"
        let settingsValue = VideskCast.member(body, settingsKey)
        if let value = settingsValue, !value.isObject {
            throw VideskCast.castError("Object", value, path: settingsKey)
        }
        let settings: JSONValue = settingsValue ?? .object([])
        if let externalId { try VideskCast.checkLength(externalId, path: "externalId", maximum: 100) }
        if let name { try VideskCast.checkLength(name, path: "name", maximum: 500) }
        let context = request.context
        let now = context.nowMilliseconds
        let nbf = nbfInput ?? now
        let exp = expInput ?? nbf + threeHours
        try VideskCast.checkDates(nbf: nbf, exp: exp, now: now)
        let config = configuration(request)
        let ip = RequesterAddress.of(request.http)
        let room: (VideskRoom, String) = try await context.write { tx in
            let identity = try VideskRoomStore.nextIdentity(tx, seconds: VideskDate.seconds(now))
            // videsk.md §9.2 step 4: generated externalId and name.
            var resolvedExternalId = externalId ?? ""
            if resolvedExternalId.isEmpty { resolvedExternalId = tx.random { RandomID.uuid(using: &$0) } }
            var resolvedName = name ?? ""
            if resolvedName.isEmpty { resolvedName = "Room \(resolvedExternalId)" }
            if try VideskRoomStore.externalIdExists(resolvedExternalId, tx) {
                throw ProviderError(K.externalIdConflict)
            }
            var room = VideskRoom(id: identity.id, sequence: identity.sequence, externalId: resolvedExternalId,
                                  name: resolvedName, nbf: nbf, exp: exp, ended: false, settings: settings,
                                  createdAt: now, updatedAt: now, authorizations: [], participants: [])
            let token = issueToken(&room, ip: ip, secret: config.tokenSecret, tx: tx)
            try VideskRoomStore.insert(room, tx)
            try VideskLifecycle.schedule(room, tx)
            return (room, token)
        }
        return json(201, room.0.rendered(extended: config.extendedRoomFields, accessToken: room.1))
    }

    /// videsk.md §8.2: a token with a fresh `jti`, and its authorization appended.
    static func issueToken(_ room: inout VideskRoom, ip: String, secret: String, tx: TransactionContext) -> String {
        let jti = tx.random { RandomID.uuid(using: &$0) }
        let token = VideskAccessToken.sign(room: room, issuedAt: tx.nowMilliseconds, jti: jti, secret: secret)
        room.authorizations.append(VideskRoom.Authorization(ip: ip, jti: jti, createdAt: tx.nowMilliseconds))
        return token
    }

    // MARK: rooms.patch — videsk.md §9.4

    static let patch: RouteHandler = { request in
        let body = try VideskCast.body(request.http.body)
        try await VideskAuthenticator.authenticate(request.http, context: request.context)
        let value = try roomId(request)
        let config = configuration(request)
        let ip = RequesterAddress.of(request.http)
        let result: (VideskRoom, String?) = try await request.context.write { tx in
            guard var room = try VideskRoomStore.resolve(value, tx), !room.ended else {
                throw ProviderError(K.roomNotFoundOrEnded)
            }
            if body.isArray { throw ProviderError(K.invalidInput) }
            let name = try VideskCast.member(body, "name").map { try VideskCast.string($0, path: "name") }
            let nbf = try VideskCast.member(body, "nbf").map { try VideskCast.date($0, path: "nbf") }
            let exp = try VideskCast.member(body, "exp").map { try VideskCast.date($0, path: "exp") }
            let ended = try VideskCast.member(body, "ended").map { try VideskCast.boolean($0, path: "ended") }
            var generateToken = false
            if let flag = VideskCast.member(body, "generateToken") {
                guard let value = flag.boolValue else { throw ProviderError(K.generateTokenNotBoolean) }
                generateToken = value
            }
            if let name { try VideskCast.checkLength(name, path: "name", maximum: 500) }
            let now = tx.nowMilliseconds
            if nbf != nil || exp != nil {
                try VideskCast.checkDates(nbf: nbf ?? room.nbf, exp: exp ?? room.exp, now: now)
            }
            if let name, !name.isEmpty { room.name = name }
            room.nbf = nbf ?? room.nbf
            room.exp = exp ?? room.exp
            room.updatedAt = now
            var token: String?
            if ended == true {
                // videsk.md §10: ending is terminal; present participants leave now; events cancelled.
                room.ended = true
                room.closeParticipants(at: now)
                try tx.cancelAll(key: room.id)
            } else {
                if nbf != nil || exp != nil { try VideskLifecycle.reschedule(room, tx) }
                if generateToken { token = issueToken(&room, ip: ip, secret: config.tokenSecret, tx: tx) }
            }
            try VideskRoomStore.update(room, tx)
            return (room, token)
        }
        return json(200, result.0.rendered(extended: config.extendedRoomFields, accessToken: result.1))
    }

    // MARK: rooms.join — videsk.md §9.6

    static let join: RouteHandler = { request in
        _ = try VideskCast.body(request.http.body)
        try await VideskAuthenticator.authenticate(request.http, context: request.context)
        let value = try roomId(request)
        let config = configuration(request)
        let ip = RequesterAddress.of(request.http)
        let token: String = try await request.context.write { tx in
            guard var room = try VideskRoomStore.resolve(value, tx) else { throw ProviderError(K.roomNotFound) }
            if room.ended { throw ProviderError(K.roomEnded) }
            if tx.nowMilliseconds >= room.exp { throw ProviderError(K.roomExpired) }
            let token = issueToken(&room, ip: ip, secret: config.tokenSecret, tx: tx)
            try VideskRoomStore.update(room, tx)
            return token
        }
        return json(201, ["accessToken": .string(token)])
    }

    // MARK: rooms.stats — videsk.md §9.7

    static let stats: RouteHandler = { request in
        try await VideskAuthenticator.authenticate(request.http, context: request.context)
        let value = try roomId(request)
        guard let room = try await request.context.read({ tx in try VideskRoomStore.resolve(value, tx) }) else {
            throw ProviderError(K.roomNotFound)
        }
        let view = request.http.query.first("view") ?? "report"
        guard ["report", "snapshot", "summary"].contains(view) else { throw ProviderError(K.invalidStatsView) }
        return json(200, VideskStats.render(room, view: view, now: request.context.nowMilliseconds))
    }

    // MARK: rooms.list — videsk.md §9.1

    static let list: RouteHandler = { request in
        try await VideskAuthenticator.authenticate(request.http, context: request.context)
        let query = try VideskListQuery(rawQuery: request.http.rawQuery ?? "")
        let rooms = try await request.context.read { tx in try VideskRoomStore.all(tx) }
        let extended = configuration(request).extendedRoomFields
        let matching = query.apply(to: rooms)
        let page = query.limit == 0 ? [] : Array(matching.dropFirst(query.skip).prefix(query.limit))
        let data = page.map { query.select($0.rendered(extended: extended)) }
        return json(200, .object([("total", .integer(matching.count)), ("limit", .integer(query.limit)),
                                  ("skip", .integer(query.skip)), ("data", .array(data))]))
    }
}
