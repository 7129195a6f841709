import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// Everything a catalogue renderer may look at when it builds an error response.
package struct ErrorRenderInput: Sendable {
    /// The operation being answered (`create`, `rooms.get`, ...), or nil for the catalogue listing.
    package var operation: String?
    package var parameters: [String: String]
    /// The request, when rendering for one (nil in `GET /_confemu/errors`).
    package var request: HTTPRequest?

    package init(operation: String? = nil, parameters: [String: String] = [:], request: HTTPRequest? = nil) {
        self.operation = operation
        self.parameters = parameters
        self.request = request
    }
}

/// One error a provider can render (control-plane.md §4 "Errors catalogue", §12).
package struct CatalogueEntry: Sendable {
    package var key: String
    package var status: Int
    package var contentType: String
    /// Operations the key applies to; `["*"]` for all.
    package var operations: [String]
    /// "error" short-circuits; "upstream" is a behaviour the handler reproduces (proconf.md §11).
    package var kind: Kind
    /// Builds the full response for a request (status, headers, body). Must not fail.
    package var render: @Sendable (ErrorRenderInput) -> HTTPResponse

    package enum Kind: String, Sendable {
        case error
        case upstream
    }

    package init(key: String, status: Int, contentType: String, operations: [String], kind: Kind = .error,
                 render: @escaping @Sendable (ErrorRenderInput) -> HTTPResponse) {
        self.key = key
        self.status = status
        self.contentType = contentType
        self.operations = operations
        self.kind = kind
        self.render = render
    }

    /// An entry whose body does not depend on the request.
    package init(key: String, status: Int, contentType: String, operations: [String], kind: Kind = .error,
                 headers: HTTPHeaders = HTTPHeaders(), body: String) {
        let bytes = Array(body.utf8)
        self.init(key: key, status: status, contentType: contentType, operations: operations, kind: kind) { _ in
            var fields = headers
            fields.set("Content-Type", contentType)
            return HTTPResponse(status: status, headers: fields, body: bytes)
        }
    }

    package func applies(to operation: String?) -> Bool {
        guard let operation else { return true }
        return operations.contains("*") || operations.contains(operation)
    }
}
