import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// JSON shapes shared by every control-plane answer (control-plane.md §12).
enum ControlRendering {
    static func time(_ milliseconds: Int64) -> JSONValue {
        .string(Timestamp.rfc3339Milliseconds(NamespaceClock.date(milliseconds)))
    }

    static func catalogueEntry(_ entry: CatalogueEntry, provider: ProviderID) -> JSONValue {
        let sample = entry.render(ErrorRenderInput(operation: entry.operations.first.flatMap { $0 == "*" ? nil : $0 }))
        let firstOperation = entry.operations.first ?? "*"
        return .object([
            ("provider", .string(provider.rawValue)),
            ("key", .string(entry.key)),
            ("kind", .string(entry.kind.rawValue)),
            ("status", .integer(entry.status)),
            ("contentType", .string(entry.contentType)),
            ("body", .string(String(decoding: sample.body, as: UTF8.self))),
            ("operations", .array(entry.operations.map(JSONValue.string))),
            ("rule", .object([
                ("match", .object([("provider", .string(provider.rawValue)), ("operation", .string(firstOperation))])),
                ("effect", .object([("error", .string(entry.key))])),
            ])),
        ])
    }

    static func fault(_ rule: FaultRule) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("id", .string(rule.id))]
        if case .object(let posted) = rule.document { members += posted }
        members.append(("hits", .integer(rule.hits)))
        members.append(("remaining", rule.remaining.map { .integer($0) } ?? .null))
        return .object(members)
    }

    static func firedEvent(_ event: FiredEvent) -> JSONValue {
        .object([("name", .string(event.name)), ("at", time(event.atMilliseconds)), ("subject", event.subject)])
    }

    static func journalEntry(_ entry: JournalEntry) -> JSONValue {
        .object([
            ("id", .string(entry.id)),
            ("time", time(entry.timeMilliseconds)),
            ("provider", .string(entry.provider.rawValue)),
            ("operation", entry.operation.map(JSONValue.string) ?? .null),
            ("method", .string(entry.method)),
            ("path", .string(entry.path)),
            ("query", entry.query.map(JSONValue.string) ?? .null),
            ("requestHeaders", .object(entry.requestHeaders.map { ($0.name, JSONValue.string($0.value)) })),
            ("requestBody", .string(entry.requestBody)),
            ("status", .integer(entry.status)),
            ("responseBody", .string(entry.responseBody)),
            ("durationMs", .double((entry.durationMs * 1000).rounded() / 1000)),
            ("faultId", entry.faultID.map(JSONValue.string) ?? .null),
            ("diagnostics", .array(entry.diagnostics.map(JSONValue.string))),
        ])
    }
}
