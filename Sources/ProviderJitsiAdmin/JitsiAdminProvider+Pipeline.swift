import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport

extension JitsiAdminProvider {
    /// control-plane.md §2 rule 3, jitsi-admin.md §3: a token equal to any server key of a namespace
    /// selects it, for every operation; the oldest namespace wins.
    package func identifyNamespace(_ request: HTTPRequest, match: ProviderRouteMatch?,
                                   among namespaces: [NamespaceInfo]) -> String? {
        guard let token = BearerToken(request).token else { return nil }
        let ordered = namespaces.sorted { $0.ordinal < $1.ordinal }
        return ordered.first { JitsiSettings($0.configuration(.jitsiAdmin)).apiKeys.contains(token) }?.name
    }

    /// jitsi-admin.md §3: the operation's `unauthorized` error with diagnostic A9.
    package func unknownNamespace(_ request: HTTPRequest, name: String) -> UnknownNamespaceAnswer {
        let (stripped, _) = Self.stripPrefix(request)
        let operation = JitsiRouteTable.operation(stripped.method, stripped.pathSegments) ?? JitsiOperation.unmatched
        var response = JitsiCatalogue.response(JitsiKey.unauthorized, operation: operation, request: stripped)
        finish(&response, request: stripped, operation: operation)
        let source = request.headers.contains("X-Confemu-Namespace") ? "X-Confemu-Namespace" : "the /ns/ prefix"
        return UnknownNamespaceAnswer(response: response, journalInDefault: true,
                                      diagnostic: JitsiDiagnostics.a9(name, source))
    }

    private static func stripPrefix(_ request: HTTPRequest) -> (HTTPRequest, Bool) {
        guard request.pathSegments.count >= 2, request.pathSegments[0] == "ns" else { return (request, false) }
        var stripped = request
        stripped.pathSegments = Array(request.pathSegments.dropFirst(2))
        return (stripped, true)
    }

    /// jitsi-admin.md §1, §2.5: the 404 and 405 pages, journal operation `unmatched`.
    package func routingFailure(_ request: HTTPRequest, failure: RoutingFailure,
                                context: ProviderContext) -> PreRouteAnswer {
        let response: HTTPResponse
        switch failure {
        case .notFound:
            response = JitsiResponses.errorPage(.notFound, request: request)
        case .methodNotAllowed(let allowed):
            let allow = allowed.isEmpty ? JitsiRouteTable.allow(request.pathSegments)
                : allowed.map(\.rawValue).joined(separator: ", ")
            response = JitsiResponses.errorPage(.methodNotAllowed, request: request, allow: allow)
        }
        return PreRouteAnswer(response: response, operation: JitsiOperation.unmatched)
    }

    /// jitsi-admin.md §12: `match.params` sees the merged parameters, the route uid as `uid`, and the join
    /// page's `t` and `roomDbId`.
    package func faultParameters(_ request: HTTPRequest, pathParameters: [String: String]) -> [String: String] {
        var merged = PHPParameters(request: request, route: pathParameters).merged
        if request.pathSegments.count == 4, request.pathSegments[0] == "room", request.pathSegments[1] == "join" {
            merged["t"] = request.pathSegments[2]
        }
        return merged
    }

    /// jitsi-admin.md §12: "A key used as a fault on an operation not listed still renders as shown";
    /// `upstreamCrash500` becomes the upstream behaviour the handler reproduces at its crash step.
    package func faultOutcome(key: String, request: HTTPRequest, operation: String,
                              context: ProviderContext) -> FaultOutcome {
        guard catalogue.contains(key) else {
            return .notApplicable(diagnostic: "fault: \(key) does not apply to \(operation)")
        }
        if key == JitsiKey.upstreamCrash500 { return .behaviour(key) }
        return .respond(JitsiCatalogue.response(key, operation: operation, request: request))
    }

    /// jitsi-admin.md §10: the header carries all diagnostics in order, joined by ` | `; absent when none.
    package func diagnosticHeader(_ diagnostics: [String]) -> String? {
        diagnostics.isEmpty ? nil : diagnostics.joined(separator: " | ")
    }

    /// jitsi-admin.md §1.2: `info` adds `Access-Control-Allow-Origin: *` to its 200 responses.
    package func finish(_ response: inout HTTPResponse, request: HTTPRequest, context: ProviderContext) {
        finish(&response, request: request, operation: JitsiRouteTable.operation(request.method, request.pathSegments))
    }

    func finish(_ response: inout HTTPResponse, request: HTTPRequest, operation: String?) {
        for field in CORSPolicy.jitsiInfoOnly(operation: JitsiOperation.info)
            .responseFields(for: request, operation: operation, status: response.status) {
            response.headers.set(field.name, field.value)
        }
    }
}
