import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// What the engine needs from the CLI configuration.
package struct EngineConfiguration: Sendable {
    /// Base of URLs handed out (`--public-url`), without a trailing slash.
    package var publicURL: String
    package var journalMax: Int
    package var strictFidelity: Bool
    package var seed: UInt64?
    /// The fixtures document loaded at start (`--fixtures`); `default` is created from it.
    package var startFixtures: JSONValue

    package init(publicURL: String, journalMax: Int = 10_000, strictFidelity: Bool = false, seed: UInt64? = nil,
                 startFixtures: JSONValue = .object([])) {
        self.publicURL = publicURL
        self.journalMax = journalMax
        self.strictFidelity = strictFidelity
        self.seed = seed
        self.startFixtures = startFixtures
    }
}

/// An engine operation refused with a control-plane error (control-plane.md: `{"error": {code, message}}`).
package struct EngineError: Error, Sendable, CustomStringConvertible {
    package var status: Int
    package var code: String
    package var message: String

    package init(_ status: Int, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    package var description: String { message }

    package static func notFound(_ what: String) -> EngineError { EngineError(404, "not-found", what) }
}
