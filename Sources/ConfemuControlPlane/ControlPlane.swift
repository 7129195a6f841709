import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// confemu's own API under `/_confemu` (control-plane.md): guards and CORS (http.md 10.3), the admin
/// token (§11), then the route table.
package final class ControlPlane: Sendable {
    package struct Settings: Sendable {
        package var adminToken: String?
        package var boundHost: String
        package var publicURL: String
        /// The configuration in force, secrets redacted (for `/_confemu/info`).
        package var configuration: JSONValue

        package init(adminToken: String?, boundHost: String, publicURL: String, configuration: JSONValue) {
            self.adminToken = adminToken
            self.boundHost = boundHost
            self.publicURL = publicURL
            self.configuration = configuration
        }
    }

    package let engine: Engine
    package let server: HTTPServer?
    package let settings: Settings
    let router: Router<ControlHandler>
    /// Provider simulation endpoints, tried when the main table has no route for the path.
    let providerRouter: Router<ControlHandler>
    let guards: RequestGuards

    package init(engine: Engine, server: HTTPServer?, settings: Settings) {
        self.engine = engine
        self.server = server
        self.settings = settings
        self.guards = RequestGuards(adminToken: settings.adminToken, boundHost: settings.boundHost,
                                    publicURL: settings.publicURL)
        self.router = Router(mounts: [ControlRoutes.mount()])
        self.providerRouter = Router(mounts: engine.providers.filter { !$0.controlRoutes.isEmpty }
            .map(ControlRoutes.providerMount))
    }

    /// Answers a control-plane request, or nil when the path is not under `/_confemu`.
    package func handle(_ request: HTTPRequest) async -> HTTPResponse? {
        guard request.pathSegments.first == "_confemu" else { return nil }
        var match = router.match(method: request.method, segments: request.pathSegments)
        if match.route == nil {
            let simulated = providerRouter.match(method: request.method, segments: request.pathSegments)
            if simulated.route != nil || !simulated.allowedMethods.isEmpty { match = simulated }
        }
        let isHealth = request.pathSegments == ["_confemu", "health"]
        // http.md 10.3 e: CORS fields only for an allowed origin (on /health a foreign one passes unguarded).
        let origin = guards.allowedOrigin(of: request)

        // http.md 10.3 a, b: Host and Origin guards (not on /health).
        if !isHealth {
            if let refusal = guards.refusal(for: request) { return refusal }
        }
        if request.bodyTooLarge {
            return HTTPResponse.protocolError(status: 413, slug: "body-too-large")
        }
        // c, d: preflight and plain OPTIONS on a known path.
        if request.method == .OPTIONS, match.mount != nil, match.route == nil || match.route?.method == .OPTIONS {
            let methods = ControlPlane.allowList(match.allowedMethods)
            guard !methods.isEmpty else { return ControlJSON.error(404, "not-found", "no such control-plane path") }
            if let origin, request.headers.contains("Access-Control-Request-Method") {
                return HTTPResponse(status: 204, headers: [
                    "Access-Control-Allow-Origin": origin,
                    "Vary": "Origin",
                    "Access-Control-Allow-Methods": methods,
                    "Access-Control-Allow-Headers": "Authorization, Content-Type",
                    "Access-Control-Max-Age": "600",
                ])
            }
            var response = HTTPResponse(status: 204, headers: ["Allow": methods])
            if let origin { guards.addCORS(&response, origin: origin) }
            return response
        }
        // §11: the admin token.
        if !isHealth, let refusal = guards.adminTokenRefusal(for: request) {
            var response = refusal
            if let origin { guards.addCORS(&response, origin: origin) }
            return response
        }
        var response: HTTPResponse
        if let route = match.route {
            let controlRequest = ControlRequest(http: request, parameters: match.parameters, controlPlane: self)
            do {
                response = try await route.handler(controlRequest)
            } catch let error as EngineError {
                response = ControlJSON.error(error.status, error.code, error.message)
            } catch let error as ControlError {
                response = ControlJSON.error(error.status, error.code, error.message)
            } catch let error as ProviderError {
                response = ControlJSON.error(400, error.key, error.diagnostics.first ?? error.key)
            } catch {
                engine.logger.error("control plane \(request.method.rawValue) \(request.rawPath) failed: \(error)")
                response = ControlJSON.error(500, "internal-error", "internal error")
            }
        } else if match.allowedMethods.isEmpty {
            response = ControlJSON.error(404, "not-found", "no control-plane route \(request.method.rawValue) \(request.rawPath)")
        } else {
            response = ControlJSON.error(405, "method-not-allowed",
                                         "\(request.method.rawValue) is not allowed on \(request.rawPath)")
            response.headers.set("Allow", ControlPlane.allowList(match.allowedMethods))
        }
        if let origin { guards.addCORS(&response, origin: origin) }
        return response
    }

    /// http.md 10.2: HEAD wherever GET is, OPTIONS always.
    static func allowList(_ methods: [HTTPMethod]) -> String {
        guard !methods.isEmpty else { return "" }
        var all = methods.filter { $0 != .OPTIONS }
        if all.contains(.GET), !all.contains(.HEAD) { all.insert(.HEAD, at: all.firstIndex(of: .GET).map { $0 + 1 } ?? 0) }
        all.append(.OPTIONS)
        return all.map(\.rawValue).joined(separator: ", ")
    }
}
