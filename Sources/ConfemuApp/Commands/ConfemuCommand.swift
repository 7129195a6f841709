import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// The `confemu` command line: `serve | healthcheck | checksum | token | version` (control-plane.md §1).
/// Returns the process exit code: 0 on success, 1 for a failed health check, 2 for bad usage or a
/// start that cannot happen (one line on standard error, no partial start).
package enum ConfemuCommand {
    package static let usage = """
        usage: confemu serve [--host H] [--port N] [--db PATH|:memory:] [--fixtures FILE] [--seed N]
                             [--admin-token T] [--public-url URL] [--log-level LEVEL] [--log-format text|json]
                             [--port-file PATH] [--journal-max N] [--strict-fidelity]
               confemu healthcheck [--url http://127.0.0.1:8080]
               confemu checksum <call> <query> --secret S [--algorithm sha1|sha256|sha384|sha512]
               confemu token proconf --secret S [--permissions A,B] [--issuer I] [--expires-in 3600]
               confemu version
        """

    package static func run(_ arguments: [String], environment: [String: String]) async -> Int32 {
        let command = arguments.first ?? "serve"
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "serve": return try await ServeCommand.run(rest, environment: environment)
            case "healthcheck": return try HealthcheckCommand.run(rest, environment: environment)
            case "checksum": return try ChecksumCommand.run(rest)
            case "token": return try TokenCommand.run(rest)
            case "version", "--version": 
                print("confemu \(ConfemuVersion.string)")
                return 0
            case "help", "--help", "-h":
                print(usage)
                return 0
            default:
                if command.hasPrefix("--") { return try await ServeCommand.run(arguments, environment: environment) }
                throw ArgumentError.usage("unknown command '\(command)'")
            }
        } catch let error as ArgumentError {
            printError("confemu: \(error.description)")
            return 2
        } catch let error as ConfemuError {
            printError("confemu: \(error.message)")
            return 2
        } catch {
            printError("confemu: \(error)")
            return 2
        }
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
