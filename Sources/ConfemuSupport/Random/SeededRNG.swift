/// A deterministic generator (SplitMix64): with a seed, IDs, passwords and `jti`s repeat exactly from run
/// to run (README principle 6). Without a seed it starts from system randomness.
package struct SeededRNG: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A child generator for a sub-stream (e.g. one per namespace), derived deterministically.
    package mutating func fork(label: String) -> SeededRNG {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in label.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return SeededRNG(seed: next() ^ hash)
    }
}
