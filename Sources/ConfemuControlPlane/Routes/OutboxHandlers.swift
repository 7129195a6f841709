import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// The outbox of callbacks and mails (control-plane.md §7).
enum OutboxHandlers {
    @Sendable static func list(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        let query = request.http.query
        let filter = try filter(kind: query.first("kind"), event: query.first("event"), state: query.first("state"))
        return ControlJSON.items(try await request.engine.outbox(namespace: info.name, filter: filter).map(render))
    }

    @Sendable static func wait(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        let body = try request.jsonObjectBody()
        let filter = try filter(kind: body["kind"]?.stringValue, event: body["event"]?.stringValue,
                                state: body["state"]?.stringValue)
        let count = body["count"]?.intValue ?? 1
        let timeout = body["timeoutMs"]?.intValue ?? 5000
        guard count >= 0, timeout >= 0, timeout <= 300_000 else {
            throw ControlError(400, "invalid-request", "count must be >= 0 and timeoutMs from 0 to 300000")
        }
        guard let entries = try await request.engine.waitForOutbox(namespace: info.name, filter: filter, count: count,
                                                                    timeoutMilliseconds: timeout) else {
            return ControlJSON.error(408, "timeout", "fewer than \(count) matching outbox entries after \(timeout) ms")
        }
        return ControlJSON.items(entries.map(render))
    }

    @Sendable static func redeliver(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        guard let id = Int64(request.parameters["id"] ?? "") else {
            throw ControlError(404, "not-found", "no outbox entry '\(request.parameters["id"] ?? "")'")
        }
        return ControlJSON.ok(render(try await request.engine.redeliver(namespace: info.name, id: id)))
    }

    static func filter(kind: String?, event: String?, state: String?) throws -> OutboxFilter {
        if let kind, !kind.isEmpty, kind != "callback", kind != "mail" {
            throw ControlError(400, "invalid-request", "kind: must be callback or mail")
        }
        return OutboxFilter(kind: kind?.isEmpty == true ? nil : kind, event: event?.isEmpty == true ? nil : event,
                            state: state?.isEmpty == true ? nil : state)
    }

    static func render(_ entry: OutboxEntry) -> JSONValue {
        var headers: [(key: String, value: JSONValue)] = []
        for pair in entry.headers.arrayValue ?? [] {
            if let name = pair[0]?.stringValue, let value = pair[1]?.stringValue { headers.append((name, .string(value))) }
        }
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(String(entry.id))),
            ("kind", .string(entry.kind)),
            ("provider", .string(entry.provider)),
            ("event", .string(entry.event)),
        ]
        if let url = entry.url { members.append(("url", .string(url))) }
        if let to = entry.to { members.append(("to", .string(to))) }
        members += [
            ("method", .string(entry.method)),
            ("headers", .object(headers)),
            ("body", .string(entry.body)),
        ]
        if case .object(let details) = entry.details { members += details }
        members += [
            ("attempts", .array(entry.attempts)),
            ("state", .string(entry.state)),
            ("createdAt", ControlRendering.time(entry.createdMilliseconds)),
        ]
        return .object(members)
    }
}
