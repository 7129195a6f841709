import ConfemuStorage

/// Reads and writes of one namespace's Jitsi-Admin state inside a transaction.
struct JitsiStore {
    let db: Database
    let namespace: String

    // MARK: Servers

    func servers() throws -> [ServerRecord] {
        try db.query("SELECT * FROM jitsi_servers WHERE namespace = ? ORDER BY id", [.text(namespace)]).map(server)
    }

    func server(id: Int64) throws -> ServerRecord? {
        try db.query("SELECT * FROM jitsi_servers WHERE namespace = ? AND id = ?", [.text(namespace), .integer(id)])
            .first.map(server)
    }

    private func server(_ row: Row) throws -> ServerRecord {
        ServerRecord(id: try row.int64("id"), url: try row.string("url"), name: try row.string("name"),
                     apiKey: try row.optionalString("api_key"), appId: try row.optionalString("app_id"),
                     appSecret: try row.optionalString("app_secret"),
                     cloneAllowed: try row.int64("clone_allowed") != 0,
                     administrator: try row.optionalString("administrator"))
    }

    func insert(_ server: ServerRecord) throws {
        try db.execute(
            """
            INSERT INTO jitsi_servers (namespace, id, url, name, api_key, app_id, app_secret, clone_allowed, administrator)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(namespace), .integer(server.id), .text(server.url), .text(server.name), opt(server.apiKey),
             opt(server.appId), opt(server.appSecret), .integer(server.cloneAllowed ? 1 : 0), opt(server.administrator)])
    }

    func nextServerID() throws -> Int64 {
        try (servers().map(\.id).max() ?? 0) + 1
    }

    func memberIDs(server: Int64) throws -> [Int64] {
        try db.query("SELECT user_id FROM jitsi_server_members WHERE namespace = ? AND server_id = ? ORDER BY user_id",
                     [.text(namespace), .integer(server)]).map { try $0.int64("user_id") }
    }

    func addMember(server: Int64, user: Int64) throws {
        try db.execute("INSERT OR IGNORE INTO jitsi_server_members (namespace, server_id, user_id) VALUES (?, ?, ?)",
                       [.text(namespace), .integer(server), .integer(user)])
    }

    func serverIDs(ofMember user: Int64) throws -> [Int64] {
        try db.query("SELECT server_id FROM jitsi_server_members WHERE namespace = ? AND user_id = ? ORDER BY server_id",
                     [.text(namespace), .integer(user)]).map { try $0.int64("server_id") }
    }

    // MARK: Users

    func users() throws -> [UserRecord] {
        try db.query("SELECT * FROM jitsi_users WHERE namespace = ? ORDER BY id", [.text(namespace)]).map(user)
    }

    func user(id: Int64) throws -> UserRecord? {
        try db.query("SELECT * FROM jitsi_users WHERE namespace = ? AND id = ?", [.text(namespace), .integer(id)])
            .first.map(user)
    }

    /// ASCII-case-insensitive lookups (jitsi-admin.md §2.4), lowest id first.
    func user(email: String) throws -> UserRecord? {
        try users().first { asciiEqual($0.email, email) }
    }

    func user(username: String) throws -> UserRecord? {
        try users().first { asciiEqual($0.username, username) }
    }

    func user(keycloakID: String) throws -> UserRecord? {
        try users().first { $0.keycloakId == keycloakID }
    }

    private func asciiEqual(_ a: String, _ b: String) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 32 : byte }
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        return x.count == y.count && zip(x, y).allSatisfy { lower($0) == lower($1) }
    }

    private func user(_ row: Row) throws -> UserRecord {
        UserRecord(id: try row.int64("id"), email: try row.string("email"), username: try row.string("username"),
                   keycloakId: try row.optionalString("keycloak_id"), firstName: try row.string("first_name"),
                   lastName: try row.string("last_name"), timeZone: try row.optionalString("time_zone"))
    }

    func insert(_ user: UserRecord) throws {
        try db.execute(
            """
            INSERT INTO jitsi_users (namespace, id, email, username, keycloak_id, first_name, last_name, time_zone)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(namespace), .integer(user.id), .text(user.email), .text(user.username), opt(user.keycloakId),
             .text(user.firstName), .text(user.lastName), opt(user.timeZone)])
    }

    func nextUserID() throws -> Int64 {
        try (users().map(\.id).max() ?? 0) + 1
    }

    /// A user created through the API: names `""`, no keycloakId, no time zone; e-mail without trailing
    /// whitespace (jitsi-admin.md §4.1).
    func createAPIUser(email: String) throws -> UserRecord {
        var trimmed = email
        while let last = trimmed.unicodeScalars.last, last == " " || ("\t"..."\r").contains(last) {
            trimmed.unicodeScalars.removeLast()
        }
        let record = UserRecord(id: try nextUserID(), email: trimmed, username: email, keycloakId: nil,
                                firstName: "", lastName: "", timeZone: nil)
        try insert(record)
        return record
    }

    // MARK: Rooms

    func rooms() throws -> [RoomRecord] {
        try db.query("SELECT * FROM jitsi_rooms WHERE namespace = ? ORDER BY id", [.text(namespace)]).map(room)
    }

    func room(uid: String) throws -> RoomRecord? {
        try db.query("SELECT * FROM jitsi_rooms WHERE namespace = ? AND uid = ?", [.text(namespace), .text(uid)])
            .first.map(room)
    }

    func room(id: Int64) throws -> RoomRecord? {
        try db.query("SELECT * FROM jitsi_rooms WHERE namespace = ? AND id = ?", [.text(namespace), .integer(id)])
            .first.map(room)
    }

    /// getRooms (jitsi-admin.md §5.2): `lo ≤ start ≤ hi` compared as naive text, ascending id.
    func rooms(server: Int64, from low: NaiveTime, to high: NaiveTime) throws -> [RoomRecord] {
        try db.query(
            "SELECT * FROM jitsi_rooms WHERE namespace = ? AND server_id = ? AND start >= ? AND start <= ? ORDER BY id",
            [.text(namespace), .integer(server), .text(low.stored), .text(high.stored)]).map(room)
    }

    private func room(_ row: Row) throws -> RoomRecord {
        RoomRecord(id: try row.int64("id"), uid: try row.string("uid"), conferenceID: try row.string("conference_id"),
                   name: try row.string("name"), duration: try row.int("duration"),
                   start: NaiveTime.parseStored(try row.string("start")) ?? NaiveTime(seconds: 0),
                   end: NaiveTime.parseStored(try row.string("end")) ?? NaiveTime(seconds: 0),
                   serverID: try row.int64("server_id"), moderatorID: try row.optionalInt64("moderator_id"),
                   timeZone: try row.optionalString("time_zone"), sequence: try row.int("sequence"))
    }

    func save(_ room: RoomRecord) throws {
        try db.execute(
            """
            INSERT OR REPLACE INTO jitsi_rooms (namespace, id, uid, conference_id, name, duration, start, end, server_id,
                moderator_id, time_zone, sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(namespace), .integer(room.id), .text(room.uid), .text(room.conferenceID), .text(room.name),
             .integer(Int64(room.duration)), .text(room.start.stored), .text(room.end.stored),
             .integer(room.serverID), room.moderatorID.map { .integer($0) } ?? .null, opt(room.timeZone),
             .integer(Int64(room.sequence))])
    }

    func nextRoomID() throws -> Int64 {
        try (rooms().map(\.id).max() ?? 0) + 1
    }

    /// Participants in ascending user id (jitsi-admin.md §4.1).
    func participants(room: Int64) throws -> [UserRecord] {
        try db.query(
            """
            SELECT u.* FROM jitsi_participants p JOIN jitsi_users u ON u.namespace = p.namespace AND u.id = p.user_id
            WHERE p.namespace = ? AND p.room_id = ? ORDER BY u.id
            """, [.text(namespace), .integer(room)]).map(user)
    }

    func addParticipant(room: Int64, user: Int64) throws {
        try db.execute("INSERT OR IGNORE INTO jitsi_participants (namespace, room_id, user_id) VALUES (?, ?, ?)",
                       [.text(namespace), .integer(room), .integer(user)])
    }

    func removeParticipant(room: Int64, user: Int64) throws {
        try db.execute("DELETE FROM jitsi_participants WHERE namespace = ? AND room_id = ? AND user_id = ?",
                       [.text(namespace), .integer(room), .integer(user)])
    }

    func deleteAll() throws {
        for table in ["jitsi_servers", "jitsi_server_members", "jitsi_users", "jitsi_rooms", "jitsi_participants"] {
            try db.execute("DELETE FROM \(table) WHERE namespace = ?", [.text(namespace)])
        }
    }

    private func opt(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
}
