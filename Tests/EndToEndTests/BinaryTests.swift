import ConfemuTesting
import Foundation
import Testing

/// The real `confemu` binary, started as a user would (architecture.md §8 "The real binary").
@Suite("confemu binary")
struct BinaryTests {
    /// The binary next to the test bundle (`swift test` builds every product into the same folder).
    static var binary: URL {
        let testBundle = URL(fileURLWithPath: CommandLine.arguments[0])
        var folder = testBundle.deletingLastPathComponent()
        if folder.lastPathComponent == "MacOS" || folder.pathExtension == "xctest" {
            folder = folder.deletingLastPathComponent()
        }
        while folder.pathExtension == "xctest" || folder.lastPathComponent == "Contents" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("confemu")
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("confemu-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A started `confemu serve` whose output is collected.
    final class Server: @unchecked Sendable {
        // @unchecked: `output` is only appended under `lock` by the pipe's reader.
        let process = Process()
        let lock = NSLock()
        var output = ""

        init(arguments: [String]) throws {
            process.executableURL = BinaryTests.binary
            process.arguments = arguments
            process.currentDirectoryURL = FixturesLocator.directory.deletingLastPathComponent()
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                self.lock.lock()
                self.output += String(decoding: data, as: UTF8.self)
                self.lock.unlock()
            }
            try process.run()
        }

        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return output
        }

        /// Waits for the ready line and returns the port it names. The wait runs on a Dispatch thread so a
        /// busy cooperative pool (other suites run in parallel) cannot starve it.
        func waitUntilReady(timeout: TimeInterval = 30) async throws -> Int {
            let port: Int? = try await offThePool { [self] in
                let deadline = Date().addingTimeInterval(timeout)
                while Date() < deadline {
                    let output = self.text
                    if let range = output.range(of: "confemu ready on http://127.0.0.1:") {
                        let digits = output[range.upperBound...].prefix { $0.isNumber }
                        if let port = Int(digits) { return port }
                    }
                    if !self.process.isRunning { return nil }
                    usleep(20_000)
                }
                return nil
            }
            guard let port else {
                Issue.record("no ready line; output: \(text)")
                throw RawHTTPConnection.Failure.timedOut
            }
            return port
        }

        func terminate() async throws -> Int32 {
            process.terminate()
            let process = self.process
            return try await offThePool {
                process.waitUntilExit()
                return process.terminationStatus
            }
        }
    }

    @Test("the binary exists where swift test builds it")
    func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "missing \(Self.binary.path)")
    }

    @Test("serve on port 0 prints one ready line, writes the port file, answers health and exits 0 on SIGTERM")
    func serveHealthAndSigterm() async throws {
        let folder = try Self.temporaryDirectory()
        let portFile = folder.appendingPathComponent("port").path
        let server = try Server(arguments: ["serve", "--port", "0", "--port-file", portFile,
                                            "--db", folder.appendingPathComponent("db.sqlite").path])
        let port = try await server.waitUntilReady()
        let written = try String(contentsOfFile: portFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(written == String(port))
        let response = try await offThePool { try RawHTTPConnection(port: port).request("GET", "/_confemu/health") }
        #expect(response.status == 200)
        #expect(response.text.contains("\"status\":\"ok\""))
        #expect(server.text.components(separatedBy: "confemu ready on").count == 2)
        #expect(try await server.terminate() == 0)
        #expect(server.text.contains("confemu stopped"))
    }

    @Test("a namespace created before SIGTERM is still there after a restart on the same file")
    func stateSurvivesRestart() async throws {
        let folder = try Self.temporaryDirectory()
        let database = folder.appendingPathComponent("db.sqlite").path
        let first = try Server(arguments: ["serve", "--port", "0", "--db", database])
        let port = try await first.waitUntilReady()
        let created = try await offThePool {
            try RawHTTPConnection(port: port).request(
                "POST", "/_confemu/namespaces", headers: [("Content-Type", "application/json")],
                body: Array(#"{"name":"survivor","seed":3}"#.utf8))
        }
        #expect(created.status == 201)
        #expect(try await first.terminate() == 0)

        let second = try Server(arguments: ["serve", "--port", "0", "--db", database])
        let secondPort = try await second.waitUntilReady()
        let fetched = try await offThePool {
            try RawHTTPConnection(port: secondPort).request("GET", "/_confemu/namespaces/survivor")
        }
        #expect(fetched.status == 200)
        #expect(fetched.text.contains("\"name\":\"survivor\""))
        #expect(try await second.terminate() == 0)
    }

    @Test("healthcheck exits 0 against a running server and 1 when nothing listens")
    func healthcheck() async throws {
        let server = try Server(arguments: ["serve", "--port", "0", "--db", ":memory:"])
        let port = try await server.waitUntilReady()
        #expect(try await Self.run(["healthcheck", "--url", "http://127.0.0.1:\(port)"]).status == 0)
        #expect(try await server.terminate() == 0)
        #expect(try await Self.run(["healthcheck", "--url", "http://127.0.0.1:\(port)"]).status == 1)
    }

    @Test("bad flags and unusable databases give one line and exit 2", arguments: [
        ["serve", "--bogus"],
        ["serve", "--port", "70000"],
        ["serve", "--log-level", "loud"],
        ["serve", "--host", "0.0.0.0"],
        ["serve", "--db", "/proc/confemu/nope.sqlite"],
        ["serve", "--fixtures", "/nonexistent/fixtures.json"],
        ["frobnicate"],
    ])
    func badStart(arguments: [String]) async throws {
        let result = try await Self.run(arguments)
        #expect(result.status == 2)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1, "output: \(result.output)")
        #expect(result.output.hasPrefix("confemu: "))
    }

    @Test("checksum prints the Meetingz document example")
    func checksum() async throws {
        let result = try await Self.run(["checksum", "create", "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444",
                                   "--secret", "639259d4-9dd8-4b25-bf01-95f9567eaf4b"])
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            == "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17")
    }

    @Test("version prints the version")
    func version() async throws {
        let result = try await Self.run(["version"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("confemu "))
    }

    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await offThePool { try runBlocking(arguments) }
    }

    static func runBlocking(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = FixturesLocator.directory.deletingLastPathComponent()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
