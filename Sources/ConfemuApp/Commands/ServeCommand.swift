import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Dispatch
import Foundation
import Synchronization

/// `confemu serve`: start, print the ready line, run until SIGTERM/SIGINT, stop gracefully, exit 0.
enum ServeCommand {
    static func run(_ arguments: [String], environment: [String: String]) async throws -> Int32 {
        let configuration = try ServeConfiguration.parse(arguments, environment: environment)
        let logger = Logger(sink: StreamLogSink(format: configuration.logFormat), minimumLevel: configuration.logLevel)
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let watcher = SignalWatcher()
        let application = try await ConfemuApplication.start(configuration, logger: logger)
        // control-plane.md §1: exactly one ready line, after which nothing is lazily initialised.
        logger.notice("confemu ready on \(application.baseURL)")
        await watcher.waitForFirstSignal { application.forceStop() }
        logger.notice("confemu stopping")
        await application.stop()
        watcher.cancel()
        logger.notice("confemu stopped")
        return 0
    }
}

/// SIGTERM and SIGINT through Dispatch signal sources (architecture.md §4.4): the first one resumes
/// the waiter, a second one runs `onSecond` (http.md 13.4: cut the graceful wait).
final class SignalWatcher: Sendable {
    private struct State {
        var count = 0
        var waiter: CheckedContinuation<Void, Never>?
        var onSecond: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())
    private let sources: [SendableDispatchSource<any DispatchSourceSignal>]

    init() {
        let queue = DispatchQueue(label: "confemu.signals")
        let made = [SIGTERM, SIGINT].map { DispatchSource.makeSignalSource(signal: $0, queue: queue) }
        sources = made.map { SendableDispatchSource(source: $0) }
        for source in made {
            source.setEventHandler { [weak self] in self?.received() }
            source.resume()
        }
    }

    private func received() {
        let (waiter, onSecond): (CheckedContinuation<Void, Never>?, (@Sendable () -> Void)?) = state.withLock { state in
            state.count += 1
            if state.count == 1 {
                let waiter = state.waiter
                state.waiter = nil
                return (waiter, nil)
            }
            return (nil, state.onSecond)
        }
        waiter?.resume()
        onSecond?()
    }

    func waitForFirstSignal(onSecond: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { continuation in
            let alreadySignalled = state.withLock { state in
                state.onSecond = onSecond
                if state.count > 0 { return true }
                state.waiter = continuation
                return false
            }
            if alreadySignalled { continuation.resume() }
        }
    }

    func cancel() {
        for source in sources { source.source.cancel() }
    }
}
