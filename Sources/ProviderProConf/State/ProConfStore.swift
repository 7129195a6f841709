import ConfemuEngine
import ConfemuFormats
import ConfemuStorage
import ConfemuSupport

/// The `proconf_` tables (proconf.md §9.1) and the queries on them. Every function runs inside the
/// caller's transaction.
enum ProConfStore {
    static let migrations = [
        Migration(id: "proconf-001-sessions", sql: """
            CREATE TABLE proconf_sessions (
                namespace TEXT NOT NULL, id INTEGER NOT NULL, session_id TEXT NOT NULL, meeting_link TEXT NOT NULL,
                is_scheduled INTEGER NOT NULL, schedule_ms INTEGER NOT NULL, is_archived INTEGER NOT NULL,
                archive_id TEXT, start_ms INTEGER, end_ms INTEGER, created_ms INTEGER NOT NULL, created_by TEXT,
                modified_by TEXT, catchup TEXT, summary_id INTEGER,
                PRIMARY KEY (namespace, id));
            CREATE INDEX proconf_sessions_link ON proconf_sessions (namespace, meeting_link);
            CREATE TABLE proconf_attendees (
                namespace TEXT NOT NULL, id INTEGER NOT NULL, session_id TEXT NOT NULL, attendee TEXT NOT NULL,
                created_ms INTEGER NOT NULL, modified_ms INTEGER, is_deleted INTEGER NOT NULL, ext_metadata TEXT,
                created_by TEXT, modified_by TEXT,
                PRIMARY KEY (namespace, id));
            CREATE INDEX proconf_attendees_session ON proconf_attendees (namespace, session_id, attendee);
            CREATE TABLE proconf_archives (
                namespace TEXT NOT NULL, archive_id TEXT NOT NULL, seq INTEGER NOT NULL, created_at_ms INTEGER NOT NULL,
                meta TEXT NOT NULL, deleted INTEGER NOT NULL,
                PRIMARY KEY (namespace, archive_id));
            CREATE TABLE proconf_announced (namespace TEXT NOT NULL, room TEXT NOT NULL, PRIMARY KEY (namespace, room));
            CREATE TABLE proconf_settings (namespace TEXT NOT NULL, storage_target TEXT, PRIMARY KEY (namespace));
            """),
    ]

    // MARK: Sessions

    private static let sessionColumns = """
        id, session_id, meeting_link, is_scheduled, schedule_ms, is_archived, archive_id, start_ms, end_ms,
        created_ms, created_by, modified_by, catchup, summary_id
        """

    static func sessions(_ tx: TransactionContext) throws -> [ProConfSession] {
        try tx.db.query("SELECT \(sessionColumns) FROM proconf_sessions WHERE namespace = ? ORDER BY id",
                        [.text(tx.namespace)]).map(ProConfSession.init(row:))
    }

    /// Session-service routes match `meetingLink` exactly (§9.4).
    static func session(link: String, _ tx: TransactionContext) throws -> ProConfSession? {
        try tx.db.queryOne(
            "SELECT \(sessionColumns) FROM proconf_sessions WHERE namespace = ? AND meeting_link = ? ORDER BY id LIMIT 1",
            [.text(tx.namespace), .text(link)]).map(ProConfSession.init(row:))
    }

    /// §9.4: exact match, else the oldest case-insensitive match.
    static func resolveRoom(_ name: String, _ tx: TransactionContext) throws -> ProConfSession? {
        if let exact = try session(link: name, tx) { return exact }
        let lower = name.lowercased()
        return try sessions(tx).first { $0.meetingLink.lowercased() == lower }
    }

    static func session(archiveId: String, _ tx: TransactionContext) throws -> ProConfSession? {
        try tx.db.queryOne(
            "SELECT \(sessionColumns) FROM proconf_sessions WHERE namespace = ? AND archive_id = ? ORDER BY id LIMIT 1",
            [.text(tx.namespace), .text(archiveId)]).map(ProConfSession.init(row:))
    }

    static func nextID(_ table: String, _ tx: TransactionContext) throws -> Int64 {
        let row = try tx.db.queryOne("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM \(table) WHERE namespace = ?",
                                     [.text(tx.namespace)])
        return try row?.int64("next") ?? 1
    }

    static func nextSummaryID(_ tx: TransactionContext) throws -> Int64 {
        let row = try tx.db.queryOne(
            "SELECT COALESCE(MAX(summary_id), 0) + 1 AS next FROM proconf_sessions WHERE namespace = ?",
            [.text(tx.namespace)])
        return try row?.int64("next") ?? 1
    }

    static func insert(_ s: ProConfSession, _ tx: TransactionContext) throws {
        try tx.db.execute(
            """
            INSERT INTO proconf_sessions (namespace, \(sessionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(tx.namespace)] + values(s))
    }

    static func update(_ s: ProConfSession, _ tx: TransactionContext) throws {
        try tx.db.execute("DELETE FROM proconf_sessions WHERE namespace = ? AND id = ?",
                          [.text(tx.namespace), .integer(s.id)])
        try insert(s, tx)
    }

    private static func values(_ s: ProConfSession) -> [SQLValue] {
        [.integer(s.id), .text(s.sessionId), .text(s.meetingLink), .integer(s.isScheduled ? 1 : 0),
         .integer(s.scheduleMs), .integer(s.isArchived ? 1 : 0), optional(s.archiveId), optional(s.startMs),
         optional(s.endMs), .integer(s.createdMs), optional(s.createdBy), optional(s.modifiedBy), optional(s.catchup),
         optional(s.summaryId)]
    }

    static func optional(_ text: String?) -> SQLValue { text.map { .text($0) } ?? .null }
    static func optional(_ number: Int64?) -> SQLValue { number.map { .integer($0) } ?? .null }

    // MARK: Attendees

    private static let attendeeColumns = "id, session_id, attendee, created_ms, modified_ms, is_deleted, ext_metadata"

    static func attendees(sessionId: String? = nil, _ tx: TransactionContext) throws -> [ProConfAttendee] {
        if let sessionId {
            return try tx.db.query(
                "SELECT \(attendeeColumns) FROM proconf_attendees WHERE namespace = ? AND session_id = ? ORDER BY id",
                [.text(tx.namespace), .text(sessionId)]).map(ProConfAttendee.init(row:))
        }
        return try tx.db.query("SELECT \(attendeeColumns) FROM proconf_attendees WHERE namespace = ? ORDER BY id",
                               [.text(tx.namespace)]).map(ProConfAttendee.init(row:))
    }

    static func attendee(sessionId: String, attendee: String, _ tx: TransactionContext) throws -> ProConfAttendee? {
        try tx.db.queryOne(
            """
            SELECT \(attendeeColumns) FROM proconf_attendees WHERE namespace = ? AND session_id = ? AND attendee = ?
            ORDER BY id LIMIT 1
            """, [.text(tx.namespace), .text(sessionId), .text(attendee)]).map(ProConfAttendee.init(row:))
    }

    @discardableResult
    static func insertAttendee(sessionId: String, attendee: String, createdMs: Int64, modifiedMs: Int64?,
                               isDeleted: Bool, extMetadata: JSONValue, user: String?,
                               _ tx: TransactionContext) throws -> Int64 {
        let id = try nextID("proconf_attendees", tx)
        try tx.db.execute(
            """
            INSERT INTO proconf_attendees (namespace, id, session_id, attendee, created_ms, modified_ms, is_deleted,
                ext_metadata, created_by, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(tx.namespace), .integer(id), .text(sessionId), .text(attendee), .integer(createdMs),
                  optional(modifiedMs), .integer(isDeleted ? 1 : 0),
                  extMetadata.isNull ? .null : .text(extMetadata.jsonString()), optional(user), optional(user)])
        return id
    }

    static func updateAttendee(id: Int64, isDeleted: Bool, modifiedMs: Int64, extMetadata: JSONValue, user: String?,
                               _ tx: TransactionContext) throws {
        try tx.db.execute(
            """
            UPDATE proconf_attendees SET is_deleted = ?, modified_ms = ?, ext_metadata = ?, modified_by = ?
            WHERE namespace = ? AND id = ?
            """, [.integer(isDeleted ? 1 : 0), .integer(modifiedMs), .text(extMetadata.jsonString()), optional(user),
                  .text(tx.namespace), .integer(id)])
    }

    static func attendee(id: Int64, _ tx: TransactionContext) throws -> ProConfAttendee? {
        try tx.db.queryOne("SELECT \(attendeeColumns) FROM proconf_attendees WHERE namespace = ? AND id = ?",
                           [.text(tx.namespace), .integer(id)]).map(ProConfAttendee.init(row:))
    }

    // MARK: Archives

    struct StoredArchive {
        var archiveId: String
        var meta: JSONValue
        var deleted: Bool
    }

    /// Not deleted, newest `createdAt` first, ties newer creation first (§7.2).
    static func archives(includeDeleted: Bool, _ tx: TransactionContext) throws -> [StoredArchive] {
        try tx.db.query(
            """
            SELECT archive_id, meta, deleted FROM proconf_archives WHERE namespace = ? \(includeDeleted ? "" : "AND deleted = 0")
            ORDER BY \(includeDeleted ? "seq" : "created_at_ms DESC, seq DESC")
            """, [.text(tx.namespace)]).map { row in
                StoredArchive(archiveId: try row.string("archive_id"),
                              meta: (try? JSONValue(parsing: try row.string("meta"))) ?? .null,
                              deleted: try row.int64("deleted") != 0)
            }
    }

    static func archive(_ archiveId: String, _ tx: TransactionContext) throws -> StoredArchive? {
        try tx.db.queryOne("SELECT archive_id, meta, deleted FROM proconf_archives WHERE namespace = ? AND archive_id = ?",
                           [.text(tx.namespace), .text(archiveId)]).map { row in
            StoredArchive(archiveId: try row.string("archive_id"),
                          meta: (try? JSONValue(parsing: try row.string("meta"))) ?? .null,
                          deleted: try row.int64("deleted") != 0)
        }
    }

    static func insertArchive(_ meta: JSONValue, deleted: Bool = false, _ tx: TransactionContext) throws {
        let seqRow = try tx.db.queryOne("SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM proconf_archives WHERE namespace = ?",
                                        [.text(tx.namespace)])
        try tx.db.execute(
            """
            INSERT INTO proconf_archives (namespace, archive_id, seq, created_at_ms, meta, deleted) VALUES (?, ?, ?, ?, ?, ?)
            """, [.text(tx.namespace), .text(meta["id"]?.stringValue ?? ""), .integer(try seqRow?.int64("next") ?? 1),
                  .integer(meta["createdAt"]?.int64Value ?? 0), .text(meta.jsonString()), .integer(deleted ? 1 : 0)])
    }

    static func updateArchive(_ archiveId: String, meta: JSONValue, deleted: Bool, _ tx: TransactionContext) throws {
        try tx.db.execute("UPDATE proconf_archives SET meta = ?, deleted = ? WHERE namespace = ? AND archive_id = ?",
                          [.text(meta.jsonString()), .integer(deleted ? 1 : 0), .text(tx.namespace), .text(archiveId)])
    }

    // MARK: Announced rooms and storage target

    static func announcedRooms(_ tx: TransactionContext) throws -> [String] {
        try tx.db.query("SELECT room FROM proconf_announced WHERE namespace = ? ORDER BY room", [.text(tx.namespace)])
            .map { try $0.string("room") }
    }

    static func isAnnounced(_ room: String, _ tx: TransactionContext) throws -> Bool {
        try tx.db.queryOne("SELECT room FROM proconf_announced WHERE namespace = ? AND room = ?",
                           [.text(tx.namespace), .text(room)]) != nil
    }

    static func announce(_ room: String, _ tx: TransactionContext) throws {
        try tx.db.execute("INSERT OR IGNORE INTO proconf_announced (namespace, room) VALUES (?, ?)",
                          [.text(tx.namespace), .text(room)])
    }

    static func unannounce(_ room: String, _ tx: TransactionContext) throws {
        try tx.db.execute("DELETE FROM proconf_announced WHERE namespace = ? AND room = ?",
                          [.text(tx.namespace), .text(room)])
    }

    static func storageTarget(_ tx: TransactionContext) throws -> JSONValue {
        guard let text = try tx.db.queryOne("SELECT storage_target FROM proconf_settings WHERE namespace = ?",
                                            [.text(tx.namespace)])?.optionalString("storage_target")
        else { return .null }
        return (try? JSONValue(parsing: text)) ?? .null
    }

    static func setStorageTarget(_ target: JSONValue, _ tx: TransactionContext) throws {
        try tx.db.execute("INSERT OR REPLACE INTO proconf_settings (namespace, storage_target) VALUES (?, ?)",
                          [.text(tx.namespace), target.isNull ? .null : .text(target.jsonString())])
    }

    static func deleteAll(_ tx: TransactionContext) throws {
        for table in ["proconf_sessions", "proconf_attendees", "proconf_archives", "proconf_announced",
                      "proconf_settings"] {
            try tx.db.execute("DELETE FROM \(table) WHERE namespace = ?", [.text(tx.namespace)])
        }
    }
}
