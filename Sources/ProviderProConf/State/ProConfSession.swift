import ConfemuFormats
import ConfemuStorage
import ConfemuSupport
import Foundation

/// A session-service session, which is also a ProCONF room (proconf.md §9.1).
struct ProConfSession: Sendable {
    var id: Int64
    var sessionId: String
    var meetingLink: String
    var isScheduled: Bool
    var scheduleMs: Int64
    var isArchived: Bool
    var archiveId: String?
    var startMs: Int64?
    var endMs: Int64?
    var createdMs: Int64
    var createdBy: String?
    var modifiedBy: String?
    var catchup: String?
    var summaryId: Int64?

    init(row: Row) throws {
        id = try row.int64("id")
        sessionId = try row.string("session_id")
        meetingLink = try row.string("meeting_link")
        isScheduled = try row.int64("is_scheduled") != 0
        scheduleMs = try row.int64("schedule_ms")
        isArchived = try row.int64("is_archived") != 0
        archiveId = try row.optionalString("archive_id")
        startMs = try row.optionalInt64("start_ms")
        endMs = try row.optionalInt64("end_ms")
        createdMs = try row.int64("created_ms")
        createdBy = try row.optionalString("created_by")
        modifiedBy = try row.optionalString("modified_by")
        catchup = try row.optionalString("catchup")
        summaryId = try row.optionalInt64("summary_id")
    }

    init(id: Int64, sessionId: String, meetingLink: String, isScheduled: Bool, scheduleMs: Int64, isArchived: Bool,
         createdMs: Int64) {
        self.id = id
        self.sessionId = sessionId
        self.meetingLink = meetingLink
        self.isScheduled = isScheduled
        self.scheduleMs = scheduleMs
        self.isArchived = isArchived
        self.createdMs = createdMs
    }

    /// §9.2: scheduled and not yet startable.
    func isWaiting(nowMs: Int64, timeToStart: Int64) -> Bool {
        isScheduled && endMs == nil && nowMs + timeToStart * 60_000 < scheduleMs
    }

    /// The instant `proconf.session.startable` fires (§9.3).
    func startableMs(timeToStart: Int64) -> Int64 { scheduleMs - timeToStart * 60_000 }

    /// §9.2 state names.
    func state(nowMs: Int64, timeToStart: Int64) -> String {
        if endMs != nil { return "ended" }
        if isWaiting(nowMs: nowMs, timeToStart: timeToStart) { return "scheduled" }
        return startMs == nil ? "created" : "started"
    }

    /// §8.3: `startTime` when set, else `createdOn`.
    var roomCreatedMs: Int64 { startMs ?? createdMs }

    /// §8.3: `room_name` + `_` + Unix seconds of `created_at`.
    var uniqueId: String { meetingLink + "_" + String(ProConfTime.seconds(roomCreatedMs)) }

    var subject: JSONValue { .object([("meetingLink", .string(meetingLink)), ("sessionId", .string(sessionId))]) }
}

/// An attendee row (proconf.md §5.5).
struct ProConfAttendee: Sendable {
    var id: Int64
    var sessionId: String
    var attendee: String
    var createdMs: Int64
    var modifiedMs: Int64?
    var isDeleted: Bool
    var extMetadata: JSONValue

    init(row: Row) throws {
        id = try row.int64("id")
        sessionId = try row.string("session_id")
        attendee = try row.string("attendee")
        createdMs = try row.int64("created_ms")
        modifiedMs = try row.optionalInt64("modified_ms")
        isDeleted = try row.int64("is_deleted") != 0
        extMetadata = (try row.optionalString("ext_metadata")).flatMap { try? JSONValue(parsing: $0) } ?? .null
    }

    /// §5.5 element, keys in this order.
    var element: JSONValue {
        .object([
            ("id", .integer(id)), ("sessionId", .string(sessionId)), ("attendee", .string(attendee)),
            ("createdOn", .string(ProConfTime.iso(createdMs))), ("modifiedOn", modifiedMs.map { .string(ProConfTime.iso($0)) } ?? .null),
            ("isDeleted", .bool(isDeleted)), ("extId", .null), ("extMetadata", extMetadata),
        ])
    }
}
