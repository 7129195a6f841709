/// One route of a mount: method, path pattern (relative to the mount prefix), the operation name as
/// the provider spec writes it (faults and the journal use it), an optional body limit (http.md 5.6)
/// and the handler value, whatever the engine chooses it to be.
package struct Route<Handler: Sendable>: Sendable {
    package var method: HTTPMethod
    package var pattern: PathPattern
    package var operation: String
    /// Overrides the mount's and the default body limit (http.md §0, 5.6).
    package var bodyLimit: Int?
    package var handler: Handler

    package init(_ method: HTTPMethod, _ pattern: String, operation: String, bodyLimit: Int? = nil,
                 handler: Handler) {
        self.method = method
        self.pattern = PathPattern(pattern)
        self.operation = operation
        self.bodyLimit = bodyLimit
        self.handler = handler
    }
}
