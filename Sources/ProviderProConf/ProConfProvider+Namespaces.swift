import ConfemuEngine
import ConfemuFormats

/// Credentials, settings and the namespace document (proconf.md §2).
extension ProConfProvider {
    package func makeConfiguration(_ input: ConfigurationInput) throws -> JSONValue {
        try ProConfFixtures.validateState(input.section)
        return try ProConfConfiguration.make(input).json
    }

    /// §2.1, key order as shown.
    package func namespaceDocument(configuration: JSONValue, namespace: NamespaceInfo, publicURL: String) -> JSONValue {
        let config = ProConfConfiguration(configuration)
        let baseURL = namespace.name == "default" ? publicURL : publicURL + "/ns/" + namespace.name
        return .object([
            ("baseURL", .string(baseURL)), ("adminBaseURL", .string(baseURL + "/api")),
            ("jwtSecret", .string(config.jwtSecret)), ("adminKey", .string(config.adminKey)),
            ("domain", JSONValue(config.domain)), ("vonageApiKey", .string(config.vonageApiKey)),
            ("vonageApiSecret", .string(config.vonageApiSecret)),
            ("createSessionResponse", .string(config.createSessionResponse)),
            ("timeToStart", .integer(config.timeToStart)), ("jwtIssuer", JSONValue(config.jwtIssuer)),
            ("permissions", JSONValue(ProConfPermission.all)),
        ])
    }

    /// `PATCH /_confemu/namespaces/NAME/proconf` (control-plane.md §2). Decision: `domain`,
    /// `createSessionResponse`, `timeToStart` and `jwtIssuer` are settings; the credentials select the
    /// namespace and stay as created.
    package func updateSettings(_ patch: JSONValue, configuration: JSONValue) throws -> JSONValue {
        guard case .object(let members) = patch else {
            throw NamespaceConfigurationError.invalid("proconf", "must be a JSON object", code: "invalidSettings")
        }
        for (key, _) in members where !ProConfConfiguration.patchableKeys.contains(key) {
            let problem = ProConfConfiguration.settingKeys.contains(key) ? "is a credential, not a setting"
                : "unknown setting"
            throw NamespaceConfigurationError.invalid("proconf.\(key)", problem, code: "invalidSettings")
        }
        var config = ProConfConfiguration(configuration)
        try config.apply(patch, keys: ProConfConfiguration.patchableKeys, path: "proconf", code: "invalidSettings")
        return config.json
    }
}
