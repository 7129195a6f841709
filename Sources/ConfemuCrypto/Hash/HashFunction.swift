/// A streaming hash function of the SHA family (FIPS 180-4): feed bytes with `update`, read the digest with
/// `finalize`. Values are cheap to copy, so a partly fed hasher can be reused as a template.
package protocol HashFunction: Sendable {
    /// Input block size in bytes (64 for SHA-1/SHA-256, 128 for SHA-384/SHA-512); HMAC pads keys to it.
    static var blockSize: Int { get }
    /// Digest size in bytes.
    static var digestSize: Int { get }

    init()

    mutating func update(_ bytes: UnsafeRawBufferPointer)

    /// The digest of everything fed so far. Does not change the hasher: more bytes may still be fed.
    func finalize() -> [UInt8]
}

extension HashFunction {
    package mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    package mutating func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds the UTF-8 bytes of `string`.
    package mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    package static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = Self()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the UTF-8 bytes of `string`.
    package static func hash(_ string: String) -> [UInt8] {
        var hasher = Self()
        hasher.update(string)
        return hasher.finalize()
    }

    /// The digest as lowercase hex.
    package static func hexDigest(_ bytes: [UInt8]) -> String {
        Hex.encode(hash(bytes))
    }

    /// The digest of the UTF-8 bytes of `string`, as lowercase hex.
    package static func hexDigest(_ string: String) -> String {
        Hex.encode(hash(string))
    }
}
