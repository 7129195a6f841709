import ConfemuHTTP

/// The operation and the `Allow` list of a path without the router (jitsi-admin.md §1), for
/// unknown-namespace answers, `finish` and the `methodNotAllowed` fault.
enum JitsiRouteTable {
    static func allow(_ segments: [String]) -> String {
        switch segments {
        case ["api", "v1", "room"]: "POST, DELETE, PUT"
        case ["api", "v1", "user"]: "POST, DELETE"
        case ["api", "v1", "room", "move"], ["api", "v1", "server", "create"]: "POST"
        case let s where s.count == 5 && s[0] == "api" && s[1] == "v1" && s[2] == "room" && s[3] == "move": "POST"
        default: "GET"
        }
    }

    static func operation(_ method: HTTPMethod, _ segments: [String]) -> String? {
        let get = method == .GET || method == .HEAD
        switch segments {
        case let s where s.count == 4 && s[0] == "api" && s[1] == "v1" && s[2] == "info":
            return get ? JitsiOperation.info : nil
        case ["api", "v1", "server", "getRooms"]: return get ? JitsiOperation.getRooms : nil
        case ["api", "v1", "serverInfo"]: return get ? JitsiOperation.serverInfo : nil
        case ["api", "v1", "room"]:
            switch method {
            case .POST: return JitsiOperation.roomCreate
            case .PUT: return JitsiOperation.roomEdit
            case .DELETE: return JitsiOperation.roomDelete
            default: return nil
            }
        case ["api", "v1", "user"]:
            switch method {
            case .POST: return JitsiOperation.userAdd
            case .DELETE: return JitsiOperation.userRemove
            default: return nil
            }
        case ["api", "v1", "room", "move"]: return method == .POST ? JitsiOperation.roomMove : nil
        case let s where s.count == 5 && s[0] == "api" && s[1] == "v1" && s[2] == "room" && s[3] == "move":
            return method == .POST ? JitsiOperation.roomMove : nil
        case ["api", "v1", "server", "create"]: return method == .POST ? JitsiOperation.serverCreate : nil
        case let s where s.count == 4 && s[0] == "room" && s[1] == "join" && (s[2] == "a" || s[2] == "b"):
            return get ? JitsiOperation.join : nil
        default: return nil
        }
    }
}
