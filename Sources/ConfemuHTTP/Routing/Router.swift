/// Matches a method and decoded path segments against mounts and their routes, independent of what
/// the handlers are (architecture.md §5, Hummingbird's route groups).
///
/// Mounts are tried longest prefix first (then more literal segments, then registration order); the
/// first whose prefix matches owns the path. Inside it, among the routes whose pattern matches, the
/// most specific one with the method wins; HEAD falls back to GET unless HEAD is registered for the
/// path (http.md 10.1).
package struct Router<Handler: Sendable>: Sendable {
    package let mounts: [Mount<Handler>]

    package init(mounts: [Mount<Handler>]) {
        self.mounts = mounts.enumerated().sorted { lhs, rhs in
            let (left, right) = (lhs.element.prefix, rhs.element.prefix)
            if left.segments.count != right.segments.count { return left.segments.count > right.segments.count }
            if left.literalCount != right.literalCount { return left.literalCount > right.literalCount }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    package func match(method: HTTPMethod, segments: [String]) -> RouteMatch<Handler> {
        for mount in mounts {
            var prefixParameters: [String: String] = [:]
            guard mount.prefix.matchesPrefix(segments[...], parameters: &prefixParameters) else { continue }
            var rest = segments.dropFirst(mount.prefix.segments.count)
            if mount.ignoresTrailingSlash, rest.last == "" { rest = rest.dropLast() }
            return match(method: method, rest: rest, in: mount, parameters: prefixParameters)
        }
        return .noMount
    }

    /// The body limit for a request head (http.md 5.6): the matched route's limit, else its mount's;
    /// nil (the default limit) for unmatched paths and methods.
    package func bodyLimit(method: HTTPMethod, rawPath: String) -> Int? {
        guard case .found(let mount, let route, _) = match(
            method: method, segments: PathPattern.decodedSegments(ofRawPath: rawPath)) else { return nil }
        return route.bodyLimit ?? mount.bodyLimit
    }

    private func match(method: HTTPMethod, rest: ArraySlice<String>, in mount: Mount<Handler>,
                       parameters prefixParameters: [String: String]) -> RouteMatch<Handler> {
        var best: (route: Route<Handler>, parameters: [String: String])?
        var getFallback: (route: Route<Handler>, parameters: [String: String])?
        var allowed: [HTTPMethod] = []
        for route in mount.routes {
            var parameters = prefixParameters
            guard route.pattern.matches(rest, parameters: &parameters) else { continue }
            if !allowed.contains(route.method) { allowed.append(route.method) }
            if route.method == method {
                if best == nil || route.pattern.isMoreSpecific(than: best?.route.pattern ?? route.pattern) {
                    best = (route, parameters)
                }
            } else if method == .HEAD, route.method == .GET {
                if getFallback == nil
                    || route.pattern.isMoreSpecific(than: getFallback?.route.pattern ?? route.pattern) {
                    getFallback = (route, parameters)
                }
            }
        }
        // http.md 10.1: HEAD runs the GET route unless the mount registers HEAD itself.
        if let found = best ?? getFallback {
            return .found(mount: mount, route: found.route, parameters: found.parameters)
        }
        if allowed.isEmpty { return .notFound(mount: mount) }
        return .methodNotAllowed(mount: mount, allowed: allowed)
    }
}
