import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport

/// The Videsk VPaaS Rooms API (videsk.md).
package struct VideskProvider: Provider {
    package let id: ProviderID = .videsk
    let rateLimiter: VideskRateLimiter

    package init() { self.init(monotonicClock: SystemMonotonicClock()) }

    /// Tests inject a manual monotonic clock to step the rate-limit windows (videsk.md §12).
    package init(monotonicClock: any MonotonicClock) {
        rateLimiter = VideskRateLimiter(clock: monotonicClock)
    }

    static let routes: [Route<RouteHandler>] = {
        typealias O = VideskOperation
        typealias H = VideskHandlers
        return [
            Route(.GET, "/rooms", operation: O.list, handler: H.list),
            Route(.POST, "/rooms", operation: O.create, handler: H.create),
            Route(.DELETE, "/rooms", operation: O.delete, handler: H.delete),
            Route(.GET, "/rooms/{roomId}", operation: O.get, handler: H.get),
            Route(.PATCH, "/rooms/{roomId}", operation: O.patch, handler: H.patch),
            Route(.DELETE, "/rooms/{roomId}", operation: O.delete, handler: H.delete),
            Route(.POST, "/rooms/{roomId}/join", operation: O.join, handler: H.join),
            Route(.GET, "/rooms/{roomId}/stats", operation: O.stats, handler: H.stats),
        ]
    }()

    /// videsk.md §2: one trailing slash ignored; CORS answered by `preRoute` and `finish`.
    static let mount = ProviderMount(prefix: "/vpaas", owner: ProviderID.videsk.rawValue, cors: .nodeDefaults,
                                     ignoresTrailingSlash: true, routes: routes)

    static let router = Router(mounts: [mount])

    package var mounts: [ProviderMount] { [Self.mount] }

    package var catalogue: ErrorCatalogue { VideskCatalogue.catalogue }

    package var operations: [String] { VideskOperation.all }

    package var eventKinds: [String] { [VideskEvent.started, VideskEvent.expired] }

    package var migrations: [Migration] { VideskRoomStore.migrations }

    package var internalErrorKey: String { VideskErrorKey.internalError }

    package var controlRoutes: [Route<RouteHandler>] { VideskSimulation.routes }
}
