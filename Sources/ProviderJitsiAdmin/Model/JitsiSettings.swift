import ConfemuFormats

/// The stored configuration of a namespace: the effective fixtures section with every generated key
/// filled in (jitsi-admin.md §4.2), so resets re-apply the same keys.
struct JitsiSettings: Sendable {
    var timeZone: String
    var defaultServerID: Int64?
    var section: JSONValue

    init(_ configuration: JSONValue) {
        timeZone = configuration["timeZone"]?.stringValue ?? "Europe/Berlin"
        defaultServerID = configuration["defaultServerId"]?.int64Value
        section = configuration
    }

    /// Every server key of the namespace (clones share their prototype's key).
    var apiKeys: [String] {
        (section["servers"]?.arrayValue ?? []).compactMap { $0["apiKey"]?.stringValue }
    }

    var zone: ZoneRules? { ZoneCache.rules(timeZone) }
}
