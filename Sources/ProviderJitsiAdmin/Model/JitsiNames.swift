/// Operation names, catalogue keys and event names of jitsi-admin.md, each written once.
enum JitsiOperation {
    static let info = "info"
    static let getRooms = "getRooms"
    static let roomCreate = "room.create"
    static let roomEdit = "room.edit"
    static let roomDelete = "room.delete"
    static let roomMove = "room.move"
    static let userAdd = "user.add"
    static let userRemove = "user.remove"
    static let serverCreate = "server.create"
    static let serverInfo = "serverInfo"
    static let join = "join"
    static let unmatched = "unmatched"

    static let all = [info, getRooms, roomCreate, roomEdit, roomDelete, roomMove, userAdd, userRemove, serverCreate,
                      serverInfo, join]
}

enum JitsiKey {
    static let noServerFound = "noServerFound"
    static let roomNoFound = "roomNoFound"
    static let roomNotFound = "roomNotFound"
    static let noRoomFound = "noRoomFound"
    static let emailIncorrect = "emailIncorrect"
    static let userIncorrect = "userIncorrect"
    static let createFailed = "createFailed"
    static let startIncorrect = "startIncorrect"
    static let durationIncorrect = "durationIncorrect"
    static let nameIncorrect = "nameIncorrect"
    static let urlIncorrect = "urlIncorrect"
    static let minutesIncorrect = "minutesIncorrect"
    static let noUserFound = "noUserFound"
    static let cloneNotAllowed = "cloneNotAllowed"
    static let moveRoomNotFound = "moveRoomNotFound"
    static let accessDenied = "accessDenied"
    static let newServerNotFound = "newServerNotFound"
    static let unauthorized = "unauthorized"
    static let upstreamCrash500 = "upstreamCrash500"
    static let routeNotFound = "routeNotFound"
    static let methodNotAllowed = "methodNotAllowed"
}

enum JitsiEvent {
    static let roomStarted = "jitsiAdmin.room.started"
    static let roomEnded = "jitsiAdmin.room.ended"
    static let mailInvitation = "jitsiAdmin.mail.invitation"
    static let mailEdited = "jitsiAdmin.mail.edited"
    static let mailCancelled = "jitsiAdmin.mail.cancelled"
}

/// Diagnostic sentences of jitsi-admin.md §10.
enum JitsiDiagnostics {
    static let a1 = "Authorization header missing: the token is null"
    static let a2 = "Authorization header does not match ^Bearer[ :](\\S+)$ (case-sensitive \"Bearer\", then one "
        + "space or one colon, then the key without whitespace): the token is null"
    static let a3 = "header apiKey is ignored: Jitsi-Admin reads the key only from \"Authorization: Bearer <key>\""
    static let b1 = "the request body is JSON; Jitsi-Admin reads parameters only from the query string and form bodies"

    static func a4(_ fp: String, _ ns: String) -> String { "token \(fp) matches no server of namespace \"\(ns)\"" }

    static func a5(_ fp: String, _ id: Int64, _ url: String, _ ns: String) -> String {
        "token \(fp) matches server \(id) (\"\(url)\") of namespace \"\(ns)\", but no server with this key has "
            + "isAllowedToCloneForAutoscale"
    }

    static func a6NoServer(_ ns: String, _ server: String) -> String {
        "no server of namespace \"\(ns)\" has url or id \"\(server)\""
    }

    static func a6NullToken(_ operation: String) -> String { "a null token never matches in \(operation)" }

    static func a6Key(_ id: Int64, _ url: String, _ fp: String) -> String {
        "server \(id) (\"\(url)\") has a different apiKey than token \(fp)"
    }

    static func a6Member(_ id: Int64, _ url: String, _ email: String) -> String {
        "server \(id) (\"\(url)\") does not list \"\(email)\" as a member"
    }

    static func a7(_ id: Int64, _ url: String, _ fp: String) -> String {
        "the room's server \(id) (\"\(url)\") has a different apiKey than token \(fp)"
    }

    static func a8(_ value: String, _ fp: String) -> String {
        "no server with id or url \"\(value)\" has the same apiKey as token \(fp)"
    }

    static func a9(_ name: String, _ source: String) -> String {
        "namespace \"\(name)\" named by \(source) does not exist"
    }

    static func a10(_ fp: String, _ other: String, _ ns: String, _ source: String) -> String {
        "token \(fp) belongs to namespace \"\(other)\", not to \"\(ns)\" chosen by \(source)"
    }

    static func b2(_ reason: String) -> String {
        "upstream answers HTTP 500 here (\(reason)); confemu answers the handled error (fault key upstreamCrash500 "
            + "reproduces the crash)"
    }
}
