import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation

extension JitsiHandlers {
    /// jitsi-admin.md §5.3 step 3 / §5.4 step 3: url first, then the wiki's numeric id; key; member.
    static func matchServer(_ value: String?, token: String?, memberEmail: String?, memberID: Int64?,
                            store: JitsiStore, scope: RequestScope, operation: String) throws
        -> Result<ServerRecord, ProviderError> {
        let servers = try store.servers()
        var candidates = servers.filter { $0.url == value }
        if candidates.isEmpty, let value, RequestScope.allDigits(value), value.count < 18, let id = Int64(value) {
            candidates = servers.filter { $0.id == id }
        }
        guard let firstCandidate = candidates.first else {
            return .failure(scope.authFailure(JitsiKey.noServerFound,
                                              JitsiDiagnostics.a6NoServer(scope.namespace, value ?? "")))
        }
        guard let token else {
            return .failure(scope.authFailure(JitsiKey.noServerFound, JitsiDiagnostics.a6NullToken(operation)))
        }
        let keyed = candidates.filter { $0.apiKey == token }
        guard let firstKeyed = keyed.first else {
            return .failure(scope.authFailure(JitsiKey.noServerFound,
                                              JitsiDiagnostics.a6Key(firstCandidate.id, firstCandidate.url,
                                                                     scope.fingerprint)))
        }
        for server in keyed {
            let members = try store.memberIDs(server: server.id)
            if let memberID, members.contains(memberID) { return .success(server) }
            if let memberEmail {
                for id in members {
                    if let user = try store.user(id: id), asciiEqual(user.email, memberEmail) { return .success(server) }
                }
            }
        }
        var shown = memberEmail ?? ""
        if let memberID, let user = try store.user(id: memberID) { shown = user.email }
        return .failure(scope.authFailure(JitsiKey.noServerFound,
                                          JitsiDiagnostics.a6Member(firstKeyed.id, firstKeyed.url, shown)))
    }

    static func asciiEqual(_ a: String, _ b: String) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 32 : byte }
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        return x.count == y.count && zip(x, y).allSatisfy { lower($0) == lower($1) }
    }

    // MARK: room.create (§5.3)

    var create: RouteHandler {
        { request in
            let scope = RequestScope(request)
            let p = scope.params
            let email = p["email"], name = p["name"], duration = p["duration"], serverValue = p["server"]
            let startValue = p["start"], keycloak = p["keycloakId"]
            let token = scope.token
            let outcome = try await request.context.write { tx -> Outcome in
                let store = JitsiStore(db: tx.db, namespace: tx.namespace)
                // 1–2. Moderator, auto-created before any check (quirk Q23).
                var moderator = try JitsiHandlers.findUser(keycloak: keycloak, email: email, store: store)
                if moderator == nil {
                    guard let email else {
                        return .failure(scope.crash(JitsiKey.emailIncorrect, "room.create without email"))
                    }
                    moderator = try store.user(username: email) ?? store.createAPIUser(email: email)
                }
                guard let moderator else { return .failure(ProviderError(JitsiKey.emailIncorrect)) }
                // 3. Server.
                let server: ServerRecord
                switch try JitsiHandlers.matchServer(serverValue, token: token, memberEmail: email, memberID: nil,
                                                     store: store, scope: scope, operation: JitsiOperation.roomCreate) {
                case .success(let found): server = found
                case .failure(let error): return .failure(error)
                }
                // 4–6.
                guard let start = StartParser.parse(startValue, now: scope.nowWall()) else {
                    return .failure(scope.crash(JitsiKey.startIncorrect, "unparseable start"))
                }
                guard let minutes = NumberParser.duration(duration) else {
                    return .failure(scope.crash(JitsiKey.durationIncorrect, "missing or non-numeric duration"))
                }
                guard let name else { return .failure(ProviderError(JitsiKey.createFailed)) }
                if scope.crashRequested { return .failure(ProviderError(JitsiKey.upstreamCrash500)) }
                // 7. The room.
                let times = scope.schedule(start, duration: minutes)
                let uid = tx.random { RandomID.hex(32, using: &$0) }
                let prefix = tx.random { Int($0.next() % 99) + 1 }
                let room = RoomRecord(id: try store.nextRoomID(), uid: uid,
                                      conferenceID: "\(prefix)\(scope.nowSeconds)", name: name, duration: minutes,
                                      start: times.start, end: times.end, serverID: server.id,
                                      moderatorID: moderator.id, timeZone: nil, sequence: 0)
                try store.save(room)
                try store.addParticipant(room: room.id, user: moderator.id)
                try JitsiClock.schedule(room, server: server, scope: scope, tx: tx)
                // 8. Invitation to the moderator.
                try JitsiMail.send(.invitation, room: room, recipient: moderator, moderator: moderator, method: "PUBLISH",
                                   scope: scope, tx: tx)
                return .success(["error": false, "uid": .string(uid), "text": "Meeting erfolgreich angelegt"])
            }
            return try JitsiHandlers.finish(outcome)
        }
    }

    // MARK: room.edit (§5.4)

    var edit: RouteHandler {
        { request in
            let scope = RequestScope(request)
            let p = scope.params
            let uid = p["uid"], name = p["name"], duration = p["duration"], serverValue = p["server"]
            let startValue = p["start"]
            let token = scope.token
            let outcome = try await request.context.write { tx -> Outcome in
                let store = JitsiStore(db: tx.db, namespace: tx.namespace)
                guard let uid, var room = try store.room(uid: uid), let moderatorID = room.moderatorID else {
                    return .failure(ProviderError(JitsiKey.roomNoFound))
                }
                guard let start = StartParser.parse(startValue, now: scope.nowWall()) else {
                    return .failure(scope.crash(JitsiKey.startIncorrect, "unparseable start"))
                }
                let server: ServerRecord
                // Quirk Q25: only the target server's key is compared.
                switch try JitsiHandlers.matchServer(serverValue, token: token, memberEmail: nil, memberID: moderatorID,
                                                     store: store, scope: scope, operation: JitsiOperation.roomEdit) {
                case .success(let found): server = found
                case .failure(let error): return .failure(error)
                }
                guard let minutes = NumberParser.duration(duration) else {
                    return .failure(scope.crash(JitsiKey.durationIncorrect, "missing or non-numeric duration"))
                }
                guard let name else { return .failure(scope.crash(JitsiKey.nameIncorrect, "room.edit without name")) }
                if scope.crashRequested { return .failure(ProviderError(JitsiKey.upstreamCrash500)) }
                let times = scope.schedule(start, duration: minutes)
                room.name = name
                room.duration = minutes
                room.start = times.start
                room.end = times.end
                room.serverID = server.id
                room.sequence = 0
                try store.save(room)
                try JitsiClock.schedule(room, server: server, scope: scope, tx: tx)
                let moderator = try store.user(id: moderatorID)
                for participant in try store.participants(room: room.id) {
                    let method = participant.id == moderatorID ? "PUBLISH" : "REQUEST"
                    try JitsiMail.send(.edited, room: room, recipient: participant, moderator: moderator,
                                       method: method, scope: scope, tx: tx)
                }
                return .success(["error": false, "uid": .string(room.uid), "text": "Meeting erfolgreich geändert"])
            }
            return try JitsiHandlers.finish(outcome)
        }
    }

    // MARK: room.delete (§5.6)

    var delete: RouteHandler {
        { request in
            let scope = RequestScope(request)
            let uid = scope.params["uid"]
            let token = scope.token
            let outcome = try await request.context.write { tx -> Outcome in
                let store = JitsiStore(db: tx.db, namespace: tx.namespace)
                // Quirk Q27: "not found" before the key check.
                guard let uid, var room = try store.room(uid: uid), let moderatorID = room.moderatorID else {
                    return .failure(ProviderError(JitsiKey.roomNotFound))
                }
                let server = try store.server(id: room.serverID)
                guard server?.apiKey == token else {
                    return .failure(scope.authFailure(JitsiKey.noServerFound,
                                                      JitsiDiagnostics.a7(room.serverID, server?.url ?? "",
                                                                          scope.fingerprint)))
                }
                if scope.crashRequested { return .failure(ProviderError(JitsiKey.upstreamCrash500)) }
                let moderator = try store.user(id: moderatorID)
                let notEnded = scope.instant(room.end) > scope.nowSeconds
                for participant in try store.participants(room: room.id) {
                    if notEnded {
                        try JitsiMail.send(.cancelled, room: room, recipient: participant, moderator: moderator,
                                           method: "CANCEL", scope: scope, tx: tx)
                    }
                    try store.removeParticipant(room: room.id, user: participant.id)
                }
                room.moderatorID = nil
                try store.save(room)
                try tx.cancelAll(key: room.uid)
                return .success(["error": false, "text": "Erfolgreich gelöscht"])
            }
            return try JitsiHandlers.finish(outcome)
        }
    }

    // MARK: room.move (§5.5)

    var move: RouteHandler {
        { request in
            let scope = RequestScope(request)
            let uid = scope.params["uid"]
            let fromServerID = scope.params["serverId"]
            let target = fromServerID ?? scope.params["server"]
            let token = scope.token
            let outcome = try await request.context.write { tx -> Outcome in
                let store = JitsiStore(db: tx.db, namespace: tx.namespace)
                guard let uid, var room = try store.room(uid: uid) else {
                    return .failure(ProviderError(JitsiKey.moveRoomNotFound))
                }
                let current = try store.server(id: room.serverID)
                guard current?.apiKey == token else {
                    return .failure(scope.authFailure(JitsiKey.accessDenied,
                                                      JitsiDiagnostics.a7(room.serverID, current?.url ?? "",
                                                                          scope.fingerprint)))
                }
                let servers = try store.servers()
                var found: ServerRecord?
                if let target, RequestScope.allDigits(target) {
                    if target.count < 18, let id = Int64(target) {
                        found = servers.first { $0.id == id && $0.apiKey == token }
                    }
                } else if let target, fromServerID == nil {
                    found = servers.first { $0.url == target && $0.apiKey == token }
                }
                guard let newServer = found else {
                    return .failure(scope.authFailure(JitsiKey.newServerNotFound,
                                                      JitsiDiagnostics.a8(target ?? "", scope.fingerprint)))
                }
                if scope.crashRequested { return .failure(ProviderError(JitsiKey.upstreamCrash500)) }
                room.serverID = newServer.id
                try store.save(room)
                if !room.isDeleted { try JitsiClock.schedule(room, server: newServer, scope: scope, tx: tx) }
                return .success(["error": false, "message": "Room moved"])
            }
            return try JitsiHandlers.finish(outcome)
        }
    }

    // MARK: server.create (§5.9)

    var serverCreate: RouteHandler {
        { request in
            let scope = RequestScope(request)
            let p = scope.params
            let url = p["url"], name = p["name"], appID = p["app_id"], appSecret = p["app_secret"]
            let token = scope.token
            let (outcome, stored) = try await request.context.write { tx -> (Outcome, [ServerRecord]) in
                let store = JitsiStore(db: tx.db, namespace: tx.namespace)
                let keyed = try store.servers().filter { $0.apiKey == token }
                guard let prototype = keyed.first(where: \.cloneAllowed) else {
                    let sentence = keyed.first.map {
                        JitsiDiagnostics.a5(scope.fingerprint, $0.id, $0.url, scope.namespace)
                    } ?? JitsiDiagnostics.a4(scope.fingerprint, scope.namespace)
                    return (.failure(scope.authFailure(JitsiKey.cloneNotAllowed, sentence)), [])
                }
                guard let url else {
                    return (.failure(scope.crash(JitsiKey.urlIncorrect, "server.create without url")), [])
                }
                guard let name else {
                    return (.failure(scope.crash(JitsiKey.nameIncorrect, "server.create without name")), [])
                }
                if scope.crashRequested { return (.failure(ProviderError(JitsiKey.upstreamCrash500)), []) }
                let clone = ServerRecord(id: try store.nextServerID(), url: url, name: name, apiKey: prototype.apiKey,
                                         appId: appID, appSecret: appSecret, cloneAllowed: false, administrator: nil)
                try store.insert(clone)
                return (.success(["server_id": .integer(clone.id), "sucess": true, "error": false]),
                        try store.servers())
            }
            // jitsi-admin.md §4.3: the namespace document lists the current servers, clones included.
            // The freshest stored configuration, so a settings PATCH or another clone since this request began
            // is kept.
            if case .success = outcome {
                let context = request.context
                let current = context.allNamespaces().first { $0.name == context.namespace.name }?
                    .configuration(.jitsiAdmin) ?? context.configuration
                try await context.updateConfiguration(JitsiHandlers.configuration(current, adding: stored))
            }
            return try JitsiHandlers.finish(outcome)
        }
    }

    /// The stored configuration with every stored server it does not list yet (clones have no members),
    /// everything else kept.
    static func configuration(_ configuration: JSONValue, adding servers: [ServerRecord]) -> JSONValue {
        var list = configuration["servers"]?.arrayValue ?? []
        let listed = Set(list.compactMap { $0["id"]?.int64Value })
        for server in servers where !listed.contains(server.id) {
            list.append([
                "id": .integer(server.id), "url": .string(server.url), "name": .string(server.name),
                "apiKey": JSONValue(server.apiKey), "appId": JSONValue(server.appId),
                "appSecret": JSONValue(server.appSecret),
                "isAllowedToCloneForAutoscale": .bool(server.cloneAllowed),
                "administrator": JSONValue(server.administrator), "members": .array([]),
            ])
        }
        var updated = configuration.objectValue == nil ? JSONValue.object([]) : configuration
        _ = updated.set("servers", .array(list))
        return updated
    }
}
