import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

extension RouteMatch {
    /// The mount that owns the path, nil when none does.
    package var mount: Mount<Handler>? {
        switch self {
        case .found(let mount, _, _), .methodNotAllowed(let mount, _), .notFound(let mount): mount
        case .noMount: nil
        }
    }

    package var route: Route<Handler>? {
        if case .found(_, let route, _) = self { return route }
        return nil
    }

    package var parameters: [String: String] {
        if case .found(_, _, let parameters) = self { return parameters }
        return [:]
    }

    /// The path's methods when the method did not match; empty otherwise.
    package var allowedMethods: [HTTPMethod] {
        if case .methodNotAllowed(_, let allowed) = self { return allowed }
        return []
    }
}
