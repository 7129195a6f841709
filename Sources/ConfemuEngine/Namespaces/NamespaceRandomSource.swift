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
        generators.withLock { $0[namespace] = generator }
    }

    package func remove(namespace: String) {
        _ = generators.withLock { $0.removeValue(forKey: namespace) }
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
