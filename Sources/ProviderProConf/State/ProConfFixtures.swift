import ConfemuEngine
import ConfemuFormats
import ConfemuSupport

/// The state part of the `proconf` fixtures section and `GET …/state` (proconf.md §2.4).
enum ProConfFixtures {
    typealias Problem = NamespaceConfigurationError

    struct SessionFixture {
        var meetingLink: String
        var sessionId: String?
        var isScheduled: Bool
        var scheduleMs: Int64?
        var isArchived: Bool
        var archiveId: String?
        var createdMs: Int64?
        var startMs: Int64?
        var endMs: Int64?
        var catchup: String?
    }

    struct AttendeeFixture {
        var sessionId: String?
        var meetingLink: String?
        var attendee: String
        var createdMs: Int64?
        var modifiedMs: Int64?
        var isDeleted: Bool
        var extMetadata: JSONValue
    }

    struct Parsed {
        var storageTarget: JSONValue = .null
        var sessions: [SessionFixture] = []
        var attendees: [AttendeeFixture] = []
        var archives: [(meta: JSONValue, meetingLink: String?)] = []
        var announced: [String] = []
    }

    /// Checks the state keys (called by `makeConfiguration` so that a bad section refuses the namespace).
    static func validateState(_ section: JSONValue?) throws {
        _ = try parse(section, apiKey: "00000000")
    }

    private static func invalid(_ path: String, _ problem: String) -> Problem { Problem.invalid(path, problem) }

    private static func time(_ value: JSONValue?, _ path: String, nullable: Bool = true) throws -> Int64? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue, let ms = ProConfDates.parseDateString(text) else {
            throw invalid(path, "must be an ISO-8601 timestamp\(nullable ? " or null" : "")")
        }
        return ms
    }

    private static func bool(_ value: JSONValue?, _ path: String) throws -> Bool {
        guard let value, !value.isNull else { return false }
        guard let flag = value.boolValue else { throw invalid(path, "must be a boolean") }
        return flag
    }

    private static func string(_ value: JSONValue?, _ path: String) throws -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue else { throw invalid(path, "must be a string or null") }
        return text
    }

    private static func array(_ section: JSONValue, _ key: String) throws -> [JSONValue] {
        guard let value = section[key], !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw invalid("proconf.\(key)", "must be an array") }
        return items
    }

    static func parse(_ section: JSONValue?, apiKey: String) throws -> Parsed {
        var parsed = Parsed()
        guard let section else { return parsed }
        if let target = section["storageTarget"], !target.isNull {
            guard target.isObject else { throw invalid("proconf.storageTarget", "must be an object or null") }
            parsed.storageTarget = target
        }
        var links = Set<String>()
        var ids = Set<String>()
        for (index, item) in try array(section, "sessions").enumerated() {
            let path = "proconf.sessions[\(index)]"
            guard item.isObject else { throw invalid(path, "must be an object") }
            guard let link = item["meetingLink"]?.stringValue, !link.isEmpty else {
                throw invalid(path + ".meetingLink", "required (a non-empty string)")
            }
            guard links.insert(link).inserted else { throw invalid(path + ".meetingLink", "duplicate \"\(link)\"") }
            let sessionId = try string(item["sessionId"], path + ".sessionId")
            if let sessionId, !ids.insert(sessionId).inserted {
                throw invalid(path + ".sessionId", "duplicate \"\(sessionId)\"")
            }
            parsed.sessions.append(SessionFixture(
                meetingLink: link, sessionId: sessionId, isScheduled: try bool(item["isScheduled"], path + ".isScheduled"),
                scheduleMs: try time(item["scheduleTime"], path + ".scheduleTime"),
                isArchived: try bool(item["isArchived"], path + ".isArchived"),
                archiveId: try string(item["archiveId"], path + ".archiveId"),
                createdMs: try time(item["createdOn"], path + ".createdOn"),
                startMs: try time(item["startTime"], path + ".startTime"),
                endMs: try time(item["endTime"], path + ".endTime"),
                catchup: try string(item["catchup"], path + ".catchup")))
        }
        for (index, item) in try array(section, "attendees").enumerated() {
            let path = "proconf.attendees[\(index)]"
            guard item.isObject else { throw invalid(path, "must be an object") }
            let sessionId = try string(item["sessionId"], path + ".sessionId")
            let link = try string(item["meetingLink"], path + ".meetingLink")
            guard sessionId != nil || link != nil else { throw invalid(path, "needs sessionId or meetingLink") }
            if sessionId == nil, let link, !links.contains(link) {
                throw invalid(path + ".meetingLink", "no session \"\(link)\"")
            }
            guard let attendee = item["attendee"]?.stringValue else { throw invalid(path + ".attendee", "required (a string)") }
            let metadata = item["extMetadata"] ?? .null
            guard metadata.isNull || metadata.isObject else { throw invalid(path + ".extMetadata", "must be an object or null") }
            parsed.attendees.append(AttendeeFixture(
                sessionId: sessionId, meetingLink: link, attendee: attendee,
                createdMs: try time(item["createdOn"], path + ".createdOn"),
                modifiedMs: try time(item["modifiedOn"], path + ".modifiedOn"),
                isDeleted: try bool(item["isDeleted"], path + ".isDeleted"), extMetadata: metadata))
        }
        var archiveIds = Set<String>()
        for (index, item) in try array(section, "archives").enumerated() {
            let path = "proconf.archives[\(index)]"
            guard case .object(let members) = item else { throw invalid(path, "must be an object") }
            let link = try string(item["meetingLink"], path + ".meetingLink")
            if let link, !links.contains(link) { throw invalid(path + ".meetingLink", "no session \"\(link)\"") }
            if let id = item["id"], id.stringValue == nil { throw invalid(path + ".id", "must be a string") }
            if let id = item["id"]?.stringValue, !archiveIds.insert(id).inserted {
                throw invalid(path + ".id", "duplicate \"\(id)\"")
            }
            for key in ["createdAt", "duration", "size"] {
                if let value = item[key], value.int64Value == nil { throw invalid("\(path).\(key)", "must be an integer") }
            }
            if let status = item["status"], status.stringValue == nil { throw invalid(path + ".status", "must be a string") }
            parsed.archives.append((.object(members.filter { $0.key != "meetingLink" }), link))
        }
        for (index, item) in try array(section, "announcedRooms").enumerated() {
            guard let room = item.stringValue, !room.isEmpty else {
                throw invalid("proconf.announcedRooms[\(index)]", "must be a non-empty string")
            }
            parsed.announced.append(room.lowercased())
        }
        _ = apiKey
        return parsed
    }

    /// Creates the state, re-planning pending clock events (§19: they survive a round trip).
    static func apply(_ section: JSONValue?, config: ProConfConfiguration, _ tx: TransactionContext) throws {
        let parsed = try parse(section, apiKey: config.vonageApiKey)
        let now = tx.nowMilliseconds
        if !parsed.storageTarget.isNull { try ProConfStore.setStorageTarget(parsed.storageTarget, tx) }
        var sessions: [ProConfSession] = []
        for fixture in parsed.sessions {
            let created = fixture.createdMs ?? now
            var session = ProConfSession(
                id: Int64(sessions.count + 1),
                sessionId: fixture.sessionId ?? ProConfLifecycle.newSessionId(apiKey: config.vonageApiKey,
                                                                                createdMs: created, tx),
                meetingLink: fixture.meetingLink, isScheduled: fixture.isScheduled,
                scheduleMs: fixture.scheduleMs ?? created, isArchived: fixture.isArchived, createdMs: created)
            session.archiveId = fixture.archiveId
            session.startMs = fixture.startMs
            session.endMs = fixture.endMs
            session.catchup = fixture.catchup
            sessions.append(session)
        }
        // Summary ids count from 1 in the order rooms ended (§8.6).
        let ended = sessions.indices.filter { sessions[$0].endMs != nil }
            .sorted { (sessions[$0].endMs ?? 0, $0) < (sessions[$1].endMs ?? 0, $1) }
        for (order, index) in ended.enumerated() { sessions[index].summaryId = Int64(order + 1) }
        for fixture in parsed.archives {
            guard let link = fixture.meetingLink, let index = sessions.firstIndex(where: { $0.meetingLink == link })
            else { continue }
            sessions[index].archiveId = fixture.meta["id"]?.stringValue ?? sessions[index].archiveId
        }
        for session in sessions {
            try ProConfStore.insert(session, tx)
            try ProConfLifecycle.planStartable(session, config: config, tx)
        }
        for fixture in parsed.attendees {
            let sessionId = fixture.sessionId
                ?? sessions.first { $0.meetingLink == fixture.meetingLink }?.sessionId ?? ""
            try ProConfStore.insertAttendee(sessionId: sessionId, attendee: fixture.attendee,
                                            createdMs: fixture.createdMs ?? now, modifiedMs: fixture.modifiedMs,
                                            isDeleted: fixture.isDeleted, extMetadata: fixture.extMetadata, user: nil, tx)
        }
        for fixture in parsed.archives {
            let linked = fixture.meetingLink.flatMap { link in sessions.first { $0.meetingLink == link } }
            var archiveId = fixture.meta["id"]?.stringValue ?? ""
            if archiveId.isEmpty { archiveId = tx.random { RandomID.uuid(using: &$0) } }
            let duration = fixture.meta["duration"]?.int64Value ?? 0
            let status = fixture.meta["status"]?.stringValue ?? "available"
            let defaults = ProConfLifecycle.archiveMeta(
                id: archiveId, createdAt: fixture.meta["createdAt"]?.int64Value ?? now, duration: duration,
                apiKey: config.vonageApiKey,
                sessionId: fixture.meta["sessionId"]?.stringValue ?? linked?.sessionId ?? "", status: status,
                size: status == "available" || status == "uploaded" ? max(duration, 1) * 125_000 : 0,
                url: status == "available"
                    ? "https://archives.confemu.test/\(config.vonageApiKey)/\(archiveId)/archive.mp4" : nil)
            // Given fields win; the §7.1 key order is kept.
            guard case .object(var members) = defaults else { continue }
            for index in members.indices {
                if let given = fixture.meta[members[index].key], members[index].key != "id" {
                    members[index].value = given
                }
            }
            try ProConfStore.insertArchive(.object(members), tx)
            if status == "stopped",
               let owner = linked ?? sessions.first(where: { $0.archiveId == archiveId }) {
                let due = max(now, (owner.endMs ?? now) + 30_000)
                try ProConfLifecycle.planProcessing(session: owner, archiveId: archiveId, dueMs: due, tx)
            }
        }
        for room in parsed.announced { try ProConfStore.announce(room, tx) }
    }

    /// The same shape as the fixtures (§2.4): settings, then state.
    static func export(config: ProConfConfiguration, _ tx: TransactionContext) throws -> JSONValue {
        func time(_ ms: Int64?) -> JSONValue { ms.map { .string(ProConfTime.iso($0)) } ?? .null }
        guard case .object(var members) = config.json else { return .null }
        members.append(("storageTarget", try ProConfStore.storageTarget(tx)))
        members.append(("sessions", .array(try ProConfStore.sessions(tx).map { s in
            .object([
                ("meetingLink", .string(s.meetingLink)), ("sessionId", .string(s.sessionId)),
                ("isScheduled", .bool(s.isScheduled)), ("scheduleTime", time(s.scheduleMs)),
                ("isArchived", .bool(s.isArchived)), ("archiveId", JSONValue(s.archiveId)),
                ("createdOn", time(s.createdMs)), ("startTime", time(s.startMs)), ("endTime", time(s.endMs)),
                ("catchup", JSONValue(s.catchup)),
            ])
        })))
        members.append(("attendees", .array(try ProConfStore.attendees(tx).map { a in
            .object([
                ("sessionId", .string(a.sessionId)), ("attendee", .string(a.attendee)), ("createdOn", time(a.createdMs)),
                ("modifiedOn", time(a.modifiedMs)), ("isDeleted", .bool(a.isDeleted)), ("extMetadata", a.extMetadata),
            ])
        })))
        // Deleted archives are left out: their sessions keep `archiveId`, which answers 404 either way.
        members.append(("archives", .array(try ProConfStore.archives(includeDeleted: true, tx)
            .filter { !$0.deleted }.map(\.meta))))
        members.append(("announcedRooms", JSONValue(try ProConfStore.announcedRooms(tx))))
        return .object(members)
    }
}
