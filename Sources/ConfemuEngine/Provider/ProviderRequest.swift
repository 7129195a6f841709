import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// What a route handler receives.
package struct ProviderRequest: Sendable {
    package var http: HTTPRequest
    /// Decoded path parameters of the route pattern (`{id}` → value).
    package var parameters: [String: String]
    package var operation: String
    package var context: ProviderContext

    package init(http: HTTPRequest, parameters: [String: String], operation: String, context: ProviderContext) {
        self.http = http
        self.parameters = parameters
        self.operation = operation
        self.context = context
    }
}
