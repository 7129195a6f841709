import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import Foundation

extension JitsiHandlers {
    // MARK: user.add (§5.7)

    var userAdd: RouteHandler {
        { request in
            let scope = RequestScope(request)
            let uid = scope.params["uid"]
            let givenEmail = scope.params["email"]
            let token = scope.token
            let outcome = try await request.context.write { tx -> Outcome in
                let store = JitsiStore(db: tx.db, namespace: tx.namespace)
                let room: RoomRecord
                let email: String
                switch try JitsiHandlers.participantTarget(uid: uid, email: givenEmail, token: token, scope: scope,
                                                           store: store, operation: "user.add") {
                case .failure(let error): return .failure(error)
                case .success(let target): (room, email) = target
                }
                guard let moderatorID = room.moderatorID else {
                    // Quirk Q5: upstream creates the user record before it crashes.
                    if scope.crashRequested, try store.user(username: email) == nil {
                        _ = try store.createAPIUser(email: email)
                    }
                    return .failure(scope.crash(JitsiKey.noRoomFound, "user.add on a deleted room"))
                }
                if scope.crashRequested { return .failure(ProviderError(JitsiKey.upstreamCrash500)) }
                // Quirk Q37: looked up by username.
                let user = try store.user(username: email) ?? store.createAPIUser(email: email)
                let participants = try store.participants(room: room.id)
                if !participants.contains(where: { $0.id == user.id }) {
                    try store.addParticipant(room: room.id, user: user.id)
                    let moderator = try store.user(id: moderatorID)
                    try JitsiMail.send(.invitation, room: room, recipient: user, moderator: moderator,
                                       method: user.id == moderatorID ? "PUBLISH" : "REQUEST", scope: scope, tx: tx)
                }
                return .success(["uid": .string(room.uid), "user": .string(email), "error": false,
                                 "text": .string("Teilnehmer \(email) erfolgreich hinzugefügt")])
            }
            return try JitsiHandlers.finish(outcome)
        }
    }

    // MARK: user.remove (§5.8)

    var userRemove: RouteHandler {
        { request in
            let scope = RequestScope(request)
            let uid = scope.params["uid"]
            let givenEmail = scope.params["email"]
            let token = scope.token
            let outcome = try await request.context.write { tx -> Outcome in
                let store = JitsiStore(db: tx.db, namespace: tx.namespace)
                let room: RoomRecord
                let email: String
                switch try JitsiHandlers.participantTarget(uid: uid, email: givenEmail, token: token, scope: scope,
                                                           store: store, operation: "user.remove") {
                case .failure(let error): return .failure(error)
                case .success(let target): (room, email) = target
                }
                guard let user = try store.user(email: email),
                      try store.participants(room: room.id).contains(where: { $0.id == user.id })
                else { return .failure(ProviderError(JitsiKey.userIncorrect)) }
                if scope.crashRequested { return .failure(ProviderError(JitsiKey.upstreamCrash500)) }
                try store.removeParticipant(room: room.id, user: user.id)
                if scope.instant(room.end) > scope.nowSeconds {
                    let moderator = try room.moderatorID.flatMap { try store.user(id: $0) }
                    try JitsiMail.send(.cancelled, room: room, recipient: user, moderator: moderator, method: "CANCEL",
                                       scope: scope, tx: tx)
                }
                return .success(["uid": .string(room.uid), "user": .string(email), "error": false,
                                 "text": .string("Teilnehmer \(email) erfolgreich gelöscht")])
            }
            return try JitsiHandlers.finish(outcome)
        }
    }

    /// The shared first steps of user.add and user.remove (§5.7, §5.8): the room by uid (crash path when
    /// unknown), its server's key equal to the token, then a valid e-mail.
    static func participantTarget(uid: String?, email: String?, token: String?, scope: RequestScope,
                                  store: JitsiStore, operation: String) throws
        -> Result<(room: RoomRecord, email: String), ProviderError> {
        guard let uid, let room = try store.room(uid: uid) else {
            return .failure(scope.crash(JitsiKey.noRoomFound, "\(operation) with an unknown uid"))
        }
        let server = try store.server(id: room.serverID)
        guard server?.apiKey == token else {
            return .failure(scope.authFailure(JitsiKey.noServerFound,
                                              JitsiDiagnostics.a7(room.serverID, server?.url ?? "", scope.fingerprint)))
        }
        guard let email, EmailValidator.isValid(email) else {
            return .failure(ProviderError(JitsiKey.emailIncorrect))
        }
        return .success((room, email))
    }
}
