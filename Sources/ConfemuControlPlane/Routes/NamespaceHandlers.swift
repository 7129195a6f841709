import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// Namespaces (control-plane.md §2).
enum NamespaceHandlers {
    @Sendable static func create(_ request: ControlRequest) async throws -> HTTPResponse {
        let body = try request.jsonObjectBody()
        var name: String?
        if let value = body["name"], !value.isNull {
            guard let text = value.stringValue else { throw ControlError(400, "invalid-request", "name: must be a string") }
            name = text
        }
        var seed: UInt64?
        if let value = body["seed"], !value.isNull {
            guard let number = value.intValue, number >= 0 else {
                throw ControlError(400, "invalid-request", "seed: must be a non-negative integer")
            }
            seed = UInt64(number)
        }
        var fixtures: JSONValue?
        if let value = body["fixtures"], !value.isNull { fixtures = value }
        let info = try await request.engine.createNamespace(name: name, seed: seed, fixtures: fixtures)
        return ControlJSON.response(201, request.engine.document(info))
    }

    @Sendable static func list(_ request: ControlRequest) async throws -> HTTPResponse {
        let engine = request.engine
        return ControlJSON.items(engine.namespaces().map(engine.document))
    }

    @Sendable static func get(_ request: ControlRequest) async throws -> HTTPResponse {
        ControlJSON.ok(request.engine.document(try request.namespace()))
    }

    @Sendable static func delete(_ request: ControlRequest) async throws -> HTTPResponse {
        try await request.engine.deleteNamespace(try request.namespace().name)
        return ControlJSON.noContent()
    }

    @Sendable static func reset(_ request: ControlRequest) async throws -> HTTPResponse {
        try await request.engine.resetNamespace(try request.namespace().name)
        return ControlJSON.noContent()
    }

    @Sendable static func resetAll(_ request: ControlRequest) async throws -> HTTPResponse {
        try await request.engine.resetAll()
        return ControlJSON.noContent()
    }

    @Sendable static func settings(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        let name = request.parameters["provider"] ?? ""
        guard let provider = ProviderID(rawValue: name), request.engine.provider(provider) != nil else {
            throw ControlError(404, "not-found", "unknown provider '\(name)' (bbb, jitsiAdmin, videsk, proconf)")
        }
        let updated = try await request.engine.updateSettings(namespace: info.name, provider: provider,
                                                              patch: try request.jsonObjectBody())
        return ControlJSON.ok(request.engine.document(updated))
    }
}
