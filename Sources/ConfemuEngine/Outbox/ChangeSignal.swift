import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Dispatch
import Foundation
import Synchronization

/// A generation counter with async waiters: `signal()` wakes everyone waiting for a change after the
/// generation they saw. Used by outbox waits (no polling, architecture.md §4.2).
package final class ChangeSignal: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var waiters: [UInt64: (after: UInt64, continuation: CheckedContinuation<Void, Never>)] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    package init() {}

    package var generation: UInt64 { state.withLock { $0.generation } }

    package func signal() {
        let ready = state.withLock { state in
            state.generation += 1
            let all = state.waiters.values.map(\.continuation)
            state.waiters = [:]
            return all
        }
        for continuation in ready { continuation.resume() }
    }

    /// Returns once the generation moved past `after`, or after the timeout.
    package func wait(after: UInt64, timeoutNanoseconds: UInt64) async {
        let id: UInt64 = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        let timer = Task {
            try? await Task.sleep(nanoseconds: timeoutNanoseconds)
            let waiter = self.state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume()
        }
        await withCheckedContinuation { continuation in
            let changed = state.withLock { state in
                if state.generation != after { return true }
                state.waiters[id] = (after, continuation)
                return false
            }
            if changed { continuation.resume() }
        }
        timer.cancel()
    }
}
