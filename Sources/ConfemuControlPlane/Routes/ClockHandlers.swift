import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// The virtual clock (control-plane.md §6).
enum ClockHandlers {
    @Sendable static func get(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        return ControlJSON.ok(request.engine.clockDocument(info.clock, real: request.engine.wallClock.now()))
    }

    @Sendable static func advance(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        guard let seconds = try request.jsonObjectBody()["seconds"]?.doubleValue else {
            throw ControlError(400, "invalid-request", "seconds: required number")
        }
        let (updated, fired) = try await request.engine.advanceClock(namespace: info.name, seconds: seconds)
        return ControlJSON.ok(answer(updated, fired, engine: request.engine))
    }

    @Sendable static func set(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        guard let text = try request.jsonObjectBody()["now"]?.stringValue, let target = Timestamp.parseRFC3339(text) else {
            throw ControlError(400, "invalid-request", "now: required RFC 3339 time, e.g. 2027-01-01T00:00:00Z")
        }
        let (updated, fired) = try await request.engine.setClock(namespace: info.name, to: target)
        return ControlJSON.ok(answer(updated, fired, engine: request.engine))
    }

    @Sendable static func freeze(_ request: ControlRequest) async throws -> HTTPResponse {
        let updated = try await request.engine.freezeClock(namespace: try request.namespace().name)
        return ControlJSON.ok(request.engine.clockDocument(updated.clock, real: request.engine.wallClock.now()))
    }

    @Sendable static func resume(_ request: ControlRequest) async throws -> HTTPResponse {
        let updated = try await request.engine.resumeClock(namespace: try request.namespace().name)
        return ControlJSON.ok(request.engine.clockDocument(updated.clock, real: request.engine.wallClock.now()))
    }

    static func answer(_ info: NamespaceInfo, _ fired: [FiredEvent], engine: Engine) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if case .object(let clock) = engine.clockDocument(info.clock, real: engine.wallClock.now()) { members = clock }
        members.append(("events", .array(fired.map(ControlRendering.firedEvent))))
        return .object(members)
    }
}
