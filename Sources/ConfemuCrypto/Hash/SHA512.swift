/// SHA-512 (FIPS 180-4 §6.4).
package struct SHA512: HashFunction {
    package static let blockSize = SHA512Compression.blockSize
    package static let digestSize = 64

    private var hasher = BlockHasher(SHA512Compression.sha512)

    package init() {}

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bytes)
    }

    package func finalize() -> [UInt8] {
        hasher.finalize(byteCount: Self.digestSize)
    }
}
