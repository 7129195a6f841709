import ConfemuEngine
import ConfemuFormats

/// Room state events on the namespace clock (jitsi-admin.md §6).
enum JitsiClock {
    /// Replaces the pending events of `room` with its current boundaries that are still ahead.
    static func schedule(_ room: RoomRecord, server: ServerRecord, scope: RequestScope, tx: TransactionContext) throws {
        try schedule(room, serverURL: server.url, zone: scope.zone, tx: tx)
    }

    static func schedule(_ room: RoomRecord, serverURL: String, zone: ZoneRules?, tx: TransactionContext) throws {
        try tx.cancel(JitsiEvent.roomStarted, key: room.uid)
        try tx.cancel(JitsiEvent.roomEnded, key: room.uid)
        guard !room.isDeleted else { return }
        let subject: JSONValue = [
            "roomUid": .string(room.uid),
            "roomId": .integer(room.id),
            "name": .string(room.name),
            "server": .string(serverURL),
        ]
        let start = (zone?.instant(forWallClock: room.start.seconds) ?? room.start.seconds) * 1000
        let end = (zone?.instant(forWallClock: room.end.seconds) ?? room.end.seconds) * 1000
        // A boundary already in the past fires nothing (§6).
        if start > tx.nowMilliseconds {
            try tx.schedule(JitsiEvent.roomStarted, atMilliseconds: start, key: room.uid, subject: subject)
        }
        if end > tx.nowMilliseconds {
            try tx.schedule(JitsiEvent.roomEnded, atMilliseconds: max(end, start), key: room.uid, subject: subject)
        }
    }
}
