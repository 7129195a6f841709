import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuSupport

/// Session creation, ending, archives and the clock (proconf.md §9).
enum ProConfLifecycle {
    /// The nanoid alphabet (§9.1).
    static let nanoidAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

    static func newMeetingLink(_ tx: TransactionContext) throws -> String {
        // §9.1: regenerated on a collision within the namespace (never a 409).
        for _ in 0..<64 {
            let link = tx.random { rng in String((0..<10).map { _ in nanoidAlphabet[Int(rng.next() & 63)] }) }
            if try ProConfStore.session(link: link, tx) == nil { return link }
        }
        return tx.random { rng in String((0..<21).map { _ in nanoidAlphabet[Int(rng.next() & 63)] }) }
    }

    /// §9.1: `2_` + base64url of `1~<apiKey>~~<createdOn ms>~<24 random [A-Za-z0-9]>`.
    static func newSessionId(apiKey: String, createdMs: Int64, _ tx: TransactionContext) -> String {
        let random = tx.random { RandomID.alphanumeric(24, using: &$0) }
        return "2_" + Base64URL.encode("1~\(apiKey)~~\(createdMs)~\(random)")
    }

    static func startableKey(_ session: ProConfSession) -> String { "session:\(session.id)" }

    /// Creates a session and plans its startable event (§5.1 step 3, §9.4).
    static func create(link: String?, isScheduled: Bool, scheduleMs: Int64?, isArchived: Bool, user: String?,
                       startNow: Bool = false, config: ProConfConfiguration,
                       _ tx: TransactionContext) throws -> ProConfSession {
        let now = tx.nowMilliseconds
        let meetingLink = try link ?? newMeetingLink(tx)
        var session = ProConfSession(
            id: try ProConfStore.nextID("proconf_sessions", tx),
            sessionId: newSessionId(apiKey: config.vonageApiKey, createdMs: now, tx), meetingLink: meetingLink,
            isScheduled: isScheduled, scheduleMs: isScheduled ? (scheduleMs ?? now) : now, isArchived: isArchived,
            createdMs: now)
        session.createdBy = user
        session.modifiedBy = user
        if startNow { session.startMs = now }
        try ProConfStore.insert(session, tx)
        try planStartable(session, config: config, tx)
        return session
    }

    /// §9.3: at `scheduleTime` − `timeToStart`, for scheduled sessions not ended; an instant already reached
    /// schedules nothing. Editing re-plans (or cancels).
    static func planStartable(_ session: ProConfSession, config: ProConfConfiguration, _ tx: TransactionContext) throws {
        try tx.cancel(ProConfEvent.sessionStartable, key: startableKey(session))
        guard session.isScheduled, session.endMs == nil else { return }
        let due = session.startableMs(timeToStart: config.timeToStart)
        guard due > tx.nowMilliseconds else { return }
        try tx.schedule(ProConfEvent.sessionStartable, atMilliseconds: due, key: startableKey(session),
                        subject: session.subject)
    }

    /// §9.2 "When a session ends".
    @discardableResult
    static func end(_ original: ProConfSession, byControlPlane: Bool, user: String?, config: ProConfConfiguration,
                    _ tx: TransactionContext) throws -> ProConfSession {
        var session = original
        let now = tx.nowMilliseconds
        session.endMs = now
        try tx.cancel(ProConfEvent.sessionStartable, key: startableKey(session))
        session.summaryId = try ProConfStore.nextSummaryID(tx)
        if user != nil { session.modifiedBy = user }
        let attendees = try ProConfStore.attendees(sessionId: session.sessionId, tx)
        if session.isArchived, let earliest = attendees.map(\.createdMs).min() {
            let archiveId = tx.random { RandomID.uuid(using: &$0) }
            let meta = archiveMeta(id: archiveId, createdAt: earliest, duration: max(0, (now - earliest) / 1000),
                                   apiKey: config.vonageApiKey, sessionId: session.sessionId)
            try ProConfStore.insertArchive(meta, tx)
            session.archiveId = archiveId
            try planProcessing(session: session, archiveId: archiveId, dueMs: now + 30_000, tx)
        }
        try ProConfStore.update(session, tx)
        if byControlPlane {
            for attendee in attendees where !attendee.isDeleted {
                let payload = vonagePayload(event: "connectionDestroyed", session: session, attendee: attendee.attendee,
                                            reason: "forceDisconnected", config: config, tx)
                try ProConfStore.updateAttendee(id: attendee.id, isDeleted: true, modifiedMs: now,
                                                extMetadata: .object([("webhookPayload", payload)]), user: nil, tx)
            }
        }
        return session
    }

    /// Schedules `available` or `uploaded` by the storage target in force (§9.3).
    static func planProcessing(session: ProConfSession, archiveId: String, dueMs: Int64,
                               _ tx: TransactionContext) throws {
        let kind = try ProConfStore.storageTarget(tx).isNull ? ProConfEvent.archiveAvailable
            : ProConfEvent.archiveUploaded
        try tx.schedule(kind, atMilliseconds: dueMs, key: archiveId,
                        subject: .object([("meetingLink", .string(session.meetingLink)),
                                          ("sessionId", .string(session.sessionId)),
                                          ("archiveId", .string(archiveId))]))
    }

    /// After `PUT /archives/storage-target`, archives still processing finish as `uploaded` (§7.4).
    static func replanProcessing(_ tx: TransactionContext) throws {
        for session in try ProConfStore.sessions(tx) {
            guard let archiveId = session.archiveId,
                  let due = try tx.pendingEvent(ProConfEvent.archiveAvailable, key: archiveId) else { continue }
            try tx.cancel(ProConfEvent.archiveAvailable, key: archiveId)
            try planProcessing(session: session, archiveId: archiveId, dueMs: due, tx)
        }
    }

    /// §7.1 key order.
    static func archiveMeta(id: String, createdAt: Int64, duration: Int64, apiKey: String, sessionId: String,
                            status: String = "stopped", size: Int64 = 0, url: String? = nil,
                            name: String? = nil) -> JSONValue {
        .object([
            ("createdAt", .integer(createdAt)), ("duration", .integer(duration)), ("hasAudio", true),
            ("hasVideo", true), ("id", .string(id)), ("name", JSONValue(name)), ("outputMode", "composed"),
            ("projectId", .string(apiKey)), ("reason", "session ended"), ("resolution", "640x480"),
            ("sessionId", .string(sessionId)), ("size", .integer(size)), ("status", .string(status)),
            ("streamMode", "auto"), ("streams", .array([])), ("url", JSONValue(url)),
        ])
    }

    /// §7.1: the service's wrapping.
    static func wrapped(_ meta: JSONValue) -> JSONValue {
        .object([("name", meta["name"] ?? .null), ("sessionId", meta["sessionId"] ?? .null), ("metaData", meta)])
    }

    /// A synthesized Vonage session-monitoring callback (§9.5).
    static func vonagePayload(event: String, session: ProConfSession, attendee: String, reason: String?,
                              config: ProConfConfiguration, _ tx: TransactionContext) -> JSONValue {
        let connectionId = tx.random { RandomID.uuid(using: &$0) }
        var members: [JSONMember] = [
            ("sessionId", .string(session.sessionId)), ("projectId", .string(config.vonageApiKey)),
            ("event", .string(event)), ("timestamp", .integer(tx.nowMilliseconds)),
            ("connection", .object([("id", .string(connectionId)), ("createdAt", .integer(tx.nowMilliseconds)),
                                    ("data", .string(attendee))])),
        ]
        if let reason { members.append(("reason", .string(reason))) }
        return .object(members)
    }

    /// §9.3 effects.
    static func handle(_ event: ClockEvent, _ tx: TransactionContext) throws {
        switch event.kind {
        case ProConfEvent.archiveAvailable, ProConfEvent.archiveUploaded:
            guard let stored = try ProConfStore.archive(event.key, tx), !stored.deleted,
                  case .object(var members) = stored.meta else { return }
            let duration = stored.meta["duration"]?.int64Value ?? 0
            // The archive's `projectId` is the namespace's `vonageApiKey` (§7.1).
            let apiKey = stored.meta["projectId"]?.stringValue ?? ""
            let uploaded = !(try ProConfStore.storageTarget(tx).isNull)
            let size: Int64 = max(duration, 1) * 125_000
            let url: JSONValue = uploaded ? .null
                : .string("https://archives.confemu.test/\(apiKey)/\(stored.archiveId)/archive.mp4")
            for index in members.indices {
                switch members[index].key {
                case "status": members[index].value = .string(uploaded ? "uploaded" : "available")
                case "size": members[index].value = .integer(size)
                case "url": members[index].value = url
                default: break
                }
            }
            try ProConfStore.updateArchive(stored.archiveId, meta: .object(members), deleted: false, tx)
        default:
            // proconf.session.startable: startability follows from the clock (§9.2); the event marks the instant.
            return
        }
    }
}
