import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// `GET /_confemu/openapi.json` (control-plane.md §10): OpenAPI 3.1 built from the control plane's route
/// table, each operation described below, plus what every provider contributes through
/// `Provider.openAPIPaths` / `openAPISchemas` (its simulation routes under `/_confemu` are listed too).
enum OpenAPIDocument {
    struct Operation {
        var summary: String
        var request: JSONValue?
        var responses: [(status: Int, description: String, schema: JSONValue?)]
    }

    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/components/schemas/\(name)"))]) }

    static func items(_ name: String) -> JSONValue {
        object([("items", .object([("type", "array"), ("items", ref(name))]))], required: ["items"])
    }

    static func object(_ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var members: [JSONMember] = [("type", "object"), ("properties", .object(properties.map { ($0.0, $0.1) }))]
        if !required.isEmpty { members.append(("required", .array(required.map(JSONValue.string)))) }
        return .object(members)
    }

    static func type(_ name: String, nullable: Bool = false, format: String? = nil) -> JSONValue {
        var members: [JSONMember] = [("type", nullable ? .array([.string(name), "null"]) : .string(name))]
        if let format { members.append(("format", .string(format))) }
        return .object(members)
    }

    static let anyObject: JSONValue = .object([("type", "object")])
    static let noContent: [(Int, String, JSONValue?)] = [(204, "Done", nil)]

    /// The description of every control-plane operation, by the route's operation name.
    static let operations: [String: Operation] = [
        "health": Operation(summary: "Liveness (never needs the admin token)", request: nil,
                            responses: [(200, "Up", ref("Health"))]),
        "info": Operation(summary: "Version, providers with operations and base paths, configuration in force",
                          request: nil, responses: [(200, "Information", anyObject)]),
        "errors": Operation(summary: "Every error each provider can render (?provider= filters)", request: nil,
                            responses: [(200, "The catalogue", items("CatalogueEntry"))]),
        "metrics": Operation(summary: "Prometheus text exposition", request: nil,
                             responses: [(200, "Metrics (text/plain; version=0.0.4)", nil)]),
        "openapi": Operation(summary: "This document", request: nil, responses: [(200, "OpenAPI 3.1", anyObject)]),
        "ui": Operation(summary: "The HTML dashboard", request: nil, responses: [(200, "text/html", nil)]),
        "reset": Operation(summary: "Reset every namespace; drop namespaces created at runtime", request: nil,
                           responses: noContent),
        "namespaces.create": Operation(summary: "Create a namespace", request: ref("NamespaceCreate"),
                                       responses: [(201, "Created", ref("Namespace")), (409, "Name or credential in use", ref("Error"))]),
        "namespaces.list": Operation(summary: "List namespaces", request: nil, responses: [(200, "Namespaces", items("Namespace"))]),
        "namespaces.get": Operation(summary: "One namespace", request: nil, responses: [(200, "The namespace", ref("Namespace"))]),
        "namespaces.delete": Operation(summary: "Drop a namespace and all its state (default: 409)", request: nil,
                                       responses: noContent + [(409, "default cannot be dropped", ref("Error"))]),
        "namespaces.reset": Operation(summary: "Clear state, journal, outbox, faults and clock; re-apply fixtures",
                                      request: nil, responses: noContent),
        "namespaces.settings": Operation(summary: "Change one provider's settings in the namespace", request: anyObject,
                                         responses: [(200, "The namespace", ref("Namespace")), (400, "Unknown or invalid setting", ref("Error"))]),
        "state.get": Operation(summary: "The namespace state as a fixtures document", request: nil,
                               responses: [(200, "Fixtures", ref("Fixtures"))]),
        "snapshots.create": Operation(summary: "Save the state under a name", request: object([("name", type("string"))], required: ["name"]),
                                      responses: [(201, "Saved", ref("Snapshot"))]),
        "snapshots.list": Operation(summary: "List snapshots", request: nil, responses: [(200, "Snapshots", items("Snapshot"))]),
        "snapshots.restore": Operation(summary: "Restore a snapshot", request: nil, responses: noContent),
        "snapshots.delete": Operation(summary: "Remove a snapshot", request: nil, responses: noContent),
        "clock.get": Operation(summary: "The namespace clock", request: nil, responses: [(200, "Clock", ref("Clock"))]),
        "clock.advance": Operation(summary: "Move time forward, running due events in order",
                                   request: object([("seconds", type("number"))], required: ["seconds"]),
                                   responses: [(200, "Clock and fired events", ref("ClockAnswer"))]),
        "clock.freeze": Operation(summary: "Stop the flow of time", request: nil, responses: [(200, "Clock", ref("Clock"))]),
        "clock.resume": Operation(summary: "Restart the flow of time", request: nil, responses: [(200, "Clock", ref("Clock"))]),
        "clock.set": Operation(summary: "Jump (forward runs due events, backward none)",
                               request: object([("now", type("string", format: "date-time"))], required: ["now"]),
                               responses: [(200, "Clock and fired events", ref("ClockAnswer"))]),
        "faults.create": Operation(summary: "Add a fault rule", request: ref("FaultRuleInput"),
                                   responses: [(201, "The rule", ref("FaultRule")), (400, "Invalid rule", ref("Error"))]),
        "faults.list": Operation(summary: "List rules with hits and remaining", request: nil, responses: [(200, "Rules", items("FaultRule"))]),
        "faults.deleteAll": Operation(summary: "Remove every rule", request: nil, responses: noContent),
        "faults.delete": Operation(summary: "Remove one rule", request: nil, responses: noContent),
        "requests.list": Operation(summary: "Journal, newest first (?provider=&operation=&status=&limit=&since=)", request: nil,
                                   responses: [(200, "Entries", items("JournalEntry"))]),
        "requests.count": Operation(summary: "Count matching entries", request: ref("JournalFilter"),
                                    responses: [(200, "Count", object([("count", type("integer"))], required: ["count"]))]),
        "requests.wait": Operation(summary: "Wait until count matching entries exist", request: ref("JournalWait"),
                                   responses: [(200, "Entries", items("JournalEntry")), (408, "Timeout", ref("Error"))]),
        "requests.clear": Operation(summary: "Clear the journal", request: nil, responses: noContent),
        "outbox.list": Operation(summary: "Callbacks and mails (?kind=callback|mail)", request: nil,
                                 responses: [(200, "Entries", items("OutboxEntry"))]),
        "outbox.wait": Operation(summary: "Wait until count matching entries exist", request: ref("OutboxWait"),
                                 responses: [(200, "Entries", items("OutboxEntry")), (408, "Timeout", ref("Error"))]),
        "outbox.redeliver": Operation(summary: "Send a callback again", request: nil,
                                      responses: [(200, "The entry", ref("OutboxEntry")), (409, "Mails are never sent", ref("Error"))]),
    ]

    static var schemas: [JSONMember] {
        let time = type("string", format: "date-time")
        let stringOrNull = type("string", nullable: true)
        return [
            ("Error", object([("error", object([("code", type("string")), ("message", type("string"))], required: ["code", "message"]))],
                             required: ["error"])),
            ("Health", object([("status", type("string")), ("version", type("string")), ("uptimeSeconds", type("number")),
                               ("namespaces", type("integer"))])),
            ("Fixtures", .object([("type", "object"), ("description", "bbb, jitsiAdmin, videsk and proconf sections")])),
            ("NamespaceCreate", object([("name", type("string")), ("seed", type("integer")), ("fixtures", ref("Fixtures"))])),
            ("Clock", object([("now", time), ("frozen", type("boolean")), ("offsetSeconds", type("integer"))])),
            ("FiredEvent", object([("name", type("string")), ("at", time), ("subject", anyObject)])),
            ("ClockAnswer", object([("now", time), ("frozen", type("boolean")), ("offsetSeconds", type("integer")),
                                    ("events", .object([("type", "array"), ("items", ref("FiredEvent"))]))])),
            ("Namespace", .object([("type", "object"), ("properties", .object([
                ("name", type("string")), ("createdAt", time), ("seed", type("integer", nullable: true)), ("clock", ref("Clock")),
            ])), ("additionalProperties", .object([("type", "object"), ("description", "one section per provider")]))])),
            ("FaultRuleInput", object([
                ("match", object([("provider", type("string")), ("operation", type("string")), ("params", anyObject)])),
                ("trigger", object([("times", type("integer", nullable: true)), ("skip", type("integer")), ("probability", type("number"))])),
                ("effect", object([("error", type("string")), ("status", type("integer")), ("body", type("string")),
                                   ("headers", anyObject), ("delayMs", type("integer")),
                                   ("connection", .object([("enum", ["reset", "close", "hang"])]))])),
            ], required: ["effect"])),
            ("FaultRule", .object([("allOf", .array([ref("FaultRuleInput"), object([
                ("id", type("string")), ("hits", type("integer")), ("remaining", type("integer", nullable: true)),
            ])]))])),
            ("CatalogueEntry", object([("provider", type("string")), ("key", type("string")), ("status", type("integer")),
                                       ("contentType", type("string")), ("body", type("string")),
                                       ("operations", .object([("type", "array"), ("items", type("string"))])),
                                       ("rule", ref("FaultRuleInput"))])),
            ("JournalFilter", object([("provider", type("string")), ("operation", type("string")), ("status", type("integer"))])),
            ("JournalWait", object([("provider", type("string")), ("operation", type("string")), ("status", type("integer")),
                                    ("count", type("integer")), ("timeoutMs", type("integer"))])),
            ("JournalEntry", object([
                ("id", type("string")), ("time", time), ("provider", type("string")), ("operation", stringOrNull),
                ("method", type("string")), ("path", type("string")), ("query", stringOrNull),
                ("requestHeaders", .object([("type", "object"), ("additionalProperties", type("string"))])),
                ("requestBody", type("string")), ("status", type("integer")), ("responseBody", type("string")),
                ("durationMs", type("number")), ("faultId", stringOrNull),
                ("diagnostics", .object([("type", "array"), ("items", type("string"))])),
            ])),
            ("OutboxWait", object([("kind", .object([("enum", ["callback", "mail"])])), ("event", type("string")),
                                   ("state", type("string")), ("count", type("integer")), ("timeoutMs", type("integer"))])),
            ("OutboxEntry", object([
                ("id", type("string")), ("kind", .object([("enum", ["callback", "mail"])])), ("provider", type("string")),
                ("event", type("string")), ("url", type("string")), ("to", type("string")), ("method", type("string")),
                ("headers", .object([("type", "object"), ("additionalProperties", type("string"))])),
                ("body", type("string")), ("attempts", .object([("type", "array"), ("items", anyObject)])),
                ("state", .object([("enum", ["pending", "delivered", "failed"])])), ("createdAt", time),
            ])),
            ("Snapshot", object([("name", type("string")), ("createdAt", time)])),
        ]
    }

    static func document(engine: Engine, routes: [Route<ControlHandler>], providerRoutes: [(ProviderID, [Route<RouteHandler>])])
        -> JSONValue {
        var paths: [JSONMember] = []
        func add(_ path: String, _ method: HTTPMethod, _ operationID: String, _ operation: Operation, tag: String) {
            var item: [JSONMember] = [("operationId", .string(operationID)), ("summary", .string(operation.summary)),
                                      ("tags", .array([.string(tag)]))]
            let parameters = PathPattern(path).segments.compactMap { segment -> JSONValue? in
                guard case .parameter(let name) = segment else { return nil }
                return .object([("name", .string(name)), ("in", "path"), ("required", true), ("schema", type("string"))])
            }
            if !parameters.isEmpty { item.append(("parameters", .array(parameters))) }
            if let request = operation.request {
                item.append(("requestBody", .object([("required", false), ("content", .object([
                    ("application/json", .object([("schema", request)])),
                ]))])))
            }
            var responses: [JSONMember] = operation.responses.map { response in
                var members: [JSONMember] = [("description", .string(response.description))]
                if let schema = response.schema {
                    members.append(("content", .object([("application/json", .object([("schema", schema)]))])))
                }
                return (String(response.status), .object(members))
            }
            responses.append(("default", .object([("description", "Error"), ("content", .object([
                ("application/json", .object([("schema", ref("Error"))])),
            ]))])))
            item.append(("responses", .object(responses)))
            let method = method.rawValue.lowercased()
            if let index = paths.firstIndex(where: { $0.key == path }) {
                _ = paths[index].value.set(method, .object(item))
            } else {
                paths.append((path, .object([(method, .object(item))])))
            }
        }
        for route in routes {
            let path = "/_confemu" + route.pattern.description
            let operation = operations[route.operation]
                ?? Operation(summary: route.operation, request: nil, responses: [(200, "OK", nil)])
            add(path, route.method, route.operation, operation, tag: "control-plane")
        }
        for (provider, providerRoutes) in providerRoutes {
            for route in providerRoutes {
                let path = "/_confemu/namespaces/{name}/\(provider.rawValue)" + route.pattern.description
                add(path, route.method, "\(provider.rawValue).\(route.operation)",
                    Operation(summary: "Simulation: \(route.operation) (control-plane.md §8)",
                              request: route.method == .GET || route.method == .DELETE ? nil : anyObject,
                              responses: [(200, "OK", anyObject)]),
                    tag: provider.rawValue)
            }
        }
        var schemas = self.schemas
        for provider in engine.providers {
            paths += provider.openAPIPaths.filter { member in !paths.contains { $0.key == member.key } }
            schemas += provider.openAPISchemas
        }
        return .object([
            ("openapi", "3.1.0"),
            ("info", .object([("title", "confemu"), ("version", .string(ConfemuVersion.string)),
                              ("description", "confemu's control plane and the emulated providers' APIs")])),
            ("servers", .array([.object([("url", .string(engine.configuration.publicURL))])])),
            ("components", .object([
                ("schemas", .object(schemas)),
                ("securitySchemes", .object([("adminToken", .object([("type", "http"), ("scheme", "bearer")]))])),
            ])),
            ("paths", .object(paths)),
        ])
    }
}
