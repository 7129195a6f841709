/// The CORS behaviour of a provider mount (http.md 10.4; the provider specs give the exact fields and
/// win). The control plane's guards and CORS (10.3) are the control plane's own.
package enum CORSPolicy: Sendable, Equatable {
    /// No CORS fields at all (BBB, ProCONF's admin API).
    case none
    /// The Node `cors` middleware with its defaults (Videsk, videsk.md §2, §4.1): every `OPTIONS` is a
    /// preflight answered 204; every other response carries `Access-Control-Allow-Origin: *`.
    case nodeDefaults
    /// LoopBack's configuration of `cors` (ProCONF's session service, proconf.md §3.7): as
    /// `nodeDefaults` plus `Access-Control-Allow-Credentials: true` and `Access-Control-Max-Age: 86400`;
    /// other responses carry the fields only when the request has `Origin`.
    case loopback
    /// Jitsi-Admin (jitsi-admin.md §1.2): no preflight handling (OPTIONS gets the router's 405), and
    /// `Access-Control-Allow-Origin: *` only on the 200 responses of the named operation (`info`).
    case jitsiInfoOnly(operation: String)

    /// http.md 10.4: the methods the Node `cors` default announces.
    static let preflightMethods = "GET,HEAD,PUT,PATCH,POST,DELETE"

    /// Whether the mount answers every `OPTIONS` itself, before authentication and routing.
    package var answersPreflight: Bool {
        switch self {
        case .nodeDefaults, .loopback: true
        case .none, .jitsiInfoOnly: false
        }
    }

    /// The 204 answer to an `OPTIONS` request on a path of this mount, or nil when the policy does not
    /// handle preflights. Field order follows the Node `cors` middleware: origin, credentials, methods,
    /// `Vary` and the echoed request headers, max-age.
    package func preflightResponse(for request: HTTPRequest) -> HTTPResponse? {
        guard request.method == .OPTIONS else { return nil }
        var headers = HTTPHeaders()
        let requestedHeaders = request.headers.combined("Access-Control-Request-Headers")
        switch self {
        case .none, .jitsiInfoOnly:
            return nil
        case .nodeDefaults:
            // videsk.md §4.1.
            headers.add("Access-Control-Allow-Origin", "*")
            headers.add("Access-Control-Allow-Methods", Self.preflightMethods)
            headers.add("Vary", "Access-Control-Request-Headers")
            if let requestedHeaders { headers.add("Access-Control-Allow-Headers", requestedHeaders) }
        case .loopback:
            // proconf.md §3.7 lists no `Vary`.
            headers.add("Access-Control-Allow-Origin", "*")
            headers.add("Access-Control-Allow-Credentials", "true")
            headers.add("Access-Control-Allow-Methods", Self.preflightMethods)
            if let requestedHeaders { headers.add("Access-Control-Allow-Headers", requestedHeaders) }
            headers.add("Access-Control-Max-Age", "86400")
        }
        return HTTPResponse(status: 204, headers: headers)
    }

    /// The fields to add to a non-preflight response of this mount.
    /// - Parameters:
    ///   - operation: the matched route's operation name, nil when no route matched.
    ///   - status: the response status.
    package func responseFields(for request: HTTPRequest, operation: String?, status: Int)
        -> [(name: String, value: String)] {
        switch self {
        case .none:
            return []
        case .nodeDefaults:
            return [("Access-Control-Allow-Origin", "*")]
        case .loopback:
            guard request.headers.contains("Origin") else { return [] }
            return [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Credentials", "true")]
        case .jitsiInfoOnly(let infoOperation):
            guard operation == infoOperation, status == 200 else { return [] }
            return [("Access-Control-Allow-Origin", "*")]
        }
    }
}
