import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// The request journal: a bounded ring per namespace (`--journal-max`), kept in memory, with
/// long-poll waiters resumed by `append` (no polling; architecture.md §4.2).
package final class Journal: Sendable {
    private struct Waiter {
        var filter: JournalFilter
        var count: Int
        var continuation: CheckedContinuation<[JournalEntry]?, Never>
    }

    private struct State {
        var entries: [String: [JournalEntry]] = [:]
        var waiters: [String: [UInt64: Waiter]] = [:]
        var nextWaiterID: UInt64 = 0
        var nextSequence: UInt64 = 0
    }

    package let maximumPerNamespace: Int
    private let state = Mutex(State())

    package init(maximumPerNamespace: Int) {
        self.maximumPerNamespace = max(1, maximumPerNamespace)
    }

    package func nextSequence() -> UInt64 {
        state.withLock { state in
            state.nextSequence += 1
            return state.nextSequence
        }
    }

    package func append(_ entry: JournalEntry, namespace: String) {
        let ready: [(CheckedContinuation<[JournalEntry]?, Never>, [JournalEntry])] = state.withLock { state in
            var ring = state.entries[namespace] ?? []
            ring.append(entry)
            if ring.count > maximumPerNamespace { ring.removeFirst(ring.count - maximumPerNamespace) }
            state.entries[namespace] = ring
            var resumed: [(CheckedContinuation<[JournalEntry]?, Never>, [JournalEntry])] = []
            for (id, waiter) in state.waiters[namespace] ?? [:] {
                let matching = ring.filter(waiter.filter.matches)
                if matching.count >= waiter.count {
                    state.waiters[namespace]?[id] = nil
                    resumed.append((waiter.continuation, matching.reversed()))
                }
            }
            return resumed
        }
        for (continuation, entries) in ready { continuation.resume(returning: entries) }
    }

    /// Newest first.
    package func list(namespace: String, filter: JournalFilter, limit: Int?) -> [JournalEntry] {
        let matching = state.withLock { state in (state.entries[namespace] ?? []).filter(filter.matches) }
        let newestFirst = Array(matching.reversed())
        guard let limit, limit >= 0 else { return newestFirst }
        return Array(newestFirst.prefix(limit))
    }

    package func entry(namespace: String, id: String) -> JournalEntry? {
        state.withLock { state in state.entries[namespace]?.first { $0.id == id } }
    }

    package func count(namespace: String, filter: JournalFilter) -> Int {
        state.withLock { state in (state.entries[namespace] ?? []).filter(filter.matches).count }
    }

    package func totalCount() -> Int {
        state.withLock { state in state.entries.values.reduce(0) { $0 + $1.count } }
    }

    package func clear(namespace: String) {
        state.withLock { state in state.entries[namespace] = nil }
    }

    /// Waits until `count` matching entries exist; returns them (newest first) or nil after the timeout.
    package func wait(namespace: String, filter: JournalFilter, count: Int, timeoutMilliseconds: Int) async
        -> [JournalEntry]? {
        let waiterID: UInt64 = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let timeout = Task {
            try? await Task.sleep(for: .milliseconds(max(0, timeoutMilliseconds)))
            self.expire(namespace: namespace, waiterID: waiterID)
        }
        let result: [JournalEntry]? = await withCheckedContinuation { continuation in
            let immediate: [JournalEntry]? = state.withLock { state in
                let matching = (state.entries[namespace] ?? []).filter(filter.matches)
                if matching.count >= count { return Array(matching.reversed()) }
                state.waiters[namespace, default: [:]][waiterID] = Waiter(filter: filter, count: count,
                                                                          continuation: continuation)
                return nil
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
        timeout.cancel()
        return result
    }

    private func expire(namespace: String, waiterID: UInt64) {
        let waiter = state.withLock { state in state.waiters[namespace]?.removeValue(forKey: waiterID) }
        waiter?.continuation.resume(returning: nil)
    }

    package func removeNamespace(_ namespace: String) {
        let waiters = state.withLock { state in
            state.entries[namespace] = nil
            return state.waiters.removeValue(forKey: namespace) ?? [:]
        }
        for waiter in waiters.values { waiter.continuation.resume(returning: nil) }
    }
}
