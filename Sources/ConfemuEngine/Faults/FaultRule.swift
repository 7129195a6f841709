import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// A fault rule (control-plane.md §4): match, trigger and effect, plus its counters.
package struct FaultRule: Sendable {
    package var id: String
    package var provider: String
    package var operation: String
    /// `match.params`: name → expected value (numbers and booleans by their JSON text).
    package var params: [(name: String, value: String)]
    package var skip: Int
    /// nil = until deleted.
    package var times: Int?
    package var probability: Double
    package var effect: FaultEffect
    package var hits: Int
    /// How many requests matched so far (for `skip`).
    package var matches: Int
    /// The rule as posted (`match`, `trigger`, `effect`), echoed when listed.
    package var document: JSONValue

    package var remaining: Int? { times.map { max(0, $0 - hits) } }

    package var isExhausted: Bool { remaining == 0 }

    /// `alternatives` holds further accepted values per parameter (e.g. a room's id and externalId).
    package func matches(provider: ProviderID, operation: String?, parameters: [String: String],
                         alternatives: [String: [String]] = [:]) -> Bool {
        guard self.provider == "*" || self.provider == provider.rawValue else { return false }
        guard self.operation == "*" || self.operation == operation else { return false }
        for (name, value) in params where parameters[name] != value {
            guard alternatives[name]?.contains(value) == true else { return false }
        }
        return true
    }
}

/// What a fired rule does (control-plane.md §4 `effect`).
package struct FaultEffect: Sendable {
    package enum ConnectionBehaviour: String, Sendable {
        case reset
        case close
        case hang
    }

    package var error: String?
    package var status: Int?
    package var body: String?
    package var headers: [(name: String, value: String)]
    package var delayMs: Int?
    package var connection: ConnectionBehaviour?

    package init(error: String? = nil, status: Int? = nil, body: String? = nil,
                 headers: [(name: String, value: String)] = [], delayMs: Int? = nil,
                 connection: ConnectionBehaviour? = nil) {
        self.error = error
        self.status = status
        self.body = body
        self.headers = headers
        self.delayMs = delayMs
        self.connection = connection
    }
}
