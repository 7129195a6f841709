import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

extension ServeConfiguration {
    /// The configuration in force for `/_confemu/info`, secrets redacted.
    package var redactedSummary: JSONValue {
        .object([
            ("host", .string(host)),
            ("port", .integer(port)),
            ("db", .string(databasePath)),
            ("fixtures", .string(fixturesPath)),
            ("seed", seed.map { .integer($0) } ?? .null),
            ("adminToken", adminToken == nil ? .null : .string("<secret>")),
            ("publicURL", publicURL.map(JSONValue.string) ?? .null),
            ("logLevel", .string(logLevel.description)),
            ("logFormat", .string(logFormat.rawValue)),
            ("portFile", portFile.map(JSONValue.string) ?? .null),
            ("journalMax", .integer(journalMax)),
            ("strictFidelity", .bool(strictFidelity)),
        ])
    }
}
