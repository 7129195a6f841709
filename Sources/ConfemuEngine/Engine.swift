import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// The heart of confemu: namespaces and their credentials, the per-request pipeline, faults, journal,
/// virtual clocks with their events, outbox and snapshots. Providers plug in through `Provider`; the
/// control plane drives the rest through the `Engine+*.swift` extensions.
package final class Engine: EngineServices, Sendable {
    package let configuration: EngineConfiguration
    package let store: Store
    package let providers: [any Provider]
    package let router: Router<RouteHandler>
    package let journal: Journal
    package let faults = FaultEngine()
    package let randomSource: NamespaceRandomSource
    package let metrics = EngineMetrics()
    package let logger: Logger
    package let wallClock: any WallClock
    package let startedAt: Date
    /// Namespaces by name (write-through cache of the `namespaces` table).
    let registry = Mutex<[String: NamespaceInfo]>([:])
    /// Earliest pending clock event per namespace (may be early, never late): a cheap check before
    /// every request (control-plane.md §6).
    let nextDue = Mutex<[String: Int64]>([:])
    let requestCounter = Atomic<UInt64>(0)
    /// Called after a transaction queued outbox messages (the deliverer wakes up).
    let outboxWake = Mutex<(@Sendable () -> Void)?>(nil)
    let outboxChanges = ChangeSignal()

    /// Every migration: the engine's, then each provider's in array order.
    package static func migrations(for providers: [any Provider]) -> [Migration] {
        EngineSchema.migrations + providers.flatMap(\.migrations)
    }

    /// Opens the engine over an already migrated store, loads namespaces and faults, and creates
    /// `default` from the start fixtures when the database has none.
    package static func open(configuration: EngineConfiguration, store: Store, providers: [any Provider],
                             logger: Logger, wallClock: any WallClock = SystemWallClock()) async throws -> Engine {
        let engine = Engine(configuration: configuration, store: store, providers: providers, logger: logger,
                            wallClock: wallClock)
        try await engine.loadState()
        if engine.namespace("default") == nil {
            _ = try await engine.createNamespace(name: "default", seed: configuration.seed,
                                                 fixtures: configuration.startFixtures)
        }
        return engine
    }

    init(configuration: EngineConfiguration, store: Store, providers: [any Provider], logger: Logger,
         wallClock: any WallClock) {
        self.configuration = configuration
        self.store = store
        self.providers = providers
        self.logger = logger
        self.wallClock = wallClock
        self.startedAt = wallClock.now()
        self.journal = Journal(maximumPerNamespace: configuration.journalMax)
        self.randomSource = NamespaceRandomSource(globalSeed: configuration.seed)
        self.router = Engine.makeRouter(providers)
    }

    /// The router over every provider mount (also used for the parser's body-limit lookup).
    package static func makeRouter(_ providers: [any Provider]) -> Router<RouteHandler> {
        Router(mounts: providers.flatMap(\.mounts))
    }

    package func provider(_ id: ProviderID) -> (any Provider)? {
        providers.first { $0.id == id }
    }

    package func setOutboxWake(_ wake: @escaping @Sendable () -> Void) {
        outboxWake.withLock { $0 = wake }
    }

    // MARK: EngineServices

    package func write<T: Sendable>(namespace: String, provider: ProviderID, nowMilliseconds: Int64,
                                    _ body: @escaping @Sendable (TransactionContext) throws -> T) async throws -> T {
        let random = randomSource
        let (value, queued, earliest) = try await store.write { db in
            let transaction = TransactionContext(db: db, namespace: namespace, provider: provider,
                                                 nowMilliseconds: nowMilliseconds, randomSource: random)
            let value = try body(transaction)
            let earliest = try Engine.earliestDue(namespace: namespace, db: db)
            return (value, transaction.queuedOutbox, earliest)
        }
        noteEarliestDue(namespace: namespace, earliest)
        if queued {
            outboxChanged()
            outboxWake.withLock { $0 }?()
        }
        return value
    }

    package func read<T: Sendable>(namespace: String, provider: ProviderID, nowMilliseconds: Int64,
                                   _ body: @escaping @Sendable (TransactionContext) throws -> T) async throws -> T {
        let random = randomSource
        return try await store.read { db in
            try body(TransactionContext(db: db, namespace: namespace, provider: provider,
                                        nowMilliseconds: nowMilliseconds, randomSource: random))
        }
    }

    static func earliestDue(namespace: String, db: Database) throws -> Int64? {
        try db.query("SELECT MIN(due_ms) AS due FROM clock_events WHERE namespace = ?", [.text(namespace)])
            .first?.optionalInt64("due")
    }

    func noteEarliestDue(namespace: String, _ earliest: Int64?) {
        nextDue.withLock { all in
            if let earliest { all[namespace] = earliest } else { all[namespace] = nil }
        }
    }

    func makeRequestID() -> String {
        let value = requestCounter.wrappingAdd(1, ordering: .relaxed).newValue
        let start = UInt64(max(0, startedAt.timeIntervalSince1970))
        return "req-" + String(start, radix: 36) + "-" + String(value, radix: 36)
    }
}
