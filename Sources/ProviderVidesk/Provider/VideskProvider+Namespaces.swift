import Foundation
import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

extension VideskProvider {
    package func makeConfiguration(_ input: ConfigurationInput) throws -> JSONValue {
        try VideskConfiguration.make(input).json
    }

    /// videsk.md §1.1: keys in order; `baseURL` with `/ns/NAME` for every namespace but `default`.
    package func namespaceDocument(configuration: JSONValue, namespace: NamespaceInfo, publicURL: String) -> JSONValue {
        let stored = VideskConfiguration(configuration)
        let base = namespace.name == "default" ? publicURL + "/vpaas"
            : publicURL + "/ns/" + FormDecoding.percentEncode(namespace.name) + "/vpaas"
        return .object([
            ("baseURL", .string(base)),
            ("apiToken", .string(stored.apiToken)),
            ("tokenSecret", .string(stored.tokenSecret)),
            ("rateLimitPerSecond", JSONValue(stored.rateLimitPerSecond)),
            ("extendedRoomFields", .bool(stored.extendedRoomFields)),
            ("extraApiTokens", .array(stored.extraApiTokens.map(\.json))),
        ])
    }

    /// videsk.md §1.2: API tokens are unique across namespaces, also after a settings change.
    package func checkUnique(_ configuration: JSONValue,
                             others: [(namespace: String, configuration: JSONValue)]) throws {
        let own = VideskConfiguration(configuration)
        for other in others {
            let taken = Set(VideskConfiguration(other.configuration).allTokens)
            for (index, extra) in own.extraApiTokens.enumerated() where taken.contains(extra.token) {
                throw NamespaceConfigurationError(
                    code: "invalidSettings",
                    "$.videsk.extraApiTokens[\(index)].token: already used by namespace \"\(other.namespace)\"")
            }
        }
    }

    package func updateSettings(_ patch: JSONValue, configuration: JSONValue) throws -> JSONValue {
        try VideskConfiguration(configuration).updated(with: patch).json
    }

    /// control-plane.md §2 rule 3: the namespace whose API token (main or extra) the bearer token is.
    package func identifyNamespace(_ request: HTTPRequest, match: ProviderRouteMatch?,
                                   among namespaces: [NamespaceInfo]) -> String? {
        guard let header = request.headers.first("Authorization"), let space = header.firstIndex(of: " "),
              header[..<space].lowercased() == "bearer" else { return nil }
        let token = header[header.index(after: space)...].trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { return nil }
        return namespaces.first { info in
            VideskConfiguration(info.configuration(.videsk)).allTokens.contains { constantTimeEquals($0, token) }
        }?.name
    }

    /// videsk.md §3 step 1: 401 `unauthorized`, not journaled, no rate-limit headers.
    package func unknownNamespace(_ request: HTTPRequest, name: String) -> UnknownNamespaceAnswer {
        var response = FeathersError(401, VideskAuthMessage.missing).response
        response.headers.add("Access-Control-Allow-Origin", "*")
        return UnknownNamespaceAnswer(response: response, journalInDefault: false,
                                      diagnostic: "namespace \"\(name)\" does not exist")
    }
}
