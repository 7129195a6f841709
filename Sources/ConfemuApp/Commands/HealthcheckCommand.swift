import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// `confemu healthcheck [--url URL]`: exit 0 when `/_confemu/health` answers 200 with status ok, else 1.
/// Without `--url` it asks `http://127.0.0.1:$CONFEMU_PORT` (8080 by default), as the Docker HEALTHCHECK does.
enum HealthcheckCommand {
    static func run(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        let parsed = try ArgumentParser(arguments, valued: ["url"])
        if let extra = parsed.positionals.first { throw ArgumentError.usage("unexpected argument '\(extra)'") }
        var base = parsed.values["url"] ?? "http://127.0.0.1:\(environment["CONFEMU_PORT"] ?? "8080")"
        while base.hasSuffix("/") { base.removeLast() }
        var configuration = HTTPClient.Configuration()
        configuration.attemptTimeout = .seconds(5)
        let result = HTTPClient(configuration: configuration).send(HTTPClientRequest(method: .GET,
                                                                                     url: base + "/_confemu/health"))
        switch result {
        case .success(let response):
            let body = try? JSONValue(parsing: response.body)
            if response.status == 200, body?["status"]?.stringValue == "ok" {
                print("ok")
                return 0
            }
            ConfemuCommand.printError("confemu: health check failed: HTTP \(response.status)")
            return 1
        case .failure(let error):
            ConfemuCommand.printError("confemu: health check failed: \(error.code)")
            return 1
        }
    }
}
