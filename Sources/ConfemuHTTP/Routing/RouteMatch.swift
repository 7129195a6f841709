/// What the router found for a method and path (http.md 10.1, 10.2).
package enum RouteMatch<Handler: Sendable>: Sendable {
    /// A route, with the parameters of the mount prefix and the route pattern. For HEAD this may be
    /// the GET route (10.1).
    case found(mount: Mount<Handler>, route: Route<Handler>, parameters: [String: String])
    /// The path exists in the mount with other methods, listed in registration order (no HEAD or
    /// OPTIONS added: each dialect renders its own `Allow`).
    case methodNotAllowed(mount: Mount<Handler>, allowed: [HTTPMethod])
    /// The mount owns the prefix but has no such path: its own 404.
    case notFound(mount: Mount<Handler>)
    /// No mount claims the path: the generic 404 `no-route` of 11.7.
    case noMount
}
