import ConfemuFormats
import ConfemuHTTP

/// Response builders for both ProCONF surfaces (proconf.md §3.2, §3.3, §8.1).
enum ProConfResponse {
    static let errorContentType = "application/json; charset=utf-8"

    /// §3.2: `{"error":{"statusCode","name","message"[,"code"][,"details"]}}`.
    static func sessionError(_ status: Int, _ name: String, _ message: JSONValue, code: String? = nil,
                             details: JSONValue? = nil) -> HTTPResponse {
        var inner: [JSONMember] = [("statusCode", .integer(status)), ("name", .string(name)), ("message", message)]
        if let code { inner.append(("code", .string(code))) }
        if let details { inner.append(("details", details)) }
        return errorResponse(status, .object([("error", .object(inner))]))
    }

    /// §3.2: every 5xx hides its cause.
    static var hidden500: HTTPResponse {
        errorResponse(500, .object([("error", .object([("statusCode", 500), ("message", "Internal Server Error")]))]))
    }

    /// §8.1: 400 and 401 put `data` first, the others `error` first.
    static func adminError(_ status: Int, _ message: String) -> HTTPResponse {
        let error: JSONValue = .object([("code", .integer(status)), ("message", .string(message))])
        let body: JSONValue = status == 400 || status == 401
            ? .object([("data", .null), ("error", error)])
            : .object([("error", error), ("data", .null)])
        return errorResponse(status, body)
    }

    static func adminSuccess(_ data: JSONValue) -> HTTPResponse {
        HTTPResponse(status: 200, contentType: errorContentType,
                     body: JSONValue.object([("error", .null), ("data", data)]).jsonString())
    }

    /// §3.3: objects and arrays → 200 `application/json` exactly.
    static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: value.jsonString())
    }

    /// §3.3: a string → 200 `text/plain` exactly.
    static func text(_ value: String) -> HTTPResponse {
        HTTPResponse(status: 200, contentType: "text/plain", body: value)
    }

    /// §3.3: nothing → 204 without `Content-Type`.
    static var noContent: HTTPResponse { HTTPResponse(status: 204) }

    /// Control-plane JSON (control-plane.md §12).
    static func control(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: errorContentType, body: value.jsonString())
    }

    static func errorResponse(_ status: Int, _ body: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, contentType: errorContentType, body: body.jsonString())
    }

    /// The §3.4 415 message for a raw `Content-Type` value.
    static func unsupportedMediaType(_ raw: String) -> HTTPResponse {
        sessionError(415, "UnsupportedMediaTypeError",
                     .string("Content-type \(raw) does not match [application/json]."),
                     code: "UNSUPPORTED_MEDIA_TYPE")
    }

    /// The §3.4 422 body.
    static func validationFailed(_ details: [JSONValue]) -> HTTPResponse {
        sessionError(422, "UnprocessableEntityError",
                     "The request body is invalid. See error object `details` property for more info.",
                     code: "VALIDATION_FAILED", details: .array(details))
    }

    static let rootMustBeObject: JSONValue = .object([
        ("path", ""), ("code", "type"), ("message", "must be object"), ("info", .object([("type", "object")])),
    ])
}
