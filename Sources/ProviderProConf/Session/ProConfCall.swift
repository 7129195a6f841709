import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

/// What a session-surface operation receives after body parsing and authentication (proconf.md §3.1).
struct ProConfCall: Sendable {
    var request: ProviderRequest
    var body: ProConfBody?
    /// The JWT payload ("current user"), nil for the webhook.
    var user: JSONValue?
    var config: ProConfConfiguration

    var context: ProviderContext { request.context }
    var now: Int64 { request.context.nowMilliseconds }
    var userID: String? { ProConfAuth.userID(user) }
    var behaviours: Set<String> { request.context.behaviours }

    func parameter(_ name: String) -> String { request.parameters[name] ?? "" }

    /// The body as a JSON object (validated before), `{}` otherwise.
    var object: JSONValue {
        if case .json(let value) = body, value.isObject { return value }
        return .object([])
    }
}
