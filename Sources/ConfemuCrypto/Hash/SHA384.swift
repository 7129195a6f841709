/// SHA-384 (FIPS 180-4 §6.5): SHA-512 from its own initial hash value, truncated to 48 bytes.
package struct SHA384: HashFunction {
    package static let blockSize = SHA512Compression.blockSize
    package static let digestSize = 48

    private var hasher = BlockHasher(SHA512Compression.sha384)

    package init() {}

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bytes)
    }

    package func finalize() -> [UInt8] {
        hasher.finalize(byteCount: Self.digestSize)
    }
}
