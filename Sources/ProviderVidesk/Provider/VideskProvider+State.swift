import ConfemuEngine
import ConfemuFormats
import ConfemuSupport

extension VideskProvider {
    package func handle(_ event: ClockEvent, in transaction: TransactionContext) throws {
        try VideskLifecycle.handle(event, transaction)
    }

    /// videsk.md §1.2: fixture rooms with their defaults; the "future" and 72-hour rules do not apply.
    package func applyFixtures(_ section: JSONValue?, configuration: JSONValue,
                               in transaction: TransactionContext) throws {
        let tx = transaction
        guard let rooms = section?["rooms"]?.arrayValue else { return }
        var ids = Set<String>()
        var externalIds = Set<String>()
        let now = tx.nowMilliseconds
        for (index, entry) in rooms.enumerated() {
            let path = "$.videsk.rooms[\(index)]"
            func invalid(_ key: String, _ problem: String) -> NamespaceConfigurationError {
                NamespaceConfigurationError.invalid(key.isEmpty ? path : "\(path).\(key)", problem)
            }
            guard let members = entry.objectValue else { throw invalid("", "must be an object") }
            let known = ["id", "externalId", "name", "nbf", "exp", "ended", "settings", "createdAt", "updatedAt",
                         "authorizations", "participants"]
            for (key, _) in members where !known.contains(key) { throw invalid(key, "unknown key") }
            func text(_ key: String, maximum: Int) throws -> String? {
                guard let value = VideskCast.member(entry, key) else { return nil }
                guard let string = value.stringValue, string.utf16.count <= maximum else {
                    throw invalid(key, "must be a string of at most \(maximum) characters")
                }
                return string
            }
            func date(_ value: JSONValue?, _ key: String) throws -> Int64? {
                guard let value, !value.isNull else { return nil }
                guard let millis = VideskDate.parse(json: value) else { throw invalid(key, "must be a date") }
                return millis
            }
            var id: String
            var sequence: Int64
            if let given = try text("id", maximum: 24) {
                guard given.utf8.count == 24, given.utf8.allSatisfy(VideskRoomStore.isHex) else {
                    throw invalid("id", "must be 24 hexadecimal characters")
                }
                id = given.lowercased()
                sequence = try VideskRoomStore.nextSequence(tx)
            } else {
                (id, sequence) = try VideskRoomStore.nextIdentity(tx, seconds: VideskDate.seconds(now))
            }
            let externalId = try text("externalId", maximum: 100).flatMap { $0.isEmpty ? nil : $0 }
                ?? tx.random { RandomID.uuid(using: &$0) }
            let name = try text("name", maximum: 500).flatMap { $0.isEmpty ? nil : $0 } ?? "Room \(externalId)"
            let nbf = try date(entry["nbf"], "nbf") ?? now
            let exp = try date(entry["exp"], "exp") ?? nbf + VideskHandlers.threeHours
            guard exp > nbf else { throw invalid("exp", "must be after nbf") }
            var ended = false
            if let value = VideskCast.member(entry, "ended") {
                guard let flag = value.boolValue else { throw invalid("ended", "must be a boolean") }
                ended = flag
            }
            var settings: JSONValue = .object([])
            if let value = VideskCast.member(entry, "settings") {
                guard value.isObject else { throw invalid("settings", "must be an object") }
                settings = value
            }
            let createdAt = try date(entry["createdAt"], "createdAt") ?? now
            let updatedAt = try date(entry["updatedAt"], "updatedAt") ?? createdAt
            var authorizations: [VideskRoom.Authorization] = []
            for (position, item) in (VideskCast.member(entry, "authorizations")?.arrayValue ?? []).enumerated() {
                let key = "authorizations[\(position)]"
                guard let ip = item["ip"]?.stringValue, let jti = item["jti"]?.stringValue,
                      let created = try date(item["createdAt"], key) else {
                    throw invalid(key, "must be {\"ip\", \"jti\", \"createdAt\"}")
                }
                authorizations.append(VideskRoom.Authorization(ip: ip, jti: jti, createdAt: created))
            }
            var participants: [VideskRoom.Participant] = []
            for (position, item) in (VideskCast.member(entry, "participants")?.arrayValue ?? []).enumerated() {
                let key = "participants[\(position)]"
                guard let peerId = item["peerId"]?.stringValue, let joined = try date(item["joinedAt"], key) else {
                    throw invalid(key, "must have peerId and joinedAt")
                }
                participants.append(VideskRoom.Participant(
                    peerId: peerId, displayName: item["displayName"]?.stringValue ?? "Participant \(position + 1)",
                    joinedAt: joined, leftAt: try date(item["leftAt"], key)))
            }
            guard ids.insert(id).inserted else { throw invalid("id", "duplicate id") }
            guard externalIds.insert(externalId).inserted else { throw invalid("externalId", "duplicate externalId") }
            let room = VideskRoom(id: id, sequence: sequence, externalId: externalId, name: name, nbf: nbf, exp: exp,
                                  ended: ended, settings: settings, createdAt: createdAt, updatedAt: updatedAt,
                                  authorizations: authorizations, participants: participants)
            try VideskRoomStore.insert(room, tx)
            try VideskLifecycle.schedule(room, tx)
        }
    }

    /// videsk.md §1.2: every key present, rooms in the stored-field order.
    package func exportState(configuration: JSONValue, in transaction: TransactionContext) throws -> JSONValue {
        let stored = VideskConfiguration(configuration)
        let rooms = try VideskRoomStore.all(transaction)
        return .object([
            ("apiToken", .string(stored.apiToken)),
            ("tokenSecret", .string(stored.tokenSecret)),
            ("rateLimitPerSecond", JSONValue(stored.rateLimitPerSecond)),
            ("extendedRoomFields", .bool(stored.extendedRoomFields)),
            ("extraApiTokens", .array(stored.extraApiTokens.map(\.json))),
            ("rooms", .array(rooms.map(\.stateJSON))),
        ])
    }

    package func deleteState(in transaction: TransactionContext) throws {
        try VideskRoomStore.deleteAll(transaction)
    }
}
