import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// One journaled provider request (control-plane.md §5); field names are the wire names.
package struct JournalEntry: Sendable {
    package var id: String
    package var sequence: UInt64
    /// Namespace clock, milliseconds.
    package var timeMilliseconds: Int64
    package var provider: ProviderID
    package var operation: String?
    package var method: String
    package var path: String
    package var query: String?
    /// Authorization (and provider-specific secrets) already redacted.
    package var requestHeaders: [(name: String, value: String)]
    package var requestBody: String
    package var status: Int
    package var responseBody: String
    package var durationMs: Double
    package var faultID: String?
    package var diagnostics: [String]

    package init(id: String, sequence: UInt64, timeMilliseconds: Int64, provider: ProviderID, operation: String?,
                 method: String, path: String, query: String?, requestHeaders: [(name: String, value: String)],
                 requestBody: String, status: Int, responseBody: String, durationMs: Double, faultID: String?,
                 diagnostics: [String]) {
        self.id = id
        self.sequence = sequence
        self.timeMilliseconds = timeMilliseconds
        self.provider = provider
        self.operation = operation
        self.method = method
        self.path = path
        self.query = query
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.status = status
        self.responseBody = responseBody
        self.durationMs = durationMs
        self.faultID = faultID
        self.diagnostics = diagnostics
    }

    /// The first 64 KiB of a body as text (control-plane.md §5).
    package static func excerpt(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(65_536), as: UTF8.self)
    }
}

/// Filters of the journal list, count and wait calls.
package struct JournalFilter: Sendable {
    package var provider: ProviderID?
    package var operation: String?
    package var status: Int?
    /// Only entries at or after this namespace time (milliseconds).
    package var sinceMilliseconds: Int64?

    package init(provider: ProviderID? = nil, operation: String? = nil, status: Int? = nil,
                 sinceMilliseconds: Int64? = nil) {
        self.provider = provider
        self.operation = operation
        self.status = status
        self.sinceMilliseconds = sinceMilliseconds
    }

    package func matches(_ entry: JournalEntry) -> Bool {
        if let provider, entry.provider != provider { return false }
        if let operation, entry.operation != operation { return false }
        if let status, entry.status != status { return false }
        if let sinceMilliseconds, entry.timeMilliseconds < sinceMilliseconds { return false }
        return true
    }
}
