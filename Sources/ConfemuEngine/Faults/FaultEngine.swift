import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// The fault rules of every namespace, kept in memory and written through to the `faults` table by
/// the engine (control-plane.md §4). Rules are tried in creation order; the first that fires wins.
package final class FaultEngine: Sendable {
    private let rules = Mutex<[String: [FaultRule]]>([:])
    private let nextID = Mutex<UInt64>(0)

    package init() {}

    package func load(_ loaded: [String: [FaultRule]]) {
        rules.withLock { $0 = loaded }
        let highest = loaded.values.joined().compactMap { UInt64($0.id.dropFirst(2)) }.max() ?? 0
        nextID.withLock { $0 = max($0, highest) }
    }

    package func makeID() -> String {
        nextID.withLock { value in
            value += 1
            return "f-\(value)"
        }
    }

    package func add(_ rule: FaultRule, namespace: String) {
        rules.withLock { $0[namespace, default: []].append(rule) }
    }

    package func list(namespace: String) -> [FaultRule] {
        rules.withLock { $0[namespace] ?? [] }
    }

    package func totalCount() -> Int { rules.withLock { $0.values.reduce(0) { $0 + $1.count } } }

    @discardableResult
    package func remove(namespace: String, id: String) -> Bool {
        rules.withLock { all in
            guard let index = all[namespace]?.firstIndex(where: { $0.id == id }) else { return false }
            all[namespace]?.remove(at: index)
            return true
        }
    }

    /// Whether the namespace has any rule (the pipeline skips all fault work otherwise).
    package func hasRules(namespace: String) -> Bool {
        rules.withLock { !($0[namespace] ?? []).isEmpty }
    }

    package func removeAll(namespace: String) {
        rules.withLock { $0[namespace] = nil }
    }

    /// Counts the request against every matching rule and returns the rule that fires (already
    /// counted as a hit), if any, and whether any rule matched (its counters then need persisting).
    /// `draw` gives a uniform number in [0, 1) from the namespace seed.
    package func evaluate(namespace: String, provider: ProviderID, operation: String?,
                          parameters: [String: String], alternatives: [String: [String]] = [:],
                          draw: () -> Double) -> (fired: FaultRule?, matched: Bool) {
        rules.withLock { all in
            guard var list = all[namespace] else { return (nil, false) }
            var fired: FaultRule?
            var matched = false
            for index in list.indices where fired == nil {
                guard list[index].matches(provider: provider, operation: operation, parameters: parameters,
                                                   alternatives: alternatives),
                      !list[index].isExhausted else { continue }
                list[index].matches += 1
                matched = true
                guard list[index].matches > list[index].skip else { continue }
                if list[index].probability < 1.0, draw() >= list[index].probability { continue }
                list[index].hits += 1
                fired = list[index]
            }
            all[namespace] = list
            return (fired, matched)
        }
    }

    /// The counters of every rule of a namespace, for persistence after a request.
    package func counters(namespace: String) -> [(id: String, hits: Int, matches: Int)] {
        rules.withLock { all in (all[namespace] ?? []).map { ($0.id, $0.hits, $0.matches) } }
    }
}
