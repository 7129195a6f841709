import ConfemuEngine
import ConfemuFormats
import ConfemuStorage

/// The provider's tables (architecture.md §5): JSON documents keyed per namespace.
enum BBBStore {
    static let migrations = [
        Migration(id: "bbb-001-meetings", sql: """
            CREATE TABLE bbb_meetings (
                namespace TEXT NOT NULL, meeting_id TEXT NOT NULL, create_time INTEGER NOT NULL,
                internal_id TEXT NOT NULL, voice_bridge TEXT NOT NULL, doc TEXT NOT NULL,
                PRIMARY KEY (namespace, meeting_id));
            CREATE TABLE bbb_recordings (
                namespace TEXT NOT NULL, record_id TEXT NOT NULL, start_time INTEGER NOT NULL, doc TEXT NOT NULL,
                PRIMARY KEY (namespace, record_id));
            CREATE TABLE bbb_sessions (
                namespace TEXT NOT NULL, token TEXT NOT NULL, doc TEXT NOT NULL,
                PRIMARY KEY (namespace, token));
            CREATE TABLE bbb_create_times (
                namespace TEXT NOT NULL, meeting_id TEXT NOT NULL, last_ms INTEGER NOT NULL,
                PRIMARY KEY (namespace, meeting_id));
            """),
    ]

    // MARK: Meetings

    static func meeting(_ meetingID: String, tx: TransactionContext, configuration: BBBConfiguration) throws
        -> Meeting? {
        guard let row = try tx.db.queryOne("SELECT doc FROM bbb_meetings WHERE namespace = ? AND meeting_id = ?",
                                           [.text(tx.namespace), .text(meetingID)]) else { return nil }
        return try decodeMeeting(try row.string("doc"), tx: tx, configuration: configuration)
    }

    static func meetings(tx: TransactionContext, configuration: BBBConfiguration) throws -> [Meeting] {
        try tx.db.query(
            "SELECT doc FROM bbb_meetings WHERE namespace = ? ORDER BY create_time, meeting_id",
            [.text(tx.namespace)]
        ).map { try decodeMeeting(try $0.string("doc"), tx: tx, configuration: configuration) }
    }

    private static func decodeMeeting(_ doc: String, tx: TransactionContext, configuration: BBBConfiguration) throws
        -> Meeting {
        let json = try JSONValue(parsing: doc)
        let defaults = MeetingDefaults(nowMilliseconds: tx.nowMilliseconds, configuration: configuration,
                                       password: { "" }, voiceBridge: { "" })
        do {
            return try Meeting(json: json, path: "meeting", defaults: defaults)
        } catch {
            throw StoredDocumentError(message: error.message)
        }
    }

    static func save(_ meeting: Meeting, tx: TransactionContext) throws {
        try tx.db.execute(
            """
            INSERT OR REPLACE INTO bbb_meetings (namespace, meeting_id, create_time, internal_id, voice_bridge, doc)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [.text(tx.namespace), .text(meeting.meetingID), .integer(meeting.createTime),
             .text(meeting.internalMeetingID), .text(meeting.voiceBridge), .text(meeting.json.jsonString())])
    }

    static func deleteMeeting(_ meetingID: String, tx: TransactionContext) throws {
        try tx.db.execute("DELETE FROM bbb_meetings WHERE namespace = ? AND meeting_id = ?",
                          [.text(tx.namespace), .text(meetingID)])
    }

    static func voiceBridgeInUse(_ voiceBridge: String, tx: TransactionContext) throws -> Bool {
        try tx.db.queryOne("SELECT 1 AS used FROM bbb_meetings WHERE namespace = ? AND voice_bridge = ?",
                           [.text(tx.namespace), .text(voiceBridge)]) != nil
    }

    /// bbb.md §4.3: createTime never repeats for a meetingID, even on a frozen clock.
    static func nextCreateTime(_ meetingID: String, tx: TransactionContext) throws -> Int64 {
        let last = try tx.db.queryOne("SELECT last_ms FROM bbb_create_times WHERE namespace = ? AND meeting_id = ?",
                                      [.text(tx.namespace), .text(meetingID)]).map { try $0.int64("last_ms") }
        var time = tx.nowMilliseconds
        if let last, time <= last { time = last + 1 }
        try rememberCreateTime(meetingID, time, tx: tx)
        return time
    }

    static func rememberCreateTime(_ meetingID: String, _ time: Int64, tx: TransactionContext) throws {
        try tx.db.execute(
            """
            INSERT INTO bbb_create_times (namespace, meeting_id, last_ms) VALUES (?, ?, ?)
            ON CONFLICT (namespace, meeting_id) DO UPDATE SET last_ms = MAX(last_ms, excluded.last_ms)
            """, [.text(tx.namespace), .text(meetingID), .integer(time)])
    }

    // MARK: Recordings

    static func recordings(tx: TransactionContext, configuration: BBBConfiguration) throws -> [Recording] {
        try tx.db.query("SELECT doc FROM bbb_recordings WHERE namespace = ? ORDER BY start_time, record_id",
                        [.text(tx.namespace)]).map { row in
            do {
                return try Recording(json: try JSONValue(parsing: try row.string("doc")), path: "recording",
                                     processingSeconds: configuration.recordingProcessingSeconds)
            } catch let error as BBBFixtureError {
                throw StoredDocumentError(message: error.message)
            }
        }
    }

    static func recording(_ recordID: String, tx: TransactionContext, configuration: BBBConfiguration) throws
        -> Recording? {
        guard let row = try tx.db.queryOne("SELECT doc FROM bbb_recordings WHERE namespace = ? AND record_id = ?",
                                           [.text(tx.namespace), .text(recordID)]) else { return nil }
        do {
            return try Recording(json: try JSONValue(parsing: try row.string("doc")), path: "recording",
                                 processingSeconds: configuration.recordingProcessingSeconds)
        } catch let error as BBBFixtureError {
            throw StoredDocumentError(message: error.message)
        }
    }

    static func save(_ recording: Recording, tx: TransactionContext) throws {
        try tx.db.execute(
            "INSERT OR REPLACE INTO bbb_recordings (namespace, record_id, start_time, doc) VALUES (?, ?, ?, ?)",
            [.text(tx.namespace), .text(recording.recordID), .integer(recording.startTime),
             .text(recording.json.jsonString())])
    }

    // MARK: Sessions

    static func session(_ token: String, tx: TransactionContext) throws -> UserSession? {
        guard let row = try tx.db.queryOne("SELECT doc FROM bbb_sessions WHERE namespace = ? AND token = ?",
                                           [.text(tx.namespace), .text(token)]) else { return nil }
        return UserSession(json: try JSONValue(parsing: try row.string("doc")))
    }

    static func save(_ session: UserSession, tx: TransactionContext) throws {
        try tx.db.execute("INSERT OR REPLACE INTO bbb_sessions (namespace, token, doc) VALUES (?, ?, ?)",
                          [.text(tx.namespace), .text(session.sessionToken), .text(session.json.jsonString())])
    }

    // MARK: Namespace

    static func deleteAll(tx: TransactionContext) throws {
        for table in ["bbb_meetings", "bbb_recordings", "bbb_sessions", "bbb_create_times"] {
            try tx.db.execute("DELETE FROM \(table) WHERE namespace = ?", [.text(tx.namespace)])
        }
    }
}

/// A stored document that no longer parses (never expected; rendered as an internal error).
struct StoredDocumentError: Error, Sendable {
    var message: String
}
