import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// Everything `confemu serve` is configured with (control-plane.md §1). Flags win over environment
/// variables, which win over defaults.
package struct ServeConfiguration: Sendable, Equatable {
    package var host = "127.0.0.1"
    package var port = 8080
    package var databasePath = "./confemu.sqlite"
    package var fixturesPath = "fixtures/default.json"
    package var seed: UInt64?
    package var adminToken: String?
    package var publicURL: String?
    package var logLevel: LogLevel = .info
    package var logFormat: StreamLogSink.Format = .text
    package var portFile: String?
    package var journalMax = 10_000
    package var strictFidelity = false

    package init() {}

    /// Whether `host` is a loopback address or name (control-plane.md §11).
    package var isLoopbackHost: Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered == "[::1]" || lowered.hasPrefix("127.")
    }

    /// The public base URL: `--public-url` without a trailing slash, else `http://HOST:PORT` as bound.
    package func effectivePublicURL(boundPort: Int) -> String {
        if var url = publicURL {
            while url.hasSuffix("/") { url.removeLast() }
            return url
        }
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "http://\(shownHost):\(boundPort)"
    }
}
