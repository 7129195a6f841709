import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

extension Engine {
    /// Every namespace in creation order (`default` first).
    package func namespaces() -> [NamespaceInfo] {
        registry.withLock { Array($0.values) }.sorted { $0.ordinal < $1.ordinal }
    }

    package func namespace(_ name: String) -> NamespaceInfo? {
        registry.withLock { $0[name] }
    }

    package func nowMilliseconds(namespace info: NamespaceInfo) -> Int64 {
        info.clock.nowMilliseconds(real: wallClock.now())
    }

    /// Names allowed in `/ns/NAME/...` paths.
    package static func isValidNamespaceName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 64, name.first != ".", name.first != "-" else { return false }
        return name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
    }

    static let fixtureTopLevelKeys: Set<String> = ["description", "$schema"]

    /// Checks the top level of a fixtures document; providers check their own sections.
    static func validateFixturesShape(_ fixtures: JSONValue) throws {
        guard case .object(let members) = fixtures else {
            throw EngineError(400, "invalidFixtures", "fixtures: must be a JSON object")
        }
        let providerKeys = Set(ProviderID.allCases.map(\.rawValue))
        for (key, value) in members {
            if providerKeys.contains(key) {
                guard case .object = value else {
                    throw EngineError(400, "invalidFixtures", "\(key): must be a JSON object")
                }
            } else if !fixtureTopLevelKeys.contains(key) {
                throw EngineError(400, "invalidFixtures", "\(key): unknown fixtures key")
            }
        }
    }

    /// `POST /_confemu/namespaces` and the start-up creation of `default`.
    package func createNamespace(name requested: String?, seed: UInt64?, fixtures: JSONValue?) async throws
        -> NamespaceInfo {
        let fixtures = fixtures ?? .object([])
        try Self.validateFixturesShape(fixtures)
        let name: String
        if let requested {
            guard Self.isValidNamespaceName(requested) else {
                throw EngineError(400, "invalidName",
                                  "namespace name must be 1-64 characters from A-Z a-z 0-9 . _ - and not start with . or -")
            }
            name = requested
        } else {
            name = randomSource.draw(namespace: "#names") { "ns-" + RandomID.lowerAlphanumeric(8, using: &$0) }
        }
        let existing = namespaces()
        if existing.contains(where: { $0.name == name }) {
            throw EngineError(409, "conflict", "namespace '\(name)' already exists")
        }
        randomSource.reset(namespace: name, seed: seed)
        // Credentials derive from the seed AND the name: two namespaces created with the same seed must
        // still get distinct credentials (control-plane.md §2: every namespace's credentials are unique).
        var credentialRNG = randomSource.draw(namespace: name) { $0.fork(label: "credentials:" + name) }
        var configurations: [ProviderID: JSONValue] = [:]
        for provider in providers {
            let input = ConfigurationInput(
                section: fixtures[provider.id.rawValue],
                startSection: configuration.startFixtures[provider.id.rawValue],
                namespace: name, isDefault: name == "default",
                others: existing.map { ($0.name, $0.configuration(provider.id)) },
                rng: credentialRNG.fork(label: provider.id.rawValue))
            do {
                configurations[provider.id] = try provider.makeConfiguration(input)
            } catch let error as NamespaceConfigurationError {
                randomSource.remove(namespace: name)
                throw EngineError(error.status, error.code, error.message)
            }
        }
        let ordinal = (existing.map(\.ordinal).max() ?? -1) + 1
        let info = NamespaceInfo(name: name, ordinal: name == "default" ? 0 : max(1, ordinal),
                                 createdAt: wallClock.now(), seed: seed, configurations: configurations,
                                 fixtures: fixtures, clock: NamespaceClock())
        do {
            try await persistNew(info)
        } catch {
            randomSource.remove(namespace: name)
            throw error
        }
        registry.withLock { $0[name] = info }
        return info
    }

    private func persistNew(_ info: NamespaceInfo) async throws {
        let providers = self.providers
        let nowMilliseconds = nowMilliseconds(namespace: info)
        let random = randomSource
        let earliest: Int64? = try await store.write { db in
            try db.execute(
                """
                INSERT INTO namespaces (name, ordinal, created_ms, seed, fixtures, configurations)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [.text(info.name), .integer(info.ordinal), .integer(NamespaceClock.milliseconds(info.createdAt)),
                 info.seed.map { .text(String($0)) } ?? .null, .text(info.fixtures.jsonString()),
                 .text(Engine.encodeConfigurations(info.configurations).jsonString())])
            try Engine.applyFixtures(info, providers: providers, nowMilliseconds: nowMilliseconds, random: random,
                                     db: db)
            return try Engine.earliestDue(namespace: info.name, db: db)
        }
        noteEarliestDue(namespace: info.name, earliest)
    }

    static func applyFixtures(_ info: NamespaceInfo, providers: [any Provider], nowMilliseconds: Int64,
                              random: NamespaceRandomSource, db: Database) throws {
        for provider in providers {
            let transaction = TransactionContext(db: db, namespace: info.name, provider: provider.id,
                                                 nowMilliseconds: nowMilliseconds, randomSource: random)
            do {
                try provider.applyFixtures(info.fixtures[provider.id.rawValue],
                                           configuration: info.configuration(provider.id), in: transaction)
            } catch let error as NamespaceConfigurationError {
                throw EngineError(error.status, error.code, error.message)
            }
        }
    }

    static func encodeConfigurations(_ configurations: [ProviderID: JSONValue]) -> JSONValue {
        .object(ProviderID.allCases.compactMap { id in configurations[id].map { (id.rawValue, $0) } })
    }

    static func deleteEverything(of name: String, providers: [any Provider], random: NamespaceRandomSource,
                                 db: Database, keepSnapshots: Bool) throws {
        for provider in providers {
            try provider.deleteState(in: TransactionContext(db: db, namespace: name, provider: provider.id,
                                                            nowMilliseconds: 0, randomSource: random))
        }
        for table in ["clock_events", "faults", "outbox"] {
            try db.execute("DELETE FROM \(table) WHERE namespace = ?", [.text(name)])
        }
        if !keepSnapshots { try db.execute("DELETE FROM snapshots WHERE namespace = ?", [.text(name)]) }
    }

    /// `DELETE /_confemu/namespaces/NAME`.
    package func deleteNamespace(_ name: String) async throws {
        guard name != "default" else { throw EngineError(409, "conflict", "the namespace 'default' cannot be deleted") }
        guard namespace(name) != nil else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        let providers = self.providers
        let random = randomSource
        try await store.write { db in
            try Engine.deleteEverything(of: name, providers: providers, random: random, db: db, keepSnapshots: false)
            try db.execute("DELETE FROM namespaces WHERE name = ?", [.text(name)])
        }
        registry.withLock { $0[name] = nil }
        nextDue.withLock { $0[name] = nil }
        faults.removeAll(namespace: name)
        journal.removeNamespace(name)
        randomSource.remove(namespace: name)
    }

    /// `POST /_confemu/namespaces/NAME/reset`: state, journal, outbox, faults and clock cleared, fixtures
    /// re-applied, credentials kept.
    package func resetNamespace(_ name: String) async throws {
        guard var info = namespace(name) else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        info.clock = NamespaceClock()
        randomSource.reset(namespace: name, seed: info.seed)
        let providers = self.providers
        let random = randomSource
        let nowMilliseconds = nowMilliseconds(namespace: info)
        let snapshot = info
        let earliest: Int64? = try await store.write { db in
            try Engine.deleteEverything(of: name, providers: providers, random: random, db: db, keepSnapshots: true)
            try db.execute("UPDATE namespaces SET clock_offset_ms = 0, clock_frozen_ms = NULL WHERE name = ?",
                           [.text(name)])
            try Engine.applyFixtures(snapshot, providers: providers, nowMilliseconds: nowMilliseconds, random: random,
                                     db: db)
            return try Engine.earliestDue(namespace: name, db: db)
        }
        registry.withLock { $0[name] = info }
        noteEarliestDue(namespace: name, earliest)
        faults.removeAll(namespace: name)
        journal.clear(namespace: name)
    }

    /// `POST /_confemu/reset`: runtime namespaces dropped, `default` reset.
    package func resetAll() async throws {
        for info in namespaces() where info.name != "default" {
            try await deleteNamespace(info.name)
        }
        try await resetNamespace("default")
    }

    /// `PATCH /_confemu/namespaces/NAME/PROVIDER`.
    package func updateSettings(namespace name: String, provider id: ProviderID, patch: JSONValue) async throws
        -> NamespaceInfo {
        guard var info = namespace(name) else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        guard let provider = provider(id) else { throw EngineError.notFound("unknown provider '\(id.rawValue)'") }
        do {
            let updated = try provider.updateSettings(patch, configuration: info.configuration(id))
            try provider.checkUnique(updated, others: namespaces().filter { $0.name != name }
                .map { ($0.name, $0.configuration(id)) })
            info.configurations[id] = updated
        } catch let error as NamespaceConfigurationError {
            throw EngineError(error.status, error.code == "invalidFixtures" ? "invalidSettings" : error.code,
                              error.message)
        }
        let encoded = Engine.encodeConfigurations(info.configurations).jsonString()
        try await store.write { db in
            try db.execute("UPDATE namespaces SET configurations = ? WHERE name = ?", [.text(encoded), .text(name)])
        }
        let updated = info
        registry.withLock { $0[name] = updated }
        return updated
    }

    package func namespaceDirectory() -> [NamespaceInfo] { namespaces() }

    /// Stores a provider's new configuration for a namespace (write-through).
    package func updateConfiguration(namespace name: String, provider id: ProviderID, _ value: JSONValue) async throws {
        guard var info = namespace(name) else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        info.configurations[id] = value
        let encoded = Engine.encodeConfigurations(info.configurations).jsonString()
        try await store.write { db in
            try db.execute("UPDATE namespaces SET configurations = ? WHERE name = ?", [.text(encoded), .text(name)])
        }
        let updated = info
        registry.withLock { $0[name] = updated }
    }

    /// The namespace document (control-plane.md §2).
    package func document(_ info: NamespaceInfo) -> JSONValue {
        let real = wallClock.now()
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string(info.name)),
            ("createdAt", .string(Timestamp.rfc3339Milliseconds(info.createdAt))),
            ("seed", info.seed.map { JSONValue.integer($0) } ?? .null),
            ("clock", clockDocument(info.clock, real: real)),
        ]
        for provider in providers {
            members.append((provider.id.rawValue,
                            provider.namespaceDocument(configuration: info.configuration(provider.id), namespace: info,
                                                       publicURL: configuration.publicURL)))
        }
        return .object(members)
    }

    package func clockDocument(_ clock: NamespaceClock, real: Date) -> JSONValue {
        .object([
            ("now", .string(Timestamp.rfc3339Milliseconds(clock.now(real: real)))),
            ("frozen", .bool(clock.isFrozen)),
            ("offsetSeconds", .integer(clock.offsetSeconds(real: real))),
        ])
    }

    func loadState() async throws {
        let rows = try await store.read { db in
            try db.query("SELECT * FROM namespaces ORDER BY ordinal", [])
                .map { row -> (String, Int64, Int64, String?, String, String, Int64, Int64?) in
                    (try row.string("name"), try row.int64("ordinal"), try row.int64("created_ms"),
                     try row.optionalString("seed"), try row.string("fixtures"), try row.string("configurations"),
                     try row.int64("clock_offset_ms"), try row.optionalInt64("clock_frozen_ms"))
                }
        }
        var loaded: [String: NamespaceInfo] = [:]
        for (name, ordinal, created, seedText, fixturesText, configurationsText, offset, frozen) in rows {
            let fixtures = (try? JSONValue(parsing: fixturesText)) ?? .object([])
            let configurationsValue = (try? JSONValue(parsing: configurationsText)) ?? .object([])
            var configurations: [ProviderID: JSONValue] = [:]
            for id in ProviderID.allCases {
                if let value = configurationsValue[id.rawValue] { configurations[id] = value }
            }
            let seed = seedText.flatMap { UInt64($0) }
            loaded[name] = NamespaceInfo(name: name, ordinal: ordinal, createdAt: NamespaceClock.date(created),
                                         seed: seed, configurations: configurations, fixtures: fixtures,
                                         clock: NamespaceClock(offsetMilliseconds: offset, frozenAtMilliseconds: frozen))
            randomSource.reset(namespace: name, seed: seed)
        }
        registry.withLock { $0 = loaded }
        try await loadFaults()
        for name in loaded.keys {
            let earliest = try await store.read { db in try Engine.earliestDue(namespace: name, db: db) }
            noteEarliestDue(namespace: name, earliest)
        }
    }
}
