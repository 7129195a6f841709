/// The operation names of videsk.md §2 / §13, each written once.
enum VideskOperation {
    static let list = "rooms.list"
    static let create = "rooms.create"
    static let get = "rooms.get"
    static let patch = "rooms.patch"
    static let delete = "rooms.delete"
    static let join = "rooms.join"
    static let stats = "rooms.stats"

    static let all = [list, create, get, patch, delete, join, stats]

    /// Control-plane simulation (videsk.md §11).
    static let participantsCreate = "videsk.participants.create"
    static let participantsList = "videsk.participants.list"
    static let participantsDelete = "videsk.participants.delete"
}

/// Clock event names of videsk.md §10.
enum VideskEvent {
    static let started = "videsk.room.started"
    static let expired = "videsk.room.expired"
}
