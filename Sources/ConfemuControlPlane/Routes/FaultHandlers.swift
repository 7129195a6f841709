import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// Fault rules (control-plane.md §4).
enum FaultHandlers {
    @Sendable static func create(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        let rule = try await request.engine.addFault(namespace: info.name, document: try request.jsonObjectBody())
        return ControlJSON.response(201, ControlRendering.fault(rule))
    }

    @Sendable static func list(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        return ControlJSON.items(request.engine.faults.list(namespace: info.name).reversed().map(ControlRendering.fault))
    }

    @Sendable static func delete(_ request: ControlRequest) async throws -> HTTPResponse {
        try await request.engine.deleteFault(namespace: try request.namespace().name, id: request.parameters["id"] ?? "")
        return ControlJSON.noContent()
    }

    @Sendable static func deleteAll(_ request: ControlRequest) async throws -> HTTPResponse {
        try await request.engine.deleteAllFaults(namespace: try request.namespace().name)
        return ControlJSON.noContent()
    }
}
