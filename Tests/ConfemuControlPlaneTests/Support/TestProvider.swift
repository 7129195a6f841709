import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation

/// A TEST-ONLY provider: a couple of JSON routes over its own table `test_items`, a small catalogue, a
/// clock event, an outbox callback and mail, a credential header and a control route. It borrows the id
/// `videsk` (ProviderID is closed), with the mount `/test`.
struct TestProvider: Provider {
    static let expiredEvent = "test.item.expired"
    static let credentialHeader = "X-Test-Key"

    var id: ProviderID { .videsk }

    var operations: [String] { ["items.list", "items.create", "items.get", "whoami"] }

    var eventKinds: [String] { [Self.expiredEvent] }

    var internalErrorKey: String { "internal" }

    var migrations: [Migration] {
        [Migration(id: "test-001-items", sql: """
            CREATE TABLE test_items (
                namespace TEXT NOT NULL,
                id TEXT NOT NULL,
                name TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'active',
                PRIMARY KEY (namespace, id)
            );
            """)]
    }

    var catalogue: ErrorCatalogue {
        ErrorCatalogue([
            CatalogueEntry(key: "unauthorized", status: 401, contentType: "application/json",
                           operations: ["*"], body: #"{"error":"unauthorized"}"#),
            CatalogueEntry(key: "notFound", status: 404, contentType: "application/json",
                           operations: ["items.get"], body: #"{"error":"not found"}"#),
            CatalogueEntry(key: "busy", status: 503, contentType: "application/json",
                           operations: ["*"], body: #"{"error":"busy"}"#),
            CatalogueEntry(key: "internal", status: 500, contentType: "application/json",
                           operations: ["*"], body: #"{"error":"internal"}"#),
        ])
    }

    var mounts: [ProviderMount] {
        [Mount(prefix: "/test", owner: id.rawValue, routes: [
            Route(.GET, "/items", operation: "items.list", handler: Self.list),
            Route(.POST, "/items", operation: "items.create", handler: Self.create),
            Route(.GET, "/items/{id}", operation: "items.get", handler: Self.get),
            Route(.GET, "/whoami", operation: "whoami", handler: Self.whoami),
        ])]
    }

    var controlRoutes: [Route<RouteHandler>] {
        [Route(.POST, "/items/{id}/rename", operation: "items.rename") { request in
            let id = request.parameters["id"] ?? ""
            let name = (try? JSONValue(parsing: request.http.body))?["name"]?.stringValue ?? "renamed"
            let changed = try await request.context.write { tx in
                try tx.db.execute("UPDATE test_items SET name = ? WHERE namespace = ? AND id = ?",
                                  [.text(name), .text(tx.namespace), .text(id)])
                return tx.db.changes > 0
            }
            guard changed else { throw EngineError.notFound("no item '\(id)'") }
            return Self.json(200, .object([("id", .string(id)), ("name", .string(name))]))
        }]
    }

    var openAPIPaths: [JSONMember] {
        [("/test/items", .object([("get", .object([("operationId", "items.list")]))]))]
    }

    // MARK: Routes

    static func json(_ status: Int, _ value: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: value.jsonString())
    }

    static func item(_ row: Row) throws -> JSONValue {
        .object([("id", .string(try row.string("id"))), ("name", .string(try row.string("name"))),
                 ("state", .string(try row.string("state")))])
    }

    @Sendable static func list(_ request: ProviderRequest) async throws -> HTTPResponse {
        let items = try await request.context.read { tx in
            try tx.db.query("SELECT * FROM test_items WHERE namespace = ? ORDER BY id", [.text(tx.namespace)])
                .map(item)
        }
        return json(200, .array(items))
    }

    /// `{"id", "name", "ttlSeconds"?, "callbackURL"?, "mailTo"?}`.
    @Sendable static func create(_ request: ProviderRequest) async throws -> HTTPResponse {
        guard let body = try? JSONValue(parsing: request.http.body), let id = body["id"]?.stringValue else {
            throw ProviderError("busy", diagnostics: ["body needs an id"])
        }
        let name = body["name"]?.stringValue ?? id
        let ttl = body["ttlSeconds"]?.int64Value
        let callback = body["callbackURL"]?.stringValue
        let mail = body["mailTo"]?.stringValue
        try await request.context.write { tx in
            try tx.db.execute("INSERT INTO test_items (namespace, id, name) VALUES (?, ?, ?)",
                              [.text(tx.namespace), .text(id), .text(name)])
            if let ttl {
                try tx.schedule(expiredEvent, atMilliseconds: tx.nowMilliseconds + ttl * 1000, key: id,
                                subject: .object([("id", .string(id))]),
                                payload: callback.map { .object([("url", .string($0))]) } ?? .null)
            }
            if let mail {
                try tx.enqueue(.mail(event: "test.item.created", to: mail, body: "item \(id) created",
                                     details: .object([("subject", .string("New item"))])))
            }
        }
        return json(201, .object([("id", .string(id)), ("name", .string(name))]))
    }

    @Sendable static func get(_ request: ProviderRequest) async throws -> HTTPResponse {
        let id = request.parameters["id"] ?? ""
        let found = try await request.context.read { tx in
            try tx.db.queryOne("SELECT * FROM test_items WHERE namespace = ? AND id = ?", [.text(tx.namespace), .text(id)])
                .map(item)
        }
        guard let found else {
            throw ProviderError("notFound", diagnostics: ["no item \(id) in namespace \(request.context.namespace.name)"])
        }
        return json(200, found)
    }

    @Sendable static func whoami(_ request: ProviderRequest) async throws -> HTTPResponse {
        let context = request.context
        if let text = request.http.headers.first("X-Test-Diagnose") {
            context.diagnose(text)
            context.diagnose("second line")
        }
        return json(200, .object([
            ("namespace", .string(context.namespace.name)),
            ("selection", .string(context.selection.rawValue)),
            ("baseURL", .string(context.baseURL)),
            ("now", .string(Timestamp.rfc3339Milliseconds(context.now))),
        ]))
    }

    // MARK: Namespaces

    func makeConfiguration(_ input: ConfigurationInput) throws -> JSONValue {
        var rng = input.rng
        let key = input.section?["apiKey"]?.stringValue ?? "key-" + RandomID.lowerAlphanumeric(12, using: &rng)
        if input.others.contains(where: { $0.configuration["apiKey"]?.stringValue == key }) {
            throw NamespaceConfigurationError(status: 409, code: "conflict", "videsk.apiKey: already used by another namespace")
        }
        if let items = input.section?["items"], !items.isArray {
            throw NamespaceConfigurationError.invalid("videsk.items", "must be an array")
        }
        return .object([("apiKey", .string(key)), ("greeting", .string(input.section?["greeting"]?.stringValue ?? "hello"))])
    }

    func namespaceDocument(configuration: JSONValue, namespace: NamespaceInfo, publicURL: String) -> JSONValue {
        .object([("baseURL", .string(publicURL + "/test")), ("apiKey", configuration["apiKey"] ?? .null),
                 ("greeting", configuration["greeting"] ?? .null)])
    }

    func updateSettings(_ patch: JSONValue, configuration: JSONValue) throws -> JSONValue {
        var updated = configuration
        for (key, value) in patch.objectValue ?? [] {
            guard key == "greeting" else { throw NamespaceConfigurationError.invalid(key, "unknown setting") }
            guard value.stringValue != nil else { throw NamespaceConfigurationError.invalid(key, "must be a string") }
            _ = updated.set(key, value)
        }
        return updated
    }

    // MARK: Requests

    func identifyNamespace(_ request: HTTPRequest, match: ProviderRouteMatch?, among namespaces: [NamespaceInfo]) -> String? {
        guard let key = request.headers.first(Self.credentialHeader) else { return nil }
        return namespaces.first { $0.configuration(id)["apiKey"]?.stringValue == key }?.name
    }

    func unknownNamespace(_ request: HTTPRequest, name: String) -> UnknownNamespaceAnswer {
        UnknownNamespaceAnswer(response: Self.json(401, .object([("error", "unauthorized")])), journalInDefault: true,
                               diagnostic: "unknown namespace \(name)")
    }

    func routingFailure(_ request: HTTPRequest, failure: RoutingFailure, context: ProviderContext) -> PreRouteAnswer {
        switch failure {
        case .notFound:
            return PreRouteAnswer(response: Self.json(404, .object([("error", "no such route")])), operation: "unmatched")
        case .methodNotAllowed(let allowed):
            var response = Self.json(405, .object([("error", "method")]))
            response.headers.set("Allow", allowed.map(\.rawValue).joined(separator: ","))
            return PreRouteAnswer(response: response, operation: "unmatched")
        }
    }

    // MARK: State

    func handle(_ event: ClockEvent, in transaction: TransactionContext) throws {
        guard event.kind == Self.expiredEvent else { return }
        try transaction.db.execute("UPDATE test_items SET state = 'expired' WHERE namespace = ? AND id = ?",
                                   [.text(transaction.namespace), .text(event.key)])
        if let url = event.payload["url"]?.stringValue {
            try transaction.enqueue(.callback(event: Self.expiredEvent, url: url,
                                              headers: [("Content-Type", "application/json")],
                                              body: #"{"expired":"\#(event.key)"}"#))
        }
    }

    func applyFixtures(_ section: JSONValue?, configuration: JSONValue, in transaction: TransactionContext) throws {
        for (index, item) in (section?["items"]?.arrayValue ?? []).enumerated() {
            guard let id = item["id"]?.stringValue else {
                throw NamespaceConfigurationError.invalid("videsk.items[\(index)].id", "required")
            }
            try transaction.db.execute("INSERT INTO test_items (namespace, id, name, state) VALUES (?, ?, ?, ?)",
                                       [.text(transaction.namespace), .text(id),
                                        .text(item["name"]?.stringValue ?? id),
                                        .text(item["state"]?.stringValue ?? "active")])
        }
    }

    func exportState(configuration: JSONValue, in transaction: TransactionContext) throws -> JSONValue {
        let items = try transaction.db.query("SELECT * FROM test_items WHERE namespace = ? ORDER BY id",
                                             [.text(transaction.namespace)]).map(Self.item)
        return .object([("greeting", configuration["greeting"] ?? .null), ("items", .array(items))])
    }

    func deleteState(in transaction: TransactionContext) throws {
        try transaction.db.execute("DELETE FROM test_items WHERE namespace = ?", [.text(transaction.namespace)])
    }
}
