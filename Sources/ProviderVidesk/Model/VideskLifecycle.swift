import ConfemuEngine
import ConfemuFormats

/// Clock events of videsk.md §10.
enum VideskLifecycle {
    static func subject(_ room: VideskRoom) -> JSONValue {
        .object([("roomId", .string(room.id)), ("externalId", .string(room.externalId))])
    }

    /// `started` at a future `nbf`, `expired` at a future `exp`, for a room not ended. `started` is scheduled
    /// first so that at the same instant it runs before `expired`.
    static func schedule(_ room: VideskRoom, _ tx: TransactionContext) throws {
        guard !room.ended else { return }
        if room.nbf > tx.nowMilliseconds {
            try tx.schedule(VideskEvent.started, atMilliseconds: room.nbf, key: room.id, subject: subject(room))
        }
        if room.exp > tx.nowMilliseconds {
            try tx.schedule(VideskEvent.expired, atMilliseconds: room.exp, key: room.id, subject: subject(room))
        }
    }

    /// A PATCH of `nbf`/`exp` cancels and reschedules the room's pending events.
    static func reschedule(_ room: VideskRoom, _ tx: TransactionContext) throws {
        try tx.cancelAll(key: room.id)
        try schedule(room, tx)
    }

    /// `expired`: every participant still present gets `leftAt` = `exp`; `ended` stays false.
    static func handle(_ event: ClockEvent, _ tx: TransactionContext) throws {
        guard event.kind == VideskEvent.expired,
              var room = try VideskRoomStore.resolve(event.key, tx), room.id == event.key, !room.ended else { return }
        room.closeParticipants(at: room.exp)
        try VideskRoomStore.update(room, tx)
    }
}
