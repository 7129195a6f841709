import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import Foundation

/// A parsed session-service body (proconf.md §3.4, §6).
enum ProConfBody: Sendable {
    case json(JSONValue)
    /// Form fields in received order (Twilio callbacks, §6).
    case form([(name: String, value: String)])

    static let limit = 1_048_576

    /// §3.4 in order: 415, 413, 400, 422. Throws the catalogue error.
    static func parse(_ request: HTTPRequest, operation: String, behaviours: Set<String>) throws -> ProConfBody {
        let raw = request.headers.first("Content-Type")
        let mediaType = raw.map { value in
            String(value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: .whitespaces).lowercased()
        }
        let isForm = mediaType == "application/x-www-form-urlencoded"
        if let raw, let mediaType, mediaType != "application/json" {
            // §6: the webhook also takes form posts, unless the quirk `webhookFormPost415` fires.
            let formAllowed = operation == ProConfOperation.webhookSession && isForm
                && !behaviours.contains(ProConfKey.webhookFormPost415)
            if !formAllowed {
                throw ProviderError(ProConfKey.unsupportedMediaType, parameters: ["contentType": raw])
            }
        }
        if request.bodyTooLarge || request.body.count > limit {
            throw ProviderError(ProConfKey.payloadTooLarge)
        }
        if isForm {
            return .form(QueryParameters(decoding: request.body).pairs)
        }
        let emptyBody500 = behaviours.contains(ProConfKey.emptyBody500)
        let value: JSONValue
        if request.body.isEmpty {
            // §3.4: an empty body is `{}` (upstream crashes: quirk `emptyBody500`).
            if emptyBody500 { throw ProviderError(ProConfKey.internalError, diagnostics: ["body: empty (emptyBody500)"]) }
            value = .object([])
        } else {
            // V8 decodes with U+FFFD replacement before parsing (JSONParseError.v8Message).
            do {
                value = try JSONValue(parsing: Array(String(decoding: request.body, as: UTF8.self).utf8))
            } catch {
                throw ProviderError(ProConfKey.malformedJson, parameters: ["message": error.v8Message],
                                    diagnostics: ["body: \(error.description)"])
            }
        }
        if emptyBody500, !ProConfDates.isTruthy(value) {
            throw ProviderError(ProConfKey.internalError, diagnostics: ["body: falsy JSON value (emptyBody500)"])
        }
        let details = operation == ProConfOperation.sessionEdit ? validateEdit(value) : validateObject(value)
        if !details.isEmpty {
            throw ProviderError(ProConfKey.validationFailed,
                                parameters: ["details": JSONValue.array(details).jsonString()])
        }
        return .json(value)
    }

    static func validateObject(_ value: JSONValue) -> [JSONValue] {
        value.isObject ? [] : [ProConfResponse.rootMustBeObject]
    }

    enum FieldType {
        case boolean, string, number, object, dateTime, dateTimeOrNull, stringOrNull
    }

    /// `VideoChatSessionPartial` in schema order (§3.4).
    static let editSchema: [(String, FieldType)] = [
        ("deleted", .boolean), ("deletedOn", .dateTimeOrNull), ("deletedBy", .stringOrNull),
        ("createdOn", .dateTime), ("modifiedOn", .dateTime), ("createdBy", .string), ("modifiedBy", .string),
        ("id", .number), ("sessionId", .string), ("meetingLink", .string), ("isScheduled", .boolean),
        ("scheduleTime", .dateTime), ("isArchived", .boolean), ("archiveId", .string), ("uploadTarget", .string),
        ("startTime", .dateTime), ("endTime", .dateTime), ("extId", .string), ("extMetadata", .object),
    ]

    static func validateEdit(_ value: JSONValue) -> [JSONValue] {
        guard case .object(let members) = value else { return [ProConfResponse.rootMustBeObject] }
        var details: [JSONValue] = []
        let known = Set(editSchema.map(\.0))
        var seen = Set<String>()
        for (key, _) in members where !known.contains(key) && seen.insert(key).inserted {
            details.append(.object([("path", ""), ("code", "additionalProperties"),
                                    ("message", "must NOT have additional properties"),
                                    ("info", .object([("additionalProperty", .string(key))]))]))
        }
        for (name, type) in editSchema {
            guard let field = value[name] else { continue }
            if let detail = check(field, type, path: "/" + name) { details.append(detail) }
        }
        return details
    }

    private static func typeDetail(_ path: String, _ type: JSONValue, _ label: String) -> JSONValue {
        .object([("path", .string(path)), ("code", "type"), ("message", .string("must be \(label)")),
                 ("info", .object([("type", type)]))])
    }

    /// One schema failure for a field, or nil. (JSONValue is nil-literal expressible: no `?:` with `nil` here.)
    private static func check(_ value: JSONValue, _ type: FieldType, path: String) -> JSONValue? {
        let formatDetail: JSONValue = .object([
            ("path", .string(path)), ("code", "format"), ("message", "must match format \"date-time\""),
            ("info", .object([("format", "date-time")])),
        ])
        var ok: Bool
        var failure: JSONValue
        switch type {
        case .boolean:
            ok = value.boolValue != nil
            failure = typeDetail(path, "boolean", "boolean")
        case .string:
            ok = value.stringValue != nil
            failure = typeDetail(path, "string", "string")
        case .number:
            ok = value.numberValue != nil
            failure = typeDetail(path, "number", "number")
        case .object:
            ok = value.isObject
            failure = typeDetail(path, "object", "object")
        case .dateTime, .dateTimeOrNull:
            if type == .dateTimeOrNull, value.isNull { return Optional<JSONValue>.none }
            if let text = value.stringValue {
                ok = ProConfDates.isDateTime(text)
                failure = formatDetail
            } else {
                ok = false
                failure = type == .dateTime ? typeDetail(path, "string", "string")
                    : typeDetail(path, ["string", "null"], "string,null")
            }
        case .stringOrNull:
            ok = value.isNull || value.stringValue != nil
            failure = typeDetail(path, ["string", "null"], "string,null")
        }
        return ok ? Optional<JSONValue>.none : Optional(failure)
    }
}
