/// A path prefix owned by one party (a provider, the control plane) with its routes (architecture.md
/// §5). The mount that owns a path answers its 404 and 405 in its own dialect (http.md 10.2).
package struct Mount<Handler: Sendable>: Sendable {
    /// Segments the path must start with; usually literal (`/vpaas`), parameters allowed
    /// (`/{key}/api` binds `key` for every route of the mount).
    package var prefix: PathPattern
    /// One trailing empty segment is dropped before route matching (videsk.md; http.md 3.7).
    package var ignoresTrailingSlash: Bool
    package var cors: CORSPolicy
    /// The limit for every route of the mount that sets none (http.md §0: 16 MiB for `/_confemu`).
    package var bodyLimit: Int?
    /// Who owns the mount (a provider id, `control-plane`): opaque to the router.
    package var owner: String
    package var routes: [Route<Handler>]

    package init(prefix: String, owner: String, cors: CORSPolicy = .none, ignoresTrailingSlash: Bool = false,
                 bodyLimit: Int? = nil, routes: [Route<Handler>]) {
        self.prefix = PathPattern(prefix)
        self.owner = owner
        self.cors = cors
        self.ignoresTrailingSlash = ignoresTrailingSlash
        self.bodyLimit = bodyLimit
        self.routes = routes
    }
}
