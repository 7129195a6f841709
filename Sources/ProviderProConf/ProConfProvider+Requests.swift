import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

/// Namespace selection, pre-route answers, routing failures, faults, CORS and redaction (proconf.md §1, §3, §11).
extension ProConfProvider {
    /// Whether the (prefix-stripped) path belongs to the Admin Control API (§1).
    static func isAdminPath(_ request: HTTPRequest) -> Bool { request.pathSegments.first == "api" }

    package func identifyNamespace(_ request: HTTPRequest, match: ProviderRouteMatch?,
                                   among namespaces: [NamespaceInfo]) -> String? {
        if Self.isAdminPath(request) {
            guard let header = request.headers.first("Authorization") else { return nil }
            let parts = header.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            let key = String(parts[1])
            let found = namespaces.filter { ProConfConfiguration($0.configuration(.proconf)).adminKey == key }
            return found.count == 1 ? found.first?.name : nil
        }
        guard case .token(let token) = ProConfAuth.findToken(request) else { return nil }
        let found = namespaces.filter {
            ProConfAuth.verifiesSignature(token, secret: ProConfConfiguration($0.configuration(.proconf)).jwtSecret)
        }
        return found.count == 1 ? found.first?.name : nil
    }

    package func unknownNamespace(_ request: HTTPRequest, name: String) -> UnknownNamespaceAnswer {
        let response = Self.isAdminPath(request)
            ? ProConfResponse.adminError(401, "Unauthorized")
            : ProConfResponse.sessionError(401, "UnauthorizedError", .object([("message", "TokenExpired")]))
        return UnknownNamespaceAnswer(response: response, journalInDefault: true,
                                      diagnostic: "namespace: unknown namespace \"\(name)\"")
    }

    package func preRoute(_ request: HTTPRequest, context: ProviderContext) async -> PreRouteAnswer? {
        let admin = Self.isAdminPath(request)
        // §3.7: OPTIONS on any session-service path is a preflight (journaled without an operation).
        if !admin, let preflight = CORSPolicy.loopback.preflightResponse(for: request) {
            return PreRouteAnswer(response: preflight, operation: nil)
        }
        // §1, §8.2: HEAD is never routed to GET on either surface.
        if request.method == .HEAD {
            return unmatched(admin: admin)
        }
        return nil
    }

    package func routingFailure(_ request: HTTPRequest, failure: RoutingFailure,
                                context: ProviderContext) -> PreRouteAnswer {
        unmatched(admin: Self.isAdminPath(request))
    }

    func unmatched(admin: Bool) -> PreRouteAnswer {
        let input = ErrorRenderInput(operation: admin ? ProConfOperation.adminMeetings : ProConfOperation.sessionCreate)
        let response = catalogue.render(admin ? ProConfKey.notFound : ProConfKey.apiNotFound, input: input)
            ?? ProConfResponse.hidden500
        return PreRouteAnswer(response: response,
                              operation: admin ? ProConfOperation.adminUnmatched : ProConfOperation.sessionUnmatched)
    }

    package func faultOutcome(key: String, request: HTTPRequest, operation: String,
                              context: ProviderContext) -> FaultOutcome {
        guard let entry = catalogue.entry(key, operation: operation) else {
            return .notApplicable(diagnostic: "fault: \(key) does not apply to \(operation)")
        }
        if entry.kind == .upstream { return .behaviour(key) }
        var parameters = ["timeToStart": String(ProConfConfiguration(context.configuration).timeToStart)]
        if request.pathSegments.count >= 2 { parameters["meetingLinkId"] = request.pathSegments[1] }
        return .respond(entry.render(ErrorRenderInput(operation: operation, parameters: parameters, request: request)))
    }

    package func render(_ error: ProviderError, request: HTTPRequest, operation: String?) -> HTTPResponse {
        let input = ErrorRenderInput(operation: operation, parameters: error.parameters, request: request)
        return catalogue.render(error.key, input: input)
            ?? catalogue.render(internalErrorKey, input: input)
            ?? ProConfResponse.hidden500
    }

    /// §3.7: session-surface responses to requests with `Origin`; the admin surface sends no CORS fields.
    package func finish(_ response: inout HTTPResponse, request: HTTPRequest, context: ProviderContext) {
        guard !Self.isAdminPath(request), !response.headers.contains("Access-Control-Allow-Origin") else { return }
        for (name, value) in CORSPolicy.loopback.responseFields(for: request, operation: nil, status: response.status) {
            response.headers.add(name, value)
        }
    }

    /// §10: `access_token` is redacted like `Authorization`.
    package func redact(_ entry: inout JournalEntry) {
        guard let query = entry.query, query.contains("access_token") else { return }
        entry.query = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return name == "access_token" ? "access_token=[redacted]" : String(pair)
        }.joined(separator: "&")
    }
}
