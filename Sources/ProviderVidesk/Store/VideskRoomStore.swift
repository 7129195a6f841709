import ConfemuEngine
import ConfemuFormats
import ConfemuStorage
import ConfemuSupport

/// SQL access to `videsk_rooms` and `videsk_ids` (videsk.md §7.1, §4.5). Every function runs inside the
/// caller's transaction.
enum VideskRoomStore {
    static let migrations: [Migration] = [
        Migration(id: "videsk-001-rooms", sql: """
            CREATE TABLE videsk_rooms (
                namespace TEXT NOT NULL,
                id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                external_id TEXT NOT NULL,
                name TEXT NOT NULL,
                nbf_ms INTEGER NOT NULL,
                exp_ms INTEGER NOT NULL,
                ended INTEGER NOT NULL,
                settings TEXT NOT NULL,
                created_ms INTEGER NOT NULL,
                updated_ms INTEGER NOT NULL,
                authorizations TEXT NOT NULL,
                participants TEXT NOT NULL,
                PRIMARY KEY (namespace, id),
                UNIQUE (namespace, external_id)
            );
            CREATE TABLE videsk_ids (
                namespace TEXT NOT NULL PRIMARY KEY,
                machine TEXT NOT NULL,
                counter INTEGER NOT NULL,
                seq INTEGER NOT NULL
            );
            """),
    ]

    static let columns = """
        id, seq, external_id, name, nbf_ms, exp_ms, ended, settings, created_ms, updated_ms, authorizations, \
        participants
        """

    static func decode(_ row: Row) throws -> VideskRoom {
        let authorizations = (try? JSONValue(parsing: try row.string("authorizations")))?.arrayValue ?? []
        let participants = (try? JSONValue(parsing: try row.string("participants")))?.arrayValue ?? []
        return VideskRoom(
            id: try row.string("id"), sequence: try row.int64("seq"), externalId: try row.string("external_id"),
            name: try row.string("name"), nbf: try row.int64("nbf_ms"), exp: try row.int64("exp_ms"),
            ended: try row.int64("ended") != 0,
            settings: (try? JSONValue(parsing: try row.string("settings"))) ?? .object([]),
            createdAt: try row.int64("created_ms"), updatedAt: try row.int64("updated_ms"),
            authorizations: authorizations.map { entry in
                VideskRoom.Authorization(ip: entry["ip"]?.stringValue ?? "", jti: entry["jti"]?.stringValue ?? "",
                                         createdAt: entry["createdAt"]?.int64Value ?? 0)
            },
            participants: participants.map { entry in
                VideskRoom.Participant(peerId: entry["peerId"]?.stringValue ?? "",
                                       displayName: entry["displayName"]?.stringValue ?? "",
                                       joinedAt: entry["joinedAt"]?.int64Value ?? 0,
                                       leftAt: entry["leftAt"]?.int64Value)
            })
    }

    /// Stored JSON columns keep dates as integers (milliseconds).
    static func authorizationsText(_ room: VideskRoom) -> String {
        JSONValue.array(room.authorizations.map { entry in
            .object([("ip", .string(entry.ip)), ("jti", .string(entry.jti)), ("createdAt", .integer(entry.createdAt))])
        }).jsonString()
    }

    static func participantsText(_ room: VideskRoom) -> String {
        JSONValue.array(room.participants.map { entry in
            .object([("peerId", .string(entry.peerId)), ("displayName", .string(entry.displayName)),
                     ("joinedAt", .integer(entry.joinedAt)), ("leftAt", JSONValue(entry.leftAt))])
        }).jsonString()
    }

    static func all(_ tx: TransactionContext) throws -> [VideskRoom] {
        try tx.db.query("SELECT \(columns) FROM videsk_rooms WHERE namespace = ? ORDER BY seq",
                        [.text(tx.namespace)]).map(decode)
    }

    /// videsk.md §2.1: a 24-hex value as lowercased `id` first, then `externalId` exactly.
    static func resolve(_ value: String, _ tx: TransactionContext) throws -> VideskRoom? {
        if value.utf8.count == 24, value.utf8.allSatisfy({ isHex($0) }),
           let row = try tx.db.queryOne("SELECT \(columns) FROM videsk_rooms WHERE namespace = ? AND id = ?",
                                        [.text(tx.namespace), .text(value.lowercased())]) {
            return try decode(row)
        }
        return try tx.db.queryOne("SELECT \(columns) FROM videsk_rooms WHERE namespace = ? AND external_id = ?",
                                  [.text(tx.namespace), .text(value)]).map(decode)
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    static func externalIdExists(_ externalId: String, _ tx: TransactionContext) throws -> Bool {
        try tx.db.queryOne("SELECT 1 AS x FROM videsk_rooms WHERE namespace = ? AND external_id = ?",
                           [.text(tx.namespace), .text(externalId)]) != nil
    }

    static func insert(_ room: VideskRoom, _ tx: TransactionContext) throws {
        try tx.db.execute(
            "INSERT INTO videsk_rooms (namespace, \(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [.text(tx.namespace), .text(room.id), .integer(room.sequence), .text(room.externalId), .text(room.name),
             .integer(room.nbf), .integer(room.exp), .integer(room.ended ? 1 : 0), .text(room.settings.jsonString()),
             .integer(room.createdAt), .integer(room.updatedAt), .text(authorizationsText(room)),
             .text(participantsText(room))])
    }

    static func update(_ room: VideskRoom, _ tx: TransactionContext) throws {
        try tx.db.execute(
            """
            UPDATE videsk_rooms SET name = ?, nbf_ms = ?, exp_ms = ?, ended = ?, settings = ?, updated_ms = ?,
            authorizations = ?, participants = ? WHERE namespace = ? AND id = ?
            """,
            [.text(room.name), .integer(room.nbf), .integer(room.exp), .integer(room.ended ? 1 : 0),
             .text(room.settings.jsonString()), .integer(room.updatedAt), .text(authorizationsText(room)),
             .text(participantsText(room)), .text(tx.namespace), .text(room.id)])
    }

    /// The next ObjectId and creation sequence (videsk.md §4.5): 4 bytes of namespace seconds, 5 random
    /// bytes fixed per namespace, a 3-byte counter with a random start.
    static func nextIdentity(_ tx: TransactionContext, seconds: Int64) throws -> (id: String, sequence: Int64) {
        var machine: String
        var counter: Int64
        var sequence: Int64
        if let row = try tx.db.queryOne("SELECT machine, counter, seq FROM videsk_ids WHERE namespace = ?",
                                        [.text(tx.namespace)]) {
            machine = try row.string("machine")
            counter = try row.int64("counter")
            sequence = try row.int64("seq")
        } else {
            machine = tx.random { rng in hex((0..<5).map { _ in UInt8(truncatingIfNeeded: rng.next()) }) }
            counter = tx.random { rng in Int64(rng.next() & 0xFF_FFFF) }
            sequence = 0
            try tx.db.execute("INSERT INTO videsk_ids (namespace, machine, counter, seq) VALUES (?, ?, ?, ?)",
                              [.text(tx.namespace), .text(machine), .integer(counter), .integer(sequence)])
        }
        let value = UInt32(truncatingIfNeeded: seconds)
        let counterValue = UInt32(truncatingIfNeeded: counter) & 0xFF_FFFF
        let id = hex([UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
            + machine
            + hex([UInt8(counterValue >> 16 & 0xFF), UInt8(counterValue >> 8 & 0xFF), UInt8(counterValue & 0xFF)])
        try tx.db.execute("UPDATE videsk_ids SET counter = ?, seq = ? WHERE namespace = ?",
                          [.integer((counter + 1) & 0xFF_FFFF), .integer(sequence + 1), .text(tx.namespace)])
        return (id, sequence + 1)
    }

    /// A sequence number for a fixture room whose id is given.
    static func nextSequence(_ tx: TransactionContext) throws -> Int64 {
        _ = try nextIdentity(tx, seconds: 0)
        return try tx.db.queryOne("SELECT seq FROM videsk_ids WHERE namespace = ?", [.text(tx.namespace)])?
            .int64("seq") ?? 1
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return out
    }

    static func deleteAll(_ tx: TransactionContext) throws {
        try tx.db.execute("DELETE FROM videsk_rooms WHERE namespace = ?", [.text(tx.namespace)])
        try tx.db.execute("DELETE FROM videsk_ids WHERE namespace = ?", [.text(tx.namespace)])
    }
}
