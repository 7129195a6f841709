import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

package typealias ControlHandler = @Sendable (ControlRequest) async throws -> HTTPResponse

/// What a control-plane handler receives.
package struct ControlRequest: Sendable {
    package var http: HTTPRequest
    package var parameters: [String: String]
    package var controlPlane: ControlPlane

    package var engine: Engine { controlPlane.engine }

    /// The JSON body; an empty body is `{}`; anything unparsable is a 400.
    package func jsonBody() throws -> JSONValue {
        if http.body.isEmpty || http.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .object([])
        }
        do {
            return try JSONValue(parsing: http.body)
        } catch {
            throw ControlError(400, "invalid-json", "the request body is not valid JSON: \(error)")
        }
    }

    package func jsonObjectBody() throws -> JSONValue {
        let body = try jsonBody()
        guard case .object = body else { throw ControlError(400, "invalid-json", "the request body must be a JSON object") }
        return body
    }

    /// The namespace named by the `{name}` path parameter, or 404.
    package func namespace() throws -> NamespaceInfo {
        let name = parameters["name"] ?? ""
        guard let info = engine.namespace(name) else {
            throw ControlError(404, "not-found", "namespace '\(name)' does not exist")
        }
        return info
    }
}

/// A control-plane refusal: `{"error": {"code", "message"}}` with `status`.
package struct ControlError: Error, Sendable {
    package var status: Int
    package var code: String
    package var message: String

    package init(_ status: Int, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }
}
