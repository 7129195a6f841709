import ConfemuEngine
import ConfemuFormats

/// Validation and defaults of the `jitsiAdmin` fixtures section (jitsi-admin.md §4.2).
enum FixturesValidator {
    static let root = "jitsiAdmin"

    static func normalize(_ section: JSONValue, replaceKeys: Bool, newKey: () -> String) throws -> JSONValue {
        guard let members = section.objectValue else { throw invalid(root, "must be a JSON object") }
        let known: Set<String> = ["timeZone", "defaultServerId", "servers", "users", "rooms"]
        for (key, _) in members where !known.contains(key) { throw invalid("\(root).\(key)", "unknown field") }
        let timeZone = try optionalString(section["timeZone"], "\(root).timeZone") ?? "Europe/Berlin"
        guard ZoneCache.rules(timeZone) != nil else {
            throw invalid("\(root).timeZone", "unknown time zone \(JSONValue.string(timeZone).jsonString())")
        }
        var defaultServer: JSONValue = .null
        if let value = section["defaultServerId"], !value.isNull {
            guard let id = value.int64Value else { throw invalid("\(root).defaultServerId", "must be an integer or null") }
            defaultServer = .integer(id)
        }
        var replaced: [String: String] = [:]
        var servers: [JSONValue] = []
        var nextServer: Int64 = 1
        var usedServerIDs = Set<Int64>()
        for (index, server) in try array(section["servers"], "\(root).servers").enumerated() {
            let path = "\(root).servers[\(index)]"
            guard server.isObject else { throw invalid(path, "must be a JSON object") }
            var id = nextServer
            if let value = server["id"], !value.isNull {
                guard let given = value.int64Value, given > 0 else { throw invalid("\(path).id", "must be a positive integer") }
                id = given
            }
            guard usedServerIDs.insert(id).inserted else { throw invalid("\(path).id", "duplicate id \(id)") }
            nextServer = max(nextServer, id + 1)
            guard let url = try optionalString(server["url"], "\(path).url") else { throw invalid("\(path).url", "required") }
            guard let name = try optionalString(server["name"], "\(path).name") else {
                throw invalid("\(path).name", "required")
            }
            var apiKey: JSONValue
            if let value = server["apiKey"] {
                if value.isNull {
                    apiKey = .null
                } else if let key = value.stringValue {
                    if replaceKeys {
                        let fresh = replaced[key] ?? newKey()
                        replaced[key] = fresh
                        apiKey = .string(fresh)
                    } else {
                        apiKey = .string(key)
                    }
                } else {
                    throw invalid("\(path).apiKey", "must be a string or null")
                }
            } else {
                apiKey = .string(newKey())
            }
            var clone = false
            if let value = server["isAllowedToCloneForAutoscale"], !value.isNull {
                guard let flag = value.boolValue else {
                    throw invalid("\(path).isAllowedToCloneForAutoscale", "must be a boolean")
                }
                clone = flag
            }
            let memberList = try array(server["members"], "\(path).members").enumerated().map { item in
                guard let email = item.element.stringValue else {
                    throw invalid("\(path).members[\(item.offset)]", "must be a string")
                }
                return JSONValue.string(email)
            }
            servers.append([
                "id": .integer(id), "url": .string(url), "name": .string(name), "apiKey": apiKey,
                "appId": JSONValue(try optionalString(server["appId"], "\(path).appId")),
                "appSecret": JSONValue(try optionalString(server["appSecret"], "\(path).appSecret")),
                "isAllowedToCloneForAutoscale": .bool(clone),
                "administrator": JSONValue(try optionalString(server["administrator"], "\(path).administrator")),
                "members": .array(memberList),
            ])
        }
        var users: [JSONValue] = []
        var usedUserIDs = Set<Int64>()
        for (index, user) in try array(section["users"], "\(root).users").enumerated() {
            let path = "\(root).users[\(index)]"
            guard user.isObject else { throw invalid(path, "must be a JSON object") }
            guard let email = try optionalString(user["email"], "\(path).email") else {
                throw invalid("\(path).email", "required")
            }
            var id: JSONValue = .null
            if let value = user["id"], !value.isNull {
                guard let given = value.int64Value, given > 0 else { throw invalid("\(path).id", "must be a positive integer") }
                guard usedUserIDs.insert(given).inserted else { throw invalid("\(path).id", "duplicate id \(given)") }
                id = .integer(given)
            }
            users.append([
                "id": id, "email": .string(email),
                "username": .string(try optionalString(user["username"], "\(path).username") ?? email),
                "keycloakId": JSONValue(try optionalString(user["keycloakId"], "\(path).keycloakId")),
                "firstName": .string(try optionalString(user["firstName"], "\(path).firstName") ?? ""),
                "lastName": .string(try optionalString(user["lastName"], "\(path).lastName") ?? ""),
                "timeZone": JSONValue(try optionalString(user["timeZone"], "\(path).timeZone")),
            ])
        }
        var rooms: [JSONValue] = []
        for (index, room) in try array(section["rooms"], "\(root).rooms").enumerated() {
            let path = "\(root).rooms[\(index)]"
            guard room.isObject else { throw invalid(path, "must be a JSON object") }
            guard let name = try optionalString(room["name"], "\(path).name") else { throw invalid("\(path).name", "required") }
            guard let server = room["server"]?.int64Value else { throw invalid("\(path).server", "required (a server id)") }
            guard usedServerIDs.contains(server) else { throw invalid("\(path).server", "no server with id \(server)") }
            guard let moderatorValue = room["moderator"] else { throw invalid("\(path).moderator", "required") }
            guard moderatorValue.isNull || moderatorValue.stringValue != nil else {
                throw invalid("\(path).moderator", "must be an e-mail or null")
            }
            guard let duration = room["duration"]?.intValue, (0...9_999_999).contains(duration) else {
                throw invalid("\(path).duration", "required (minutes, 0-9999999)")
            }
            var entry: [(key: String, value: JSONValue)] = [("name", .string(name)), ("server", .integer(server)),
                                                            ("moderator", moderatorValue), ("duration", .integer(duration))]
            if let start = room["start"], !start.isNull {
                guard let text = start.stringValue, NaiveTime.parseStored(text) != nil else {
                    throw invalid("\(path).start", "must be YYYY-MM-DDTHH:MM[:SS]")
                }
                entry.append(("start", start))
            } else if let minutes = room["startInMinutes"], !minutes.isNull {
                guard minutes.intValue != nil else { throw invalid("\(path).startInMinutes", "must be an integer") }
                entry.append(("startInMinutes", minutes))
            } else {
                throw invalid("\(path).start", "required (start or startInMinutes)")
            }
            for key in ["uid", "conferenceId", "timeZone"] {
                if let value = room[key], !value.isNull {
                    guard value.stringValue != nil else { throw invalid("\(path).\(key)", "must be a string") }
                    entry.append((key, value))
                }
            }
            if let uid = room["uid"]?.stringValue {
                guard uid.utf8.count == 32, uid.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
                else { throw invalid("\(path).uid", "must be 32 lower-case hex characters") }
            }
            if let value = room["id"], !value.isNull {
                guard let id = value.int64Value, id > 0 else { throw invalid("\(path).id", "must be a positive integer") }
                entry.append(("id", .integer(id)))
            }
            if let value = room["participants"], !value.isNull {
                let list = try array(value, "\(path).participants").enumerated().map { item in
                    guard let email = item.element.stringValue else {
                        throw invalid("\(path).participants[\(item.offset)]", "must be a string")
                    }
                    return JSONValue.string(email)
                }
                entry.append(("participants", .array(list)))
            }
            rooms.append(.object(entry))
        }
        return [
            "timeZone": .string(timeZone), "defaultServerId": defaultServer, "servers": .array(servers),
            "users": .array(users), "rooms": .array(rooms),
        ]
    }

    static func invalid(_ path: String, _ problem: String) -> NamespaceConfigurationError {
        NamespaceConfigurationError.invalid(path, problem)
    }

    static func array(_ value: JSONValue?, _ path: String) throws -> [JSONValue] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw invalid(path, "must be an array") }
        return items
    }

    static func optionalString(_ value: JSONValue?, _ path: String) throws -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue else { throw invalid(path, "must be a string") }
        return text
    }
}
