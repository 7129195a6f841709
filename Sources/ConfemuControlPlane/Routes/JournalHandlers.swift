import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// The request journal (control-plane.md §5).
enum JournalHandlers {
    @Sendable static func list(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        let query = request.http.query
        var filter = try filterFrom(provider: query.first("provider"), operation: query.first("operation"),
                                    status: query.first("status"))
        if let since = query.first("since"), !since.isEmpty {
            guard let date = Timestamp.parseRFC3339(since) else {
                throw ControlError(400, "invalid-request", "since: must be an RFC 3339 time")
            }
            filter.sinceMilliseconds = NamespaceClock.milliseconds(date)
        }
        var limit: Int?
        if let text = query.first("limit"), !text.isEmpty {
            guard let value = Int(text), value >= 0 else { throw ControlError(400, "invalid-request", "limit: must be a non-negative integer") }
            limit = value
        }
        let entries = request.engine.journal.list(namespace: info.name, filter: filter, limit: limit)
        return ControlJSON.items(entries.map(ControlRendering.journalEntry))
    }

    @Sendable static func count(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        let filter = try filterFrom(body: try request.jsonObjectBody())
        return ControlJSON.ok(.object([("count", .integer(request.engine.journal.count(namespace: info.name,
                                                                                                 filter: filter)))]))
    }

    @Sendable static func wait(_ request: ControlRequest) async throws -> HTTPResponse {
        let info = try request.namespace()
        let body = try request.jsonObjectBody()
        let filter = try filterFrom(body: body)
        let count = body["count"]?.intValue ?? 1
        let timeout = body["timeoutMs"]?.intValue ?? 5000
        guard count >= 0, timeout >= 0, timeout <= 300_000 else {
            throw ControlError(400, "invalid-request", "count must be >= 0 and timeoutMs from 0 to 300000")
        }
        guard let entries = await request.engine.journal.wait(namespace: info.name, filter: filter, count: count,
                                                               timeoutMilliseconds: timeout) else {
            return ControlJSON.error(408, "timeout", "fewer than \(count) matching requests after \(timeout) ms")
        }
        return ControlJSON.items(entries.map(ControlRendering.journalEntry))
    }

    @Sendable static func clear(_ request: ControlRequest) async throws -> HTTPResponse {
        request.engine.journal.clear(namespace: try request.namespace().name)
        return ControlJSON.noContent()
    }

    static func filterFrom(body: JSONValue) throws -> JournalFilter {
        let status: String? = body["status"].flatMap { $0.isNull ? nil : ($0.intValue.map(String.init) ?? $0.stringValue) }
        return try filterFrom(provider: body["provider"]?.stringValue, operation: body["operation"]?.stringValue,
                              status: status)
    }

    static func filterFrom(provider: String?, operation: String?, status: String?) throws -> JournalFilter {
        var filter = JournalFilter()
        if let provider, !provider.isEmpty {
            guard let id = ProviderID(rawValue: provider) else {
                throw ControlError(400, "invalid-request", "provider: unknown provider '\(provider)'")
            }
            filter.provider = id
        }
        if let operation, !operation.isEmpty { filter.operation = operation }
        if let status, !status.isEmpty {
            guard let code = Int(status) else { throw ControlError(400, "invalid-request", "status: must be an integer") }
            filter.status = code
        }
        return filter
    }
}
