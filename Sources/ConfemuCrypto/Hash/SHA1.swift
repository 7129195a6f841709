/// SHA-1 (FIPS 180-4 §6.1). Still what BigBlueButton checksums default to (bbb.md 3.2); not for new designs.
package struct SHA1: HashFunction {
    package static let blockSize = SHA1Compression.blockSize
    package static let digestSize = 20

    private var hasher = BlockHasher(SHA1Compression())

    package init() {}

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bytes)
    }

    package func finalize() -> [UInt8] {
        hasher.finalize(byteCount: Self.digestSize)
    }
}
