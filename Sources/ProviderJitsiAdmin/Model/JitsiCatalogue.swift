import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

/// The error catalogue of jitsi-admin.md §12.
enum JitsiCatalogue {
    static let json = "application/json"
    static let html = "text/html; charset=UTF-8"

    static func text(_ text: String) -> JSONValue { ["error": true, "text": .string(text)] }

    static func message(_ text: String) -> JSONValue { ["error": true, "message": .string(text)] }

    /// The JSON body of every JSON key.
    static let bodies: [String: (status: Int, body: JSONValue)] = [
        JitsiKey.noServerFound: (200, text("No Server found")),
        JitsiKey.roomNoFound: (200, text("Room no found")),
        JitsiKey.roomNotFound: (200, text("Room not found ")),
        JitsiKey.noRoomFound: (200, text("no Room found")),
        JitsiKey.emailIncorrect: (200, text("Email incorrect")),
        JitsiKey.userIncorrect: (200, text("User incorrect")),
        JitsiKey.createFailed: (200, ["error": true]),
        JitsiKey.startIncorrect: (200, text("Start date incorrect")),
        JitsiKey.durationIncorrect: (200, text("Duration incorrect")),
        JitsiKey.nameIncorrect: (200, text("Name incorrect")),
        JitsiKey.urlIncorrect: (200, text("Url incorrect")),
        JitsiKey.minutesIncorrect: (200, text("Minutes incorrect")),
        JitsiKey.noUserFound: (200, text("No User found")),
        JitsiKey.cloneNotAllowed: (200, [
            "error": true,
            "text": "No Server found. The server mus be allowed to be cloned to autoscale",
            "hint": "use the command php bin/console app:server:allowTo #serverid to allow to clone",
        ]),
        JitsiKey.moveRoomNotFound: (404, message("Room not found")),
        JitsiKey.accessDenied: (403, message("Access denied")),
        JitsiKey.newServerNotFound: (404, message("New Server not found")),
    ]

    /// `unauthorized` resolves to the operation's own auth failure (§12).
    static func unauthorizedKey(for operation: String?) -> String {
        switch operation {
        case JitsiOperation.roomMove: JitsiKey.accessDenied
        case JitsiOperation.serverCreate: JitsiKey.cloneNotAllowed
        case JitsiOperation.info: JitsiKey.noRoomFound
        case JitsiOperation.serverInfo: JitsiKey.noUserFound
        case JitsiOperation.join, JitsiOperation.unmatched: JitsiKey.routeNotFound
        default: JitsiKey.noServerFound
        }
    }

    /// Renders any key for a request (nil request: the catalogue listing).
    static func response(_ key: String, operation: String?, request: HTTPRequest?) -> HTTPResponse {
        if key == JitsiKey.unauthorized {
            return response(unauthorizedKey(for: operation), operation: operation, request: request)
        }
        if let entry = bodies[key] { return JitsiResponses.json(entry.body, status: entry.status) }
        switch key {
        case JitsiKey.routeNotFound:
            return JitsiResponses.errorPage(.notFound, request: request)
        case JitsiKey.methodNotAllowed:
            let allow = request.map { JitsiRouteTable.allow($0.pathSegments) } ?? "GET"
            return JitsiResponses.errorPage(.methodNotAllowed, request: request, allow: allow)
        default:
            return JitsiResponses.errorPage(.crash, request: request)
        }
    }

    static let entries: [(key: String, operations: [String])] = [
        (JitsiKey.noServerFound, [JitsiOperation.roomCreate, JitsiOperation.roomEdit, JitsiOperation.roomDelete,
                                  JitsiOperation.userAdd, JitsiOperation.userRemove, JitsiOperation.getRooms]),
        (JitsiKey.roomNoFound, [JitsiOperation.roomEdit]),
        (JitsiKey.roomNotFound, [JitsiOperation.roomDelete]),
        (JitsiKey.noRoomFound, [JitsiOperation.info, JitsiOperation.userAdd, JitsiOperation.userRemove]),
        (JitsiKey.emailIncorrect, [JitsiOperation.userAdd, JitsiOperation.userRemove, JitsiOperation.roomCreate]),
        (JitsiKey.userIncorrect, [JitsiOperation.userRemove]),
        (JitsiKey.createFailed, [JitsiOperation.roomCreate]),
        (JitsiKey.startIncorrect, [JitsiOperation.roomCreate, JitsiOperation.roomEdit]),
        (JitsiKey.durationIncorrect, [JitsiOperation.roomCreate, JitsiOperation.roomEdit]),
        (JitsiKey.nameIncorrect, [JitsiOperation.roomEdit, JitsiOperation.serverCreate]),
        (JitsiKey.urlIncorrect, [JitsiOperation.serverCreate]),
        (JitsiKey.minutesIncorrect, [JitsiOperation.getRooms]),
        (JitsiKey.noUserFound, [JitsiOperation.serverInfo]),
        (JitsiKey.cloneNotAllowed, [JitsiOperation.serverCreate]),
        (JitsiKey.moveRoomNotFound, [JitsiOperation.roomMove]),
        (JitsiKey.accessDenied, [JitsiOperation.roomMove]),
        (JitsiKey.newServerNotFound, [JitsiOperation.roomMove]),
        (JitsiKey.unauthorized, ["*"]),
        (JitsiKey.upstreamCrash500, ["*"]),
        (JitsiKey.routeNotFound, [JitsiOperation.join, JitsiOperation.unmatched]),
        (JitsiKey.methodNotAllowed, [JitsiOperation.unmatched]),
    ]

    static let catalogue: ErrorCatalogue = {
        ErrorCatalogue(entries.map { entry in
            let key = entry.key
            let status: Int
            let contentType: String
            switch key {
            case JitsiKey.upstreamCrash500: (status, contentType) = (500, html)
            case JitsiKey.routeNotFound: (status, contentType) = (404, html)
            case JitsiKey.methodNotAllowed: (status, contentType) = (405, html)
            case JitsiKey.unauthorized: (status, contentType) = (200, json)
            default: (status, contentType) = (bodies[key]?.status ?? 200, json)
            }
            // upstreamCrash500 is an upstream behaviour: the handler crashes at its crash step (§11).
            let kind: CatalogueEntry.Kind = key == JitsiKey.upstreamCrash500 ? .upstream : .error
            return CatalogueEntry(key: key, status: status, contentType: contentType, operations: entry.operations,
                                  kind: kind) { input in
                response(key, operation: input.operation, request: input.request)
            }
        })
    }()
}
