/// SHA-256 (FIPS 180-4 §6.2).
package struct SHA256: HashFunction {
    package static let blockSize = SHA256Compression.blockSize
    package static let digestSize = 32

    private var hasher = BlockHasher(SHA256Compression())

    package init() {}

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bytes)
    }

    package func finalize() -> [UInt8] {
        hasher.finalize(byteCount: Self.digestSize)
    }
}
