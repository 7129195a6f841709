import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

extension VideskProvider {
    /// videsk.md §3 steps 3–4: every `OPTIONS` is a preflight (204, not counted); then rate limiting.
    package func preRoute(_ request: HTTPRequest, context: ProviderContext) async -> PreRouteAnswer? {
        if request.method == .OPTIONS, let preflight = CORSPolicy.nodeDefaults.preflightResponse(for: request) {
            return PreRouteAnswer(response: preflight, operation: nil)
        }
        let limit = VideskConfiguration(context.configuration).rateLimitPerSecond
        let decision = rateLimiter.count(namespace: context.namespace.name, configuredLimit: limit,
                                         requestID: context.requestID)
        guard decision.limited else { return nil }
        let operation = Self.router.match(method: request.method, segments: request.pathSegments).route?.operation
        return PreRouteAnswer(response: FeathersError(429, "Too many requests, please try again later.").response,
                              operation: operation)
    }

    /// videsk.md §2 routing-level answers (operation `null`).
    package func routingFailure(_ request: HTTPRequest, failure: RoutingFailure,
                                context: ProviderContext) -> PreRouteAnswer {
        var segments = request.pathSegments
        if segments.count > 1, segments.last == "" { segments.removeLast() }
        let feathersMethod: String? = switch request.method {
        case .GET, .HEAD: "find"
        case .POST: "create"
        case .PUT: "update"
        case .PATCH: "patch"
        case .DELETE: "remove"
        default: nil
        }
        let notFound = FeathersError(404, "Page not found", data: ["url": .string(request.rawTarget)])
        var error = notFound
        if segments.count >= 2, segments[0] == "vpaas", segments[1] == "rooms" {
            switch segments.count {
            case 2 where request.method == .PUT:
                error = FeathersError(405, "Method `update` is not supported by this endpoint.")
            case 2 where request.method == .PATCH:
                error = FeathersError(405, "Can not patch multiple entries")
            case 3 where request.method == .PUT && !segments[2].isEmpty:
                error = FeathersError(405, "Method `update` is not supported by this endpoint.")
            case 4 where (segments[3] == "join" || segments[3] == "stats") && !segments[2].isEmpty:
                if let feathersMethod, case .methodNotAllowed = failure {
                    error = FeathersError(405, "Method `\(feathersMethod)` is not supported by this endpoint.")
                }
            default:
                break
            }
        }
        return PreRouteAnswer(response: error.response, operation: nil)
    }

    /// videsk.md §13: path `roomId`, every query parameter, top-level scalars of a JSON object body (any
    /// Content-Type, §4.4).
    package func faultParameters(_ request: HTTPRequest, pathParameters: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        func add(_ name: String, _ value: String) { if result[name] == nil { result[name] = value } }
        for (name, value) in pathParameters { add(name, value) }
        for (name, value) in request.query { add(name, value) }
        if let body = try? JSONValue(parsing: request.body), case .object(let members) = body {
            for (name, value) in members {
                switch value {
                case .string(let text): add(name, text)
                case .object, .array, .null: continue
                default: add(name, value.jsonString())
                }
            }
        }
        return result
    }

    /// videsk.md §13: a rule's `roomId` also matches the `id` or `externalId` of the room the path value
    /// resolves to (§2.1 resolution order). No room, no alternatives; a store error is treated the same.
    package func resolvedFaultParameters(_ request: HTTPRequest, pathParameters: [String: String],
                                         context: ProviderContext) async -> [String: [String]] {
        guard let value = pathParameters["roomId"], !value.isEmpty else { return [:] }
        let room = try? await context.read { tx in try VideskRoomStore.resolve(value, tx) }
        guard let room = room ?? nil else { return [:] }
        return ["roomId": [room.id, room.externalId]]
    }

    /// videsk.md §13: an unknown `X-Confemu-Fault` key.
    package func unknownFaultKeyDiagnostic(_ key: String) -> String {
        "fault header: unknown videsk error key \"\(key)\""
    }

    /// videsk.md §4.1: CORS origin and rate-limit headers on every response but preflights.
    package func finish(_ response: inout HTTPResponse, request: HTTPRequest, context: ProviderContext) {
        guard request.method != .OPTIONS else { return }
        if !response.headers.contains("Access-Control-Allow-Origin") {
            response.headers.add("Access-Control-Allow-Origin", "*")
        }
        let decision = rateLimiter.take(requestID: context.requestID)
        let limit = decision?.limit ?? VideskConfiguration(context.configuration).rateLimitPerSecond ?? 20
        let remaining = response.status == 429 ? 0 : (decision?.remaining ?? limit)
        response.headers.set("RateLimit-Limit", String(limit))
        response.headers.set("RateLimit-Remaining", String(remaining))
        response.headers.set("RateLimit-Reset", "1")
        response.headers.set("RateLimit-Policy", "\(limit);w=1")
        if response.status == 429 { response.headers.set("Retry-After", "1") }
    }
}
