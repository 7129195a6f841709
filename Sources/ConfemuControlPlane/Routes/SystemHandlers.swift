import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// `/health`, `/info` and `/errors` (control-plane.md §10, §4).
enum SystemHandlers {
    @Sendable static func health(_ request: ControlRequest) async throws -> HTTPResponse {
        let engine = request.engine
        let uptime = max(0, engine.wallClock.now().timeIntervalSince(engine.startedAt))
        return ControlJSON.ok(.object([
            ("status", "ok"),
            ("version", .string(ConfemuVersion.string)),
            ("uptimeSeconds", .double(uptime.rounded(.down))),
            ("namespaces", .integer(engine.namespaces().count)),
        ]))
    }

    @Sendable static func info(_ request: ControlRequest) async throws -> HTTPResponse {
        let engine = request.engine
        let providers: [JSONValue] = engine.providers.map { provider in
            .object([
                ("id", .string(provider.id.rawValue)),
                ("basePaths", .array(provider.mounts.map { .string($0.prefix.description) })),
                ("operations", .array(provider.operations.map(JSONValue.string))),
                ("events", .array(provider.eventKinds.map(JSONValue.string))),
            ])
        }
        return ControlJSON.ok(.object([
            ("name", "confemu"),
            ("version", .string(ConfemuVersion.string)),
            ("startedAt", .string(Timestamp.rfc3339Milliseconds(engine.startedAt))),
            ("publicURL", .string(engine.configuration.publicURL)),
            ("providers", .array(providers)),
            ("configuration", request.controlPlane.settings.configuration),
        ]))
    }

    @Sendable static func errors(_ request: ControlRequest) async throws -> HTTPResponse {
        let filter = request.http.query.first("provider")
        if let filter, !request.engine.providers.contains(where: { $0.id.rawValue == filter }) {
            throw ControlError(400, "invalid-request", "unknown provider '\(filter)'")
        }
        var items: [JSONValue] = []
        for provider in request.engine.providers where filter == nil || provider.id.rawValue == filter {
            for entry in provider.catalogue.entries {
                items.append(ControlRendering.catalogueEntry(entry, provider: provider.id))
            }
        }
        return ControlJSON.items(items)
    }

    @Sendable static func openAPI(_ request: ControlRequest) async throws -> HTTPResponse {
        let engine = request.engine
        let document = OpenAPIDocument.document(
            engine: engine, routes: ControlRoutes.mount().routes,
            providerRoutes: engine.providers.map { ($0.id, $0.controlRoutes) })
        return ControlJSON.ok(document)
    }
}
