import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

extension ServeConfiguration {
    static let valuedFlags: Set<String> = ["host", "port", "db", "fixtures", "seed", "admin-token", "public-url",
                                           "log-level", "log-format", "port-file", "journal-max"]
    static let booleanFlags: Set<String> = ["strict-fidelity"]

    /// Builds the configuration from `serve` arguments and the environment (control-plane.md §1).
    package static func parse(_ arguments: [String], environment: [String: String]) throws -> ServeConfiguration {
        let parsed = try ArgumentParser(arguments, valued: valuedFlags, booleans: booleanFlags)
        if let extra = parsed.positionals.first { throw ArgumentError.usage("unexpected argument '\(extra)'") }
        func value(_ flag: String, _ variable: String) -> (String, String)? {
            if let given = parsed.values[flag] { return (given, "--" + flag) }
            if let given = environment[variable] { return (given, variable) }
            return nil
        }
        var configuration = ServeConfiguration()
        if let (host, _) = value("host", "CONFEMU_HOST") {
            guard !host.isEmpty else { throw ArgumentError.invalidValue(flag: "--host", value: host, expected: "a host") }
            configuration.host = host
        }
        if let (text, source) = value("port", "CONFEMU_PORT") {
            guard let port = Int(text), (0...65535).contains(port) else {
                throw ArgumentError.invalidValue(flag: source, value: text, expected: "a port from 0 to 65535")
            }
            configuration.port = port
        }
        if let (path, source) = value("db", "CONFEMU_DB") {
            guard !path.isEmpty else { throw ArgumentError.invalidValue(flag: source, value: path, expected: "a path or :memory:") }
            configuration.databasePath = path
        }
        if let (path, _) = value("fixtures", "CONFEMU_FIXTURES") { configuration.fixturesPath = path }
        if let (text, source) = value("seed", "CONFEMU_SEED") {
            guard let seed = UInt64(text) else {
                throw ArgumentError.invalidValue(flag: source, value: text, expected: "a non-negative integer")
            }
            configuration.seed = seed
        }
        if let (token, source) = value("admin-token", "CONFEMU_ADMIN_TOKEN") {
            guard !token.isEmpty, !token.contains(where: { $0 == " " || $0 == "\t" }) else {
                throw ArgumentError.invalidValue(flag: source, value: "<secret>", expected: "a token without spaces")
            }
            configuration.adminToken = token
        }
        if let (url, source) = value("public-url", "CONFEMU_PUBLIC_URL") {
            guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.count > 8 else {
                throw ArgumentError.invalidValue(flag: source, value: url, expected: "an http:// or https:// URL")
            }
            configuration.publicURL = url
        }
        if let (text, source) = value("log-level", "CONFEMU_LOG_LEVEL") {
            guard let level = LogLevel(name: text) else {
                throw ArgumentError.invalidValue(flag: source, value: text,
                                                 expected: LogLevel.allCases.map(\.description).joined(separator: "|"))
            }
            configuration.logLevel = level
        }
        if let (text, source) = value("log-format", "CONFEMU_LOG_FORMAT") {
            guard let format = StreamLogSink.Format(rawValue: text) else {
                throw ArgumentError.invalidValue(flag: source, value: text, expected: "text|json")
            }
            configuration.logFormat = format
        }
        if let (path, _) = value("port-file", "CONFEMU_PORT_FILE") { configuration.portFile = path }
        if let (text, source) = value("journal-max", "CONFEMU_JOURNAL_MAX") {
            guard let max = Int(text), max >= 1, max <= 10_000_000 else {
                throw ArgumentError.invalidValue(flag: source, value: text, expected: "an integer from 1 to 10000000")
            }
            configuration.journalMax = max
        }
        if parsed.switches.contains("strict-fidelity") {
            configuration.strictFidelity = true
        } else if let text = environment["CONFEMU_STRICT_FIDELITY"] {
            configuration.strictFidelity = ["1", "true", "yes"].contains(text.lowercased())
        }
        if !configuration.isLoopbackHost, configuration.adminToken == nil {
            throw ArgumentError.usage(
                "--host \(configuration.host) is not a loopback address: set --admin-token (or CONFEMU_ADMIN_TOKEN) to protect the control plane")
        }
        return configuration
    }
}
