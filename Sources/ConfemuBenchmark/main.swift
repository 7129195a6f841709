// confemu-bench: drives load over real sockets and reports requests/s and latency percentiles.
//
//   swift run -c release confemu-bench [--url http://127.0.0.1:8080] [--connections 32] [--seconds 10]
//                                      [--path /_confemu/health] [--header "Authorization: Bearer T"]...
//
// Without --url it starts confemu in-process (port 0, :memory:, fixtures/default.json) and measures that.
// Each connection is one thread sending keep-alive requests back to back; loops are bounded in time and
// only ever target the given (loopback) server.
import ConfemuTesting
import Foundation

struct Options {
    var url: String?
    var connections = 32
    var seconds = 10.0
    var path = "/_confemu/health"
    var headers: [String] = []

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : ""
            switch name {
            case "--url": url = value
            case "--connections": connections = max(1, Int(value) ?? connections)
            case "--seconds": seconds = max(1, Double(value) ?? seconds)
            case "--path": path = value
            case "--header": headers.append(value)
            default:
                print("unknown argument \(name)")
                exit(2)
            }
            index += 2
        }
    }
}

final class Results: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var latencies: [Double] = []
    private var errors = 0

    func add(_ samples: [Double], errors count: Int) {
        lock.lock()
        latencies += samples
        errors += count
        lock.unlock()
    }

    func report(seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        }
        print(String(format: "requests: %d in %.1f s, errors: %d", sorted.count, seconds, errors))
        print(String(format: "throughput: %.0f requests/s", Double(sorted.count) / seconds))
        print(String(format: "latency ms: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f",
                     percentile(0.5) * 1000, percentile(0.9) * 1000, percentile(0.99) * 1000,
                     (sorted.last ?? 0) * 1000))
    }
}

func run(port: Int, options: Options) {
    let results = Results()
    let group = DispatchGroup()
    let deadline = Date().addingTimeInterval(options.seconds)
    let extra = options.headers.map { $0 + "\r\n" }.joined()
    let request = Array("GET \(options.path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(extra)\r\n".utf8)
    for _ in 0..<options.connections {
        group.enter()
        let thread = Thread {
            var samples: [Double] = []
            var failures = 0
            var connection = try? RawHTTPConnection(port: port, timeout: 5)
            while Date() < deadline {
                guard let current = connection else {
                    failures += 1
                    connection = try? RawHTTPConnection(port: port, timeout: 5)
                    continue
                }
                let started = DispatchTime.now().uptimeNanoseconds
                do {
                    try current.send(request)
                    let response = try current.readResponse()
                    if response.status >= 400 { failures += 1 }
                    samples.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                } catch {
                    failures += 1
                    connection = try? RawHTTPConnection(port: port, timeout: 5)
                }
            }
            results.add(samples, errors: failures)
            group.leave()
        }
        thread.stackSize = 512 * 1024
        thread.start()
    }
    group.wait()
    results.report(seconds: options.seconds)
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
if let url = options.url {
    let port = Int(url.split(separator: ":").last.map { String($0.prefix { $0.isNumber }) } ?? "") ?? 8080
    guard url.hasPrefix("http://127.") || url.hasPrefix("http://localhost") else {
        print("confemu-bench only targets loopback servers")
        exit(2)
    }
    run(port: port, options: options)
} else {
    try await withConfemu { confemu in
        print("benchmarking in-process confemu at \(confemu.baseURL)\(options.path), \(options.connections) connections")
        let port = confemu.port
        try await offThePool { run(port: port, options: options) }
    }
}
