import ConfemuControlPlane
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// One running confemu: the store, the engine with its providers, the control plane and the HTTP
/// server, wired together (architecture.md §2 "ConfemuApp: composition root").
package final class ConfemuApplication: Sendable {
    package let configuration: ServeConfiguration
    package let logger: Logger
    package let store: Store
    package let server: HTTPServer
    package let port: Int
    package let baseURL: String
    private let state: ApplicationState
    private let ticker: SendableDispatchSource<any DispatchSourceTimer>

    /// Opens the database (running migrations), binds the port, opens the engine and starts serving.
    /// Every failure is a one-line `ConfemuError` (exit 2 in the CLI, control-plane.md §1).
    package static func start(_ configuration: ServeConfiguration, logger: Logger,
                              httpConfiguration: HTTPServer.Configuration? = nil,
                              wallClock: any WallClock = SystemWallClock()) async throws -> ConfemuApplication {
        let fixtures = try loadFixtures(at: configuration.fixturesPath)
        let providers = ProviderCatalog.all
        let store: Store
        do {
            store = try await Store.open(path: configuration.databasePath,
                                         migrations: Engine.migrations(for: providers), logger: logger)
        } catch {
            throw ConfemuError("cannot open database \(configuration.databasePath): \(error)")
        }
        let holder = ApplicationState()
        let limits = BodyLimits(providerRouter: Engine.makeRouter(providers))
        var http = httpConfiguration ?? HTTPServer.Configuration()
        http.host = configuration.host
        http.port = configuration.port
        let server = HTTPServer(configuration: http, logger: logger,
                                responder: { request in await holder.respond(request) },
                                bodyLimit: { method, rawPath in limits.limit(method: method, rawPath: rawPath) })
        let port: Int
        do {
            port = try server.start()
        } catch {
            try? await store.close()
            throw ConfemuError("cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
        let publicURL = configuration.effectivePublicURL(boundPort: port)
        let engineConfiguration = EngineConfiguration(publicURL: publicURL, journalMax: configuration.journalMax,
                                                      strictFidelity: configuration.strictFidelity,
                                                      seed: configuration.seed, startFixtures: fixtures)
        let engine: Engine
        do {
            engine = try await Engine.open(configuration: engineConfiguration, store: store, providers: providers,
                                           logger: logger, wallClock: wallClock)
        } catch {
            server.shutdown()
            await server.waitUntilStopped()
            try? await store.close()
            throw ConfemuError("cannot load fixtures \(configuration.fixturesPath): \(error)")
        }
        let outbox = OutboxDeliverer(engine: engine, logger: logger)
        engine.setOutboxWake { outbox.wake() }
        let controlPlane = ControlPlane(engine: engine, server: server,
                                        settings: ControlPlane.Settings(adminToken: configuration.adminToken,
                                                                        boundHost: configuration.host,
                                                                        publicURL: publicURL,
                                                                        configuration: configuration.redactedSummary))
        holder.running.withLock {
            $0 = ApplicationState.Running(engine: engine, controlPlane: controlPlane, outbox: outbox)
        }
        outbox.start()
        let ticker = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "confemu.clock-ticker"))
        ticker.schedule(deadline: .now() + 1, repeating: 1)
        ticker.setEventHandler {
            Task {
                await engine.tick()
                outbox.wake()
            }
        }
        ticker.resume()
        if let portFile = configuration.portFile {
            do {
                try "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
            } catch {
                logger.warning("cannot write port file \(portFile): \(error)")
            }
        }
        let shownHost = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return ConfemuApplication(configuration: configuration, logger: logger, store: store, server: server,
                                  port: port, baseURL: "http://\(shownHost):\(port)", state: holder,
                                  ticker: SendableDispatchSource(source: ticker))
    }

    private init(configuration: ServeConfiguration, logger: Logger, store: Store, server: HTTPServer, port: Int,
                 baseURL: String, state: ApplicationState, ticker: SendableDispatchSource<any DispatchSourceTimer>) {
        self.configuration = configuration
        self.logger = logger
        self.store = store
        self.server = server
        self.port = port
        self.baseURL = baseURL
        self.state = state
        self.ticker = ticker
    }

    package var engine: Engine? { state.running.withLock { $0?.engine } }

    /// Graceful stop (http.md §13): the server drains, then the outbox and ticker stop, then SQLite is
    /// checkpointed and closed.
    package func stop() async {
        server.shutdown()
        await server.waitUntilStopped()
        let outbox = state.running.withLock { $0?.outbox }
        outbox?.stop()
        ticker.source.cancel()
        try? await store.close()
    }

    /// Cuts the graceful wait short (a second signal).
    package func forceStop() {
        server.shutdown()
    }

    static func loadFixtures(at path: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfemuError("cannot read fixtures file \(path)")
        }
        do {
            return try JSONValue(parsing: Array(data))
        } catch {
            throw ConfemuError("fixtures file \(path) is not valid JSON: \(error)")
        }
    }
}

/// Routes each request to the control plane or the engine; 503 until the engine is open.
final class ApplicationState: Sendable {
    struct Running: Sendable {
        var engine: Engine
        var controlPlane: ControlPlane
        var outbox: OutboxDeliverer
    }

    let running = Mutex<Running?>(nil)

    func respond(_ request: HTTPRequest) async -> HTTPResponse {
        guard let current = running.withLock({ $0 }) else {
            var busy = HTTPResponse.protocolError(status: 503, slug: "server-busy", close: false)
            busy.headers.set("Retry-After", "1")
            return busy
        }
        if let response = await current.controlPlane.handle(request) { return response }
        if let response = await current.engine.handle(request) { return response }
        // http.md 5.6: a path no mount claims answers the generic 413 before its 404.
        if request.bodyTooLarge { return HTTPResponse.protocolError(status: 413, slug: "body-too-large") }
        return HTTPResponse.protocolError(status: 404, slug: "no-route", close: false)
    }
}
