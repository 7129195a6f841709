import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import Foundation

/// The route handlers of jitsi-admin.md §5 and §9.
struct JitsiHandlers: Sendable {
    /// A write that keeps its changes but answers an error (quirk Q23: the user created by a failed create
    /// survives).
    enum Outcome: Sendable {
        case success(JSONValue)
        case failure(ProviderError)
    }

    static func finish(_ outcome: Outcome) throws -> HTTPResponse {
        switch outcome {
        case .success(let body): return JitsiResponses.json(body)
        case .failure(let error): throw error
        }
    }

    // MARK: info (§5.1)

    var info: RouteHandler {
        { request in
            let scope = RequestScope(request)
            let uid = scope.params["uid"] ?? ""
            let namespace = scope.namespace
            let found = try await request.context.read { tx -> RoomView? in
                let store = JitsiStore(db: tx.db, namespace: namespace)
                guard let room = try store.room(uid: uid) else { return nil }
                return try RoomView.load(room, store: store)
            }
            guard let view = found else { throw scope.crash(JitsiKey.noRoomFound, "info with an unknown uid") }
            // Quirk Q2: upstream crashes on an API-deleted room (no room time zone, null moderator).
            if view.room.isDeleted, view.room.timeZone == nil, scope.crashRequested {
                throw ProviderError(JitsiKey.upstreamCrash500)
            }
            try scope.crashIfRequested()
            let timeZone: JSONValue = view.room.timeZone.map { .string($0) }
                ?? view.moderator?.timeZone.map { .string($0) } ?? .null
            let body: JSONValue = [
                "timeZone": timeZone,
                "error": false,
                "teilnehmer": JSONValue(view.participants.map(\.email)),
                "start": .string(scope.php(view.room.start)),
                "end": .string(scope.php(view.room.end)),
                "duration": .integer(view.room.duration),
                "name": .string(view.room.name),
                "moderator": .string(view.moderator?.email ?? ""),
                "server": .string(view.server?.url ?? ""),
                "joinBrowser": .string("\(scope.joinBase)/room/join/b/\(view.room.id)"),
                "joinApp": .string("\(scope.joinBase)/room/join/a/\(view.room.id)"),
            ]
            return JitsiResponses.json(body)
        }
    }

    // MARK: getRooms (§5.2)

    var getRooms: RouteHandler {
        { request in
            let scope = RequestScope(request)
            let namespace = scope.namespace
            let token = scope.token
            let servers = try await request.context.read { tx in try JitsiStore(db: tx.db, namespace: namespace).servers() }
            guard let server = servers.first(where: { $0.apiKey == token }) else {
                throw scope.authFailure(JitsiKey.noServerFound, JitsiDiagnostics.a4(scope.fingerprint, namespace))
            }
            guard let minutes = NumberParser.minutes(scope.params["minutes"]) else {
                throw scope.crash(JitsiKey.minutesIncorrect, "missing or non-numeric minutes")
            }
            try scope.crashIfRequested()
            let low = scope.nowWall()
            let high = NaiveTime(seconds: low.seconds + Int64(minutes) * 60)
            let rooms = try await request.context.read { tx in
                try JitsiStore(db: tx.db, namespace: namespace).rooms(server: server.id, from: low, to: high)
            }
            return JitsiResponses.json([
                "server_id": .integer(server.id),
                "success": true,
                "error": false,
                "room_ids": JSONValue(rooms.map(\.uid)),
            ])
        }
    }

    // MARK: serverInfo (§5.10)

    var serverInfo: RouteHandler {
        { request in
            let scope = RequestScope(request)
            let namespace = scope.namespace
            let keycloak = scope.params["keycloakId"]
            let email = scope.params["email"]
            let defaultServer = scope.settings.defaultServerID
            let result = try await request.context.read { tx -> (UserRecord, [String])? in
                let store = JitsiStore(db: tx.db, namespace: namespace)
                guard let user = try JitsiHandlers.findUser(keycloak: keycloak, email: email, store: store) else {
                    return nil
                }
                var ids = try store.serverIDs(ofMember: user.id)
                if let defaultServer, !ids.contains(defaultServer) { ids.append(defaultServer) }
                var urls: [String] = []
                for id in ids { if let server = try store.server(id: id) { urls.append(server.url) } }
                return (user, urls)
            }
            guard let (user, urls) = result else {
                throw scope.crash(JitsiKey.noUserFound, "serverInfo for an unknown user")
            }
            try scope.crashIfRequested()
            return JitsiResponses.json(["server": JSONValue(urls), "email": .string(user.email), "error": false])
        }
    }

    /// jitsi-admin.md §5.3 step 1: a truthy keycloakId that matches wins, else the e-mail (lowest id).
    static func findUser(keycloak: String?, email: String?, store: JitsiStore) throws -> UserRecord? {
        if let keycloak, !keycloak.isEmpty, keycloak != "0", let user = try store.user(keycloakID: keycloak) {
            return user
        }
        guard let email else { return nil }
        return try store.user(email: email)
    }

    // MARK: join (§9)

    var join: RouteHandler {
        { request in
            let scope = RequestScope(request)
            let namespace = scope.namespace
            let raw = request.parameters["roomDbId"] ?? ""
            guard RequestScope.allDigits(raw), raw.count < 18, let id = Int64(raw) else {
                return JitsiResponses.errorPage(.notFound, request: request.http)
            }
            let found = try await request.context.read { tx -> RoomView? in
                let store = JitsiStore(db: tx.db, namespace: namespace)
                guard let room = try store.room(id: id) else { return nil }
                return try RoomView.load(room, store: store)
            }
            guard let view = found else { return JitsiResponses.errorPage(.notFound, request: request.http) }
            try scope.crashIfRequested()
            let state: String
            if view.room.isDeleted {
                state = "deleted"
            } else if scope.nowSeconds < scope.instant(view.room.start) {
                state = "scheduled"
            } else if scope.nowSeconds < scope.instant(view.room.end) {
                state = "running"
            } else {
                state = "ended"
            }
            let opened = request.http.pathSegments.dropFirst(2).first == "a" ? "app" : "browser"
            let name = HTMLEscape.escape(view.room.name)
            let page = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                    <meta charset="UTF-8">
                    <title>\(name) - Jitsi-Admin</title>
                </head>
                <body>
                <h1>\(name)</h1>
                <p>Server: \(HTMLEscape.escape(view.server?.url ?? ""))</p>
                <p>Start: \(scope.php(view.room.start))</p>
                <p>End: \(scope.php(view.room.end))</p>
                <p>State: \(state)</p>
                <p>Opened with: \(opened)</p>
                </body>
                </html>
                """
            return JitsiResponses.html(page, status: 200)
        }
    }
}
