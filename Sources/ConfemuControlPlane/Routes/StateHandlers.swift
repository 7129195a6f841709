import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// State export and snapshots (control-plane.md §9).
enum StateHandlers {
    @Sendable static func state(_ request: ControlRequest) async throws -> HTTPResponse {
        ControlJSON.ok(try await request.engine.exportState(namespace: try request.namespace().name))
    }

    @Sendable static func createSnapshot(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        guard let name = try request.jsonObjectBody()["name"]?.stringValue else {
            throw ControlError(400, "invalid-request", "name: required string")
        }
        let snapshot = try await request.engine.createSnapshot(namespace: info.name, snapshot: name)
        return ControlJSON.response(201, render(snapshot))
    }

    @Sendable static func listSnapshots(_ request: ControlRequest) async throws -> HTTPResponse {
        ControlJSON.items(try await request.engine.snapshots(namespace: try request.namespace().name).map(render))
    }

    @Sendable static func restoreSnapshot(_ request: ControlRequest) async throws -> HTTPResponse {
        try await request.engine.restoreSnapshot(namespace: try request.namespace().name,
                                                 snapshot: request.parameters["snapshot"] ?? "")
        return ControlJSON.noContent()
    }

    @Sendable static func deleteSnapshot(_ request: ControlRequest) async throws -> HTTPResponse {
        try await request.engine.deleteSnapshot(namespace: try request.namespace().name,
                                                snapshot: request.parameters["snapshot"] ?? "")
        return ControlJSON.noContent()
    }

    static func render(_ snapshot: SnapshotInfo) -> JSONValue {
        .object([("name", .string(snapshot.name)), ("createdAt", ControlRendering.time(snapshot.createdMilliseconds))])
    }
}
