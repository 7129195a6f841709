/// A Jitsi server of a namespace (jitsi-admin.md §4.1).
struct ServerRecord: Sendable {
    var id: Int64
    var url: String
    var name: String
    var apiKey: String?
    var appId: String?
    var appSecret: String?
    var cloneAllowed: Bool
    var administrator: String?
}

/// A user (jitsi-admin.md §4.1).
struct UserRecord: Sendable {
    var id: Int64
    var email: String
    var username: String
    var keycloakId: String?
    var firstName: String
    var lastName: String
    var timeZone: String?
}

/// A room; `moderatorID == nil` means deleted (jitsi-admin.md §4.1).
struct RoomRecord: Sendable {
    var id: Int64
    var uid: String
    var conferenceID: String
    var name: String
    var duration: Int
    var start: NaiveTime
    var end: NaiveTime
    var serverID: Int64
    var moderatorID: Int64?
    var timeZone: String?
    var sequence: Int

    var isDeleted: Bool { moderatorID == nil }
}
