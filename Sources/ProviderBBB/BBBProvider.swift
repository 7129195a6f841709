import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport

/// The BigBlueButton / Meetingz provider (bbb.md).
package struct BBBProvider: Provider {
    let index = BBBIndex()

    package init() {}

    package var id: ProviderID { .bbb }

    package var catalogue: ErrorCatalogue { BBBCatalogue.catalogue }

    package var operations: [String] { BBBOperation.all }

    package var eventKinds: [String] { BBBEvent.kinds }

    package var migrations: [Migration] { BBBStore.migrations }

    /// No BBB catalogue entry fits an internal failure; the engine answers its plain 500.
    package var internalErrorKey: String { "internalError" }

    package var mounts: [ProviderMount] {
        // bbb.md §1: the empty prefix claims every path no longer prefix of another mount claims, so
        // `/{key}/api/...` works while `/_confemu`, `/vpaas`, `/api/v1`, ... stay with their owners.
        [Mount(prefix: "", owner: ProviderID.bbb.rawValue, routes: routes)]
    }

    /// bbb.md §1: GET and POST; any other method is handled like GET (HEAD falls back to GET).
    static let methods: [HTTPMethod] = [.GET, .POST, .PUT, .PATCH, .DELETE, .OPTIONS]
    static let apiPrefixes = ["/bigbluebutton/api", "/{key}/api", "/{key}/bigbluebutton/api"]
    static let bodyLimit = 4_194_304

    var routes: [Route<RouteHandler>] {
        var routes: [Route<RouteHandler>] = []
        for method in Self.methods {
            for prefix in Self.apiPrefixes {
                for suffix in ["", "/"] {
                    routes.append(Self.route(method, prefix + suffix, operation: BBBOperation.index) { request in
                        await self.handleAPI(call: nil, request)
                    })
                }
                for call in BBBOperation.calls {
                    let limit = call == BBBOperation.create || call == BBBOperation.insertDocument ? Self.bodyLimit : nil
                    for suffix in ["", "/"] {
                        routes.append(Self.route(method, "\(prefix)/\(call)\(suffix)", operation: call, bodyLimit: limit) {
                            request in await self.handleAPI(call: call, request)
                        })
                    }
                }
                for suffix in ["", "/"] {
                    routes.append(Self.route(method, "\(prefix)/{call}\(suffix)", operation: BBBOperation.unsupported) {
                        request in await self.handleAPI(call: request.parameters["call"] ?? "", request)
                    })
                }
            }
            routes.append(Self.route(method, "/html5client/join", operation: BBBOperation.clientJoin) { request in
                await self.clientJoin(request)
            })
            routes.append(Self.route(method, "/html5client/guestWait", operation: BBBOperation.guestWait) { request in
                await self.guestWait(request)
            })
            routes.append(Self.route(method, "/html5client/leave", operation: BBBOperation.clientLeave) { request in
                await self.clientLeave(request)
            })
            routes.append(Self.route(method, "/playback/presentation/2.3/{recordID}", operation: BBBOperation.playback) {
                request in await self.playback(request)
            })
        }
        return routes
    }

    static func route(_ method: HTTPMethod, _ pattern: String, operation: String, bodyLimit: Int? = nil,
                      _ handler: @escaping RouteHandler) -> Route<RouteHandler> {
        Route(method, pattern, operation: operation, bodyLimit: bodyLimit, handler: handler)
    }

    // MARK: Namespaces

    package func makeConfiguration(_ input: ConfigurationInput) throws -> JSONValue {
        try BBBConfiguration.make(input).json
    }

    package func namespaceDocument(configuration: JSONValue, namespace: NamespaceInfo, publicURL: String) -> JSONValue {
        BBBConfiguration(configuration).document(publicURL: publicURL)
    }

    package func updateSettings(_ patch: JSONValue, configuration: JSONValue) throws -> JSONValue {
        var current = BBBConfiguration(configuration)
        try current.apply(patch, path: "bbb", strict: true)
        return current.json
    }
}
