import ConfemuEngine
import ConfemuFormats
import ConfemuStorage
import ConfemuSupport

extension JitsiAdminProvider {
    /// jitsi-admin.md §4.2: the configuration holds the effective section (keys resolved), so `section`
    /// itself is not read again.
    package func applyFixtures(_ section: JSONValue?, configuration: JSONValue, in transaction: TransactionContext) throws {
        let settings = JitsiSettings(configuration)
        let store = JitsiStore(db: transaction.db, namespace: transaction.namespace)
        let zone = settings.zone
        var byEmail: [String: Int64] = [:]
        var nextUser: Int64 = 1
        let explicitIDs = (configuration["users"]?.arrayValue ?? []).compactMap { $0["id"]?.int64Value }
        var taken = Set(explicitIDs)
        func allocate() -> Int64 {
            while taken.contains(nextUser) { nextUser += 1 }
            taken.insert(nextUser)
            return nextUser
        }
        for user in configuration["users"]?.arrayValue ?? [] {
            let email = user["email"]?.stringValue ?? ""
            let id = user["id"]?.int64Value ?? allocate()
            try store.insert(UserRecord(id: id, email: email, username: user["username"]?.stringValue ?? email,
                                        keycloakId: user["keycloakId"]?.stringValue,
                                        firstName: user["firstName"]?.stringValue ?? "",
                                        lastName: user["lastName"]?.stringValue ?? "",
                                        timeZone: user["timeZone"]?.stringValue))
            if byEmail[email.lowercased()] == nil { byEmail[email.lowercased()] = id }
        }
        // E-mails mentioned anywhere that no user has are created, in order of first mention.
        func userID(_ email: String) throws -> Int64 {
            if let id = byEmail[email.lowercased()] { return id }
            let id = allocate()
            try store.insert(UserRecord(id: id, email: email, username: email, keycloakId: nil, firstName: "",
                                        lastName: "", timeZone: nil))
            byEmail[email.lowercased()] = id
            return id
        }
        var serverURLs: [Int64: String] = [:]
        for server in configuration["servers"]?.arrayValue ?? [] {
            let id = server["id"]?.int64Value ?? 0
            let record = ServerRecord(id: id, url: server["url"]?.stringValue ?? "",
                                      name: server["name"]?.stringValue ?? "", apiKey: server["apiKey"]?.stringValue,
                                      appId: server["appId"]?.stringValue, appSecret: server["appSecret"]?.stringValue,
                                      cloneAllowed: server["isAllowedToCloneForAutoscale"]?.boolValue ?? false,
                                      administrator: server["administrator"]?.stringValue)
            try store.insert(record)
            serverURLs[id] = record.url
            for member in server["members"]?.arrayValue ?? [] {
                if let email = member.stringValue { try store.addMember(server: id, user: try userID(email)) }
            }
            if let administrator = record.administrator { _ = try userID(administrator) }
        }
        let nowSeconds = transaction.nowMilliseconds / 1000
        var nextRoom: Int64 = 1
        var roomIDs = Set((configuration["rooms"]?.arrayValue ?? []).compactMap { $0["id"]?.int64Value })
        for room in configuration["rooms"]?.arrayValue ?? [] {
            let moderatorID = try room["moderator"]?.stringValue.map(userID)
            var participants: [Int64] = []
            if let list = room["participants"]?.arrayValue {
                for item in list { if let email = item.stringValue { participants.append(try userID(email)) } }
            } else if let moderatorID {
                participants = [moderatorID]
            }
            let duration = room["duration"]?.intValue ?? 0
            var start: NaiveTime
            if let text = room["start"]?.stringValue, let wall = NaiveTime.parseStored(text) {
                start = wall
            } else {
                let minutes = Int64(room["startInMinutes"]?.intValue ?? 0)
                start = NaiveTime(seconds: (zone?.wallClock(forInstant: nowSeconds) ?? nowSeconds) + minutes * 60)
            }
            let startInstant = zone?.instant(forWallClock: start.seconds) ?? start.seconds
            start = NaiveTime(seconds: zone?.wallClock(forInstant: startInstant) ?? start.seconds)
            let endInstant = startInstant + Int64(duration) * 60
            let end = NaiveTime(seconds: zone?.wallClock(forInstant: endInstant) ?? endInstant)
            let id: Int64
            if let given = room["id"]?.int64Value {
                id = given
            } else {
                while roomIDs.contains(nextRoom) { nextRoom += 1 }
                id = nextRoom
                roomIDs.insert(id)
            }
            let uid = room["uid"]?.stringValue ?? transaction.random { RandomID.hex(32, using: &$0) }
            let prefix = transaction.random { Int($0.next() % 99) + 1 }
            let record = RoomRecord(id: id, uid: uid, conferenceID: room["conferenceId"]?.stringValue
                                        ?? "\(prefix)\(nowSeconds)",
                                    name: room["name"]?.stringValue ?? "", duration: duration, start: start, end: end,
                                    serverID: room["server"]?.int64Value ?? 1, moderatorID: moderatorID,
                                    timeZone: room["timeZone"]?.stringValue, sequence: 0)
            try store.save(record)
            for participant in participants where moderatorID != nil {
                try store.addParticipant(room: id, user: participant)
            }
            try JitsiClock.schedule(record, serverURL: serverURLs[record.serverID] ?? "", zone: zone, tx: transaction)
        }
    }

    /// jitsi-admin.md §4.2: every field explicit (absolute `start`, ids, uids, keys, null moderators).
    package func exportState(configuration: JSONValue, in transaction: TransactionContext) throws -> JSONValue {
        let settings = JitsiSettings(configuration)
        let store = JitsiStore(db: transaction.db, namespace: transaction.namespace)
        let users = try store.users()
        let emails = Dictionary(users.map { ($0.id, $0.email) }, uniquingKeysWith: { first, _ in first })
        let servers: [JSONValue] = try store.servers().map { server in
            [
                "id": .integer(server.id), "url": .string(server.url), "name": .string(server.name),
                "apiKey": JSONValue(server.apiKey), "appId": JSONValue(server.appId),
                "appSecret": JSONValue(server.appSecret),
                "isAllowedToCloneForAutoscale": .bool(server.cloneAllowed),
                "administrator": JSONValue(server.administrator),
                "members": JSONValue(try store.memberIDs(server: server.id).compactMap { emails[$0] }),
            ]
        }
        let userList: [JSONValue] = users.map { user in
            [
                "id": .integer(user.id), "email": .string(user.email), "username": .string(user.username),
                "keycloakId": JSONValue(user.keycloakId), "firstName": .string(user.firstName),
                "lastName": .string(user.lastName), "timeZone": JSONValue(user.timeZone),
            ]
        }
        let rooms: [JSONValue] = try store.rooms().map { room in
            [
                "id": .integer(room.id), "uid": .string(room.uid), "conferenceId": .string(room.conferenceID),
                "name": .string(room.name), "server": .integer(room.serverID),
                "moderator": JSONValue(room.moderatorID.flatMap { emails[$0] }),
                "start": .string(room.start.fixtureText), "duration": .integer(room.duration),
                "participants": JSONValue(try store.participants(room: room.id).map(\.email)),
                "timeZone": JSONValue(room.timeZone),
            ]
        }
        return [
            "timeZone": .string(settings.timeZone), "defaultServerId": JSONValue(settings.defaultServerID),
            "servers": .array(servers), "users": .array(userList), "rooms": .array(rooms),
        ]
    }

    package func deleteState(in transaction: TransactionContext) throws {
        try JitsiStore(db: transaction.db, namespace: transaction.namespace).deleteAll()
    }
}
