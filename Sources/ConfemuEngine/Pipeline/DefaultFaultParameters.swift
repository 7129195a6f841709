import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// The parameters `match.params` compares with unless a provider says otherwise: path parameters, query
/// parameters, form fields and the top-level scalars of a JSON object body (numbers and booleans by
/// their JSON text). The first value of a repeated name wins.
package enum DefaultFaultParameters {
    package static func collect(_ request: HTTPRequest, pathParameters: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        func add(_ name: String, _ value: String) {
            if result[name] == nil { result[name] = value }
        }
        for (name, value) in pathParameters { add(name, value) }
        for (name, value) in request.query { add(name, value) }
        let contentType = (request.headers.first("Content-Type") ?? "").lowercased()
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            for (name, value) in request.formParameters { add(name, value) }
        } else if !request.body.isEmpty, let body = try? JSONValue(parsing: request.body), case .object(let members) = body {
            for (name, value) in members {
                switch value {
                case .string(let text): add(name, text)
                case .object, .array: continue
                default: add(name, value.jsonString())
                }
            }
        }
        return result
    }
}
