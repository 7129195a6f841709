import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

/// `POST /webhooks/session` (proconf.md §6).
enum ProConfWebhookHandler {
    enum Change {
        case insert
        case set(isDeleted: Bool)
    }

    @Sendable static func handle(_ call: ProConfCall) async throws -> HTTPResponse {
        let quirk = call.behaviours.contains(ProConfKey.upstreamWebhook500)
        var payload: JSONValue
        var fields: (event: String?, sessionId: String?, attendee: String?, reason: String?, twilio: Bool)
        switch call.body {
        case .form(let pairs):
            payload = .object(pairs.map { ($0.name, JSONValue.string($0.value)) })
            fields = (payload["StatusCallbackEvent"]?.stringValue, payload["RoomSid"]?.stringValue,
                      payload["ParticipantSid"]?.stringValue, nil, true)
        case .json(let value):
            payload = value
            if value.contains(key: "statusCallbackEvent") {
                fields = (value["statusCallbackEvent"]?.stringValue, value["roomSid"]?.stringValue,
                          value["participantSid"]?.stringValue, nil, true)
            } else {
                let connection = ProConfDates.object(value["connection"])
                    ?? ProConfDates.object(value["stream"]?["connection"])
                var attendee: String?
                if let connection {
                    let data = connection["data"] ?? .null
                    attendee = data.isNull ? "" : (data.stringValue ?? data.jsonString())
                }
                fields = (value["event"]?.stringValue, value["sessionId"]?.stringValue, attendee,
                          value["reason"]?.stringValue, false)
            }
        case nil:
            payload = .object([])
            fields = (nil, nil, nil, nil, false)
        }
        // §12 quirk 1: upstream reads the top-level `connection` and crashes without it.
        if quirk, payload["connection"] == nil {
            throw ProviderError(ProConfKey.internalError, diagnostics: ["webhook: no top-level connection (upstreamWebhook500)"])
        }
        guard let sessionId = fields.sessionId else { return ignored(call, fields.twilio ? "no RoomSid" : "no sessionId string") }
        guard let event = fields.event else { return ignored(call, fields.twilio ? "no StatusCallbackEvent" : "no event string") }
        guard let attendee = fields.attendee else {
            return ignored(call, fields.twilio ? "no ParticipantSid" : "no connection object")
        }
        let twilio = fields.twilio
        let reason = fields.reason
        let stored = payload
        let user = call.userID
        try await call.context.write { tx in
            let existing = try ProConfStore.attendee(sessionId: sessionId, attendee: attendee, tx)
            guard let change = change(event: event, reason: reason, exists: existing != nil, twilio: twilio) else {
                return
            }
            if quirk {
                throw ProviderError(ProConfKey.internalError, diagnostics: ["webhook: row change refused (upstreamWebhook500)"])
            }
            let metadata: JSONValue = .object([("webhookPayload", stored)])
            switch (change, existing) {
            case (.insert, _):
                try ProConfStore.insertAttendee(sessionId: sessionId, attendee: attendee, createdMs: tx.nowMilliseconds,
                                                modifiedMs: nil, isDeleted: false, extMetadata: metadata, user: user, tx)
            case (.set(let isDeleted), .some(let row)):
                try ProConfStore.updateAttendee(id: row.id, isDeleted: isDeleted, modifiedMs: tx.nowMilliseconds,
                                                extMetadata: metadata, user: user, tx)
            case (.set, nil):
                return
            }
        }
        return ProConfResponse.noContent
    }

    /// The §6 tables; nil = nothing at all.
    static func change(event: String, reason: String?, exists: Bool, twilio: Bool) -> Change? {
        if twilio {
            switch event {
            case "participant-connected": return exists ? .set(isDeleted: false) : .insert
            case "participant-disconnected": return exists ? .set(isDeleted: true) : nil
            default: return nil
            }
        }
        guard exists else { return event == "connectionCreated" ? .insert : nil }
        switch event {
        case "connectionCreated": return .set(isDeleted: false)
        case "streamCreated": return nil
        case "streamDestroyed":
            return reason == "forceUnpublished" || reason == "mediaStopped" ? nil : .set(isDeleted: true)
        case "connectionDestroyed": return .set(isDeleted: true)
        default: return nil
        }
    }

    static func ignored(_ call: ProConfCall, _ reason: String) -> HTTPResponse {
        call.context.diagnose("webhook: ignored (\(reason))")
        return ProConfResponse.noContent
    }
}
