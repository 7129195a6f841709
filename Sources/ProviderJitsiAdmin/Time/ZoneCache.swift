import Synchronization

/// Loaded zones by name, so a request never re-reads a TZif file (jitsi-admin.md §2.1).
enum ZoneCache {
    private static let loaded = Mutex<[String: ZoneRules]>([:])

    static func rules(_ identifier: String) -> ZoneRules? {
        if let cached = loaded.withLock({ $0[identifier] }) { return cached }
        guard let rules = ZoneRules(identifier: identifier) else { return nil }
        loaded.withLock { $0[identifier] = rules }
        return rules
    }
}
