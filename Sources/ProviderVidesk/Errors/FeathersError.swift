import ConfemuFormats
import ConfemuHTTP

/// A FeathersJS v5 error body (videsk.md §6): `name, message, code, className` in that order, then `data`
/// and `errors` only where the spec sets them.
struct FeathersError: Sendable {
    var status: Int
    var message: String
    var data: JSONValue?
    var errors: JSONValue?

    static let contentType = "application/json; charset=utf-8"

    init(_ status: Int, _ message: String, data: JSONValue? = nil, errors: JSONValue? = nil) {
        self.status = status
        self.message = message
        self.data = data
        self.errors = errors
    }

    /// videsk.md §6 table.
    static func names(_ status: Int) -> (name: String, className: String) {
        switch status {
        case 400: ("BadRequest", "bad-request")
        case 401: ("NotAuthenticated", "not-authenticated")
        case 403: ("Forbidden", "forbidden")
        case 404: ("NotFound", "not-found")
        case 405: ("MethodNotAllowed", "method-not-allowed")
        case 409: ("Conflict", "conflict")
        case 429: ("TooManyRequests", "too-many-requests")
        case 503: ("Unavailable", "unavailable")
        default: ("GeneralError", "general-error")
        }
    }

    var json: JSONValue {
        let (name, className) = Self.names(status)
        var members: [JSONMember] = [("name", .string(name)), ("message", .string(message)),
                                     ("code", .integer(status)), ("className", .string(className))]
        if let data { members.append(("data", data)) }
        if let errors { members.append(("errors", errors)) }
        return .object(members)
    }

    var bodyText: String { json.jsonString(.standard) }

    var response: HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", Self.contentType)
        // videsk.md §12: 429 carries Retry-After: 1.
        if status == 429 { headers.add("Retry-After", "1") }
        return HTTPResponse(status: status, headers: headers, body: Array(bodyText.utf8))
    }
}
