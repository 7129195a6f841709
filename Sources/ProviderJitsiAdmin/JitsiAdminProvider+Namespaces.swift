import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport

extension JitsiAdminProvider {
    /// jitsi-admin.md §4.2: validates the section and fills in every generated key. Runtime namespaces
    /// without a section copy the start section with every key replaced (servers sharing a key share
    /// one new key).
    package func makeConfiguration(_ input: ConfigurationInput) throws -> JSONValue {
        var rng = input.rng
        let taken = Set(input.others.flatMap { JitsiSettings($0.configuration).apiKeys })
        var generated = Set<String>()
        func newKey() -> String {
            while true {
                let key = RandomID.lowerAlphanumeric(26, using: &rng)
                if !taken.contains(key), !generated.contains(key) {
                    generated.insert(key)
                    return key
                }
            }
        }
        var section: JSONValue
        var replaceKeys = false
        if let given = input.section {
            section = given
        } else if let start = input.startSection {
            section = start
            replaceKeys = !input.isDefault
        } else {
            section = .object([])
        }
        return try FixturesValidator.normalize(section, replaceKeys: replaceKeys, newKey: newKey)
    }

    /// jitsi-admin.md §4.3.
    package func namespaceDocument(configuration: JSONValue, namespace: NamespaceInfo, publicURL: String) -> JSONValue {
        let settings = JitsiSettings(configuration)
        let prefix = namespace.name == "default" ? "" : "/ns/" + FormDecoding.percentEncode(namespace.name)
        // §4.3: the current servers (clones included, see server.create) in id order.
        let ordered = (configuration["servers"]?.arrayValue ?? [])
            .sorted { ($0["id"]?.int64Value ?? 0) < ($1["id"]?.int64Value ?? 0) }
        let servers: [JSONValue] = ordered.map { server in
            [
                "id": server["id"] ?? .null,
                "url": server["url"] ?? .null,
                "name": server["name"] ?? .null,
                "apiKey": server["apiKey"] ?? .null,
                "members": server["members"] ?? .array([]),
                "isAllowedToCloneForAutoscale": server["isAllowedToCloneForAutoscale"] ?? false,
            ]
        }
        return [
            "baseURL": .string(publicURL + prefix + "/api/v1"),
            "timeZone": .string(settings.timeZone),
            "servers": .array(servers),
        ]
    }

    /// `PATCH /_confemu/namespaces/NAME/jitsiAdmin`: `timeZone` and `defaultServerId`.
    package func updateSettings(_ patch: JSONValue, configuration: JSONValue) throws -> JSONValue {
        guard let members = patch.objectValue else {
            throw NamespaceConfigurationError(code: "invalidSettings", "jitsiAdmin: settings must be a JSON object")
        }
        var updated = configuration
        for (key, value) in members {
            switch key {
            case "timeZone":
                guard let name = value.stringValue, ZoneCache.rules(name) != nil else {
                    throw NamespaceConfigurationError.invalid("jitsiAdmin.timeZone",
                                                              "unknown time zone \(value.jsonString())",
                                                              code: "invalidSettings")
                }
                _ = updated.set("timeZone", .string(name))
            case "defaultServerId":
                guard value.isNull || value.int64Value != nil else {
                    throw NamespaceConfigurationError.invalid("jitsiAdmin.defaultServerId",
                                                              "must be a server id or null", code: "invalidSettings")
                }
                _ = updated.set("defaultServerId", value)
            default:
                throw NamespaceConfigurationError.invalid("jitsiAdmin.\(key)", "unknown setting",
                                                          code: "invalidSettings")
            }
        }
        return updated
    }
}
