import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// The parser's body-limit lookup (http.md §0, 5.6): 16 MiB under `/_confemu`, the provider route's
/// own limit (BBB `create`/`insertDocument`: 4 MiB) behind an optional `/ns/NAME` prefix, else the default.
struct BodyLimits: Sendable {
    let providerRouter: Router<RouteHandler>

    func limit(method: HTTPMethod, rawPath: String) -> Int? {
        if rawPath == "/_confemu" || rawPath.hasPrefix("/_confemu/") { return 16_777_216 }
        var segments = PathPattern.decodedSegments(ofRawPath: rawPath)
        if segments.count >= 2, segments[0] == "ns" { segments.removeFirst(2) }
        guard case .found(let mount, let route, _) = providerRouter.match(method: method, segments: segments) else {
            return nil
        }
        return route.bodyLimit ?? mount.bodyLimit
    }
}
