import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// One seeded generator per namespace, kept in memory (README principle 6). A namespace with a seed
/// restarts its sequence on reset, so a test run repeats exactly.
package final class NamespaceRandomSource: Sendable {
    private let generators = Mutex<[String: SeededRNG]>([:])
    private let globalSeed: UInt64?

    package init(globalSeed: UInt64?) { self.globalSeed = globalSeed }

    /// (Re)starts the namespace's sequence: from its own seed, else derived from `--seed`, else random.
    package func reset(namespace: String, seed: UInt64?) {
        let generator: SeededRNG
        if let seed {
            generator = SeededRNG(seed: seed)
        } else if let globalSeed {
            var root = SeededRNG(seed: globalSeed)
            generator = root.fork(label: namespace)
        } else {
            generator = SeededRNG()
        }
        // control-plane.md §4: fault probability draws come from the namespace seed, on their own stream
        // so that they do not shift the provider's random values (and restart on reset).
        var copy = generator
        let faults = copy.fork(label: "faults")
        generators.withLock {
            $0[namespace] = generator
            $0[Self.faultStream(namespace)] = faults
        }
    }

    /// The key of the stream fault probabilities draw from.
    package static func faultStream(_ namespace: String) -> String { namespace + "#faults" }

    package func remove(namespace: String) {
        generators.withLock {
            $0[namespace] = nil
            $0[Self.faultStream(namespace)] = nil
        }
    }

    package func draw<T>(namespace: String, _ body: (inout SeededRNG) -> T) -> T {
        generators.withLock { all in
            var generator = all[namespace] ?? SeededRNG()
            let value = body(&generator)
            all[namespace] = generator
            return value
        }
    }
}
