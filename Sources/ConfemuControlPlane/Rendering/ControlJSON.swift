import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// JSON answers of the control plane (control-plane.md: `application/json; charset=utf-8`).
package enum ControlJSON {
    package static let contentType = "application/json; charset=utf-8"

    package static func response(_ status: Int, _ value: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(value.jsonString().utf8))
    }

    package static func ok(_ value: JSONValue) -> HTTPResponse { response(200, value) }

    package static func items(_ values: [JSONValue]) -> HTTPResponse { ok(.object([("items", .array(values))])) }

    package static func noContent() -> HTTPResponse { HTTPResponse(status: 204) }

    package static func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
        response(status, .object([("error", .object([("code", .string(code)), ("message", .string(message))]))]))
    }
}
