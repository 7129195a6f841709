/// The supported methods (http.md 2.5); anything else is 501 at the parser.
package enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS
}
