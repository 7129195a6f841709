import ConfemuStorage

/// A room with what its answers show.
struct RoomView: Sendable {
    var room: RoomRecord
    var server: ServerRecord?
    var moderator: UserRecord?
    var participants: [UserRecord]

    static func load(_ room: RoomRecord, store: JitsiStore) throws -> RoomView {
        RoomView(room: room, server: try store.server(id: room.serverID),
                 moderator: try room.moderatorID.flatMap { try store.user(id: $0) },
                 participants: try store.participants(room: room.id))
    }
}
