import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import Foundation

/// What every handler derives from its request: parameters, token, zone, clock and the crash rule.
struct RequestScope: Sendable {
    let request: ProviderRequest
    let params: PHPParameters
    let bearer: BearerToken
    let settings: JitsiSettings
    let zone: ZoneRules?
    let namespace: String
    /// Unix seconds of the namespace clock, truncated (jitsi-admin.md §2.1).
    let nowSeconds: Int64

    init(_ request: ProviderRequest) {
        self.request = request
        params = PHPParameters(request: request.http, route: request.parameters)
        bearer = BearerToken(request.http)
        settings = JitsiSettings(request.context.configuration)
        zone = settings.zone
        namespace = request.context.namespace.name
        let milliseconds = request.context.nowMilliseconds
        nowSeconds = milliseconds >= 0 ? milliseconds / 1000 : -((-milliseconds + 999) / 1000)
        // jitsi-admin.md §10: A3 for every request with an apiKey header, B1 for every JSON body.
        if request.http.headers.contains("apiKey") { request.context.diagnose(JitsiDiagnostics.a3) }
        if params.jsonBody { request.context.diagnose(JitsiDiagnostics.b1) }
    }

    var token: String? { bearer.token }

    var context: ProviderContext { request.context }

    /// `{public}` plus `/ns/NAME` for every namespace but `default` (jitsi-admin.md §5.1, decision 4).
    var joinBase: String {
        let prefix = namespace == "default" ? "" : "/ns/" + FormDecoding.percentEncode(namespace)
        return context.publicURL + prefix
    }

    var crashRequested: Bool { context.behaviours.contains(JitsiKey.upstreamCrash500) }

    /// A crash step (jitsi-admin.md §5 "(crash)"): the handled error with B2, or the 500 page when the
    /// fault `upstreamCrash500` asked for the upstream behaviour.
    func crash(_ key: String, _ reason: String) -> ProviderError {
        if crashRequested { return ProviderError(JitsiKey.upstreamCrash500) }
        context.diagnose(JitsiDiagnostics.b2(reason))
        return ProviderError(key)
    }

    /// With `upstreamCrash500` active, a request that reached no crash step still answers the crash page,
    /// before any state change (decision: the key applies to every operation, §12).
    func crashIfRequested() throws {
        if crashRequested { throw ProviderError(JitsiKey.upstreamCrash500) }
    }

    /// An authentication failure: A1/A2 when the token is null, then `sentence`.
    func authFailure(_ key: String, _ sentence: String) -> ProviderError {
        if let null = bearer.nullDiagnostic { context.diagnose(null) }
        context.diagnose(sentence)
        if let foreign = foreignNamespaceDiagnostic() { context.diagnose(foreign) }
        return ProviderError(key)
    }

    /// jitsi-admin.md §10 A10: the namespace was chosen by header or prefix, and the token is no key of it
    /// but a key of another namespace (the oldest such, as in §3's selection).
    func foreignNamespaceDiagnostic() -> String? {
        let source: String
        switch context.selection {
        case .header: source = "X-Confemu-Namespace"
        case .prefix: source = "the /ns/ prefix"
        case .credential, .fallback: return nil
        }
        guard let token, !settings.apiKeys.contains(token) else { return nil }
        let owner = context.allNamespaces()
            .filter { $0.name != namespace }
            .sorted { $0.ordinal < $1.ordinal }
            .first { JitsiSettings($0.configuration(.jitsiAdmin)).apiKeys.contains(token) }
        guard let owner else { return nil }
        return JitsiDiagnostics.a10(fingerprint, owner.name, namespace, source)
    }

    var fingerprint: String { bearer.fingerprint }

    // MARK: Time

    func nowWall() -> NaiveTime {
        NaiveTime(seconds: zone?.wallClock(forInstant: nowSeconds) ?? nowSeconds)
    }

    func instant(_ wall: NaiveTime) -> Int64 { zone?.instant(forWallClock: wall.seconds) ?? wall.seconds }

    func abbreviation(_ wall: NaiveTime) -> String {
        zone?.period(at: instant(wall)).abbreviation ?? "UTC"
    }

    func php(_ wall: NaiveTime) -> String { wall.php(abbreviation: abbreviation(wall)) }

    /// start and end of a parsed `start` and `duration` (jitsi-admin.md §2.1, §2.2).
    func schedule(_ start: StartParser.Result, duration: Int) -> (start: NaiveTime, end: NaiveTime) {
        switch start {
        case .offsetDropped(let wall):
            return (wall, NaiveTime(seconds: wall.seconds + Int64(duration) * 60))
        case .wall(let wall):
            let startInstant = instant(wall)
            let stored = NaiveTime(seconds: zone?.wallClock(forInstant: startInstant) ?? wall.seconds)
            let endInstant = startInstant + Int64(duration) * 60
            return (stored, NaiveTime(seconds: zone?.wallClock(forInstant: endInstant) ?? endInstant))
        }
    }

    static func allDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
