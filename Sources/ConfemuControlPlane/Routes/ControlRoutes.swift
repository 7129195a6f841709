import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// The route table of `/_confemu` (control-plane.md §2–§10).
enum ControlRoutes {
    static func mount() -> Mount<ControlHandler> {
        let routes: [Route<ControlHandler>] = [
            Route(.GET, "/health", operation: "health", handler: SystemHandlers.health),
            Route(.GET, "/info", operation: "info", handler: SystemHandlers.info),
            Route(.GET, "/errors", operation: "errors", handler: SystemHandlers.errors),
            Route(.GET, "/metrics", operation: "metrics", handler: MetricsHandlers.metrics),
            Route(.GET, "/openapi.json", operation: "openapi", handler: SystemHandlers.openAPI),
            Route(.GET, "/ui", operation: "ui", handler: DashboardPage.handle),
            Route(.POST, "/reset", operation: "reset", handler: NamespaceHandlers.resetAll),
            Route(.POST, "/namespaces", operation: "namespaces.create", handler: NamespaceHandlers.create),
            Route(.GET, "/namespaces", operation: "namespaces.list", handler: NamespaceHandlers.list),
            Route(.GET, "/namespaces/{name}", operation: "namespaces.get", handler: NamespaceHandlers.get),
            Route(.DELETE, "/namespaces/{name}", operation: "namespaces.delete", handler: NamespaceHandlers.delete),
            Route(.POST, "/namespaces/{name}/reset", operation: "namespaces.reset", handler: NamespaceHandlers.reset),
            Route(.PATCH, "/namespaces/{name}/{provider}", operation: "namespaces.settings", handler: NamespaceHandlers.settings),
            Route(.GET, "/namespaces/{name}/state", operation: "state.get", handler: StateHandlers.state),
            Route(.POST, "/namespaces/{name}/snapshots", operation: "snapshots.create", handler: StateHandlers.createSnapshot),
            Route(.GET, "/namespaces/{name}/snapshots", operation: "snapshots.list", handler: StateHandlers.listSnapshots),
            Route(.POST, "/namespaces/{name}/snapshots/{snapshot}/restore", operation: "snapshots.restore", handler: StateHandlers.restoreSnapshot),
            Route(.DELETE, "/namespaces/{name}/snapshots/{snapshot}", operation: "snapshots.delete", handler: StateHandlers.deleteSnapshot),
            Route(.GET, "/namespaces/{name}/clock", operation: "clock.get", handler: ClockHandlers.get),
            Route(.POST, "/namespaces/{name}/clock/advance", operation: "clock.advance", handler: ClockHandlers.advance),
            Route(.POST, "/namespaces/{name}/clock/freeze", operation: "clock.freeze", handler: ClockHandlers.freeze),
            Route(.POST, "/namespaces/{name}/clock/resume", operation: "clock.resume", handler: ClockHandlers.resume),
            Route(.POST, "/namespaces/{name}/clock/set", operation: "clock.set", handler: ClockHandlers.set),
            Route(.POST, "/namespaces/{name}/faults", operation: "faults.create", handler: FaultHandlers.create),
            Route(.GET, "/namespaces/{name}/faults", operation: "faults.list", handler: FaultHandlers.list),
            Route(.DELETE, "/namespaces/{name}/faults", operation: "faults.deleteAll", handler: FaultHandlers.deleteAll),
            Route(.DELETE, "/namespaces/{name}/faults/{id}", operation: "faults.delete", handler: FaultHandlers.delete),
            Route(.GET, "/namespaces/{name}/requests", operation: "requests.list", handler: JournalHandlers.list),
            Route(.POST, "/namespaces/{name}/requests/count", operation: "requests.count", handler: JournalHandlers.count),
            Route(.POST, "/namespaces/{name}/requests/wait", operation: "requests.wait", handler: JournalHandlers.wait),
            Route(.DELETE, "/namespaces/{name}/requests", operation: "requests.clear", handler: JournalHandlers.clear),
            Route(.GET, "/namespaces/{name}/outbox", operation: "outbox.list", handler: OutboxHandlers.list),
            Route(.POST, "/namespaces/{name}/outbox/wait", operation: "outbox.wait", handler: OutboxHandlers.wait),
            Route(.POST, "/namespaces/{name}/outbox/{id}/redeliver", operation: "outbox.redeliver",
                  handler: OutboxHandlers.redeliver),
        ]
        return Mount(prefix: "/_confemu", owner: "control-plane", bodyLimit: 16_777_216, routes: routes)
    }

    /// A provider's simulation endpoints under `/_confemu/namespaces/{name}/<provider>` (control-plane.md §8).
    static func providerMount(_ provider: any Provider) -> Mount<ControlHandler> {
        let id = provider.id
        let routes = provider.controlRoutes.map { route in
            Route<ControlHandler>(route.method, route.pattern.description, operation: route.operation,
                                  bodyLimit: route.bodyLimit) { request in
                let info = try request.namespace()
                let context = try await request.engine.controlContext(namespace: info.name, provider: id)
                return try await route.handler(ProviderRequest(http: request.http, parameters: request.parameters,
                                                               operation: route.operation, context: context))
            }
        }
        return Mount(prefix: "/_confemu/namespaces/{name}/\(id.rawValue)", owner: "control-plane",
                     bodyLimit: 16_777_216, routes: routes)
    }
}
