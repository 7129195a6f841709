/// HMAC (RFC 2104, FIPS 198-1) over any of the SHA functions. The key is absorbed once at `init`, so a value
/// can be kept and copied to authenticate many messages under the same key.
package struct HMAC<H: HashFunction>: Sendable {
    private var inner = H()
    private var outer = H()

    package init(key: [UInt8]) {
        // RFC 2104 §2: keys longer than the block size are hashed first; then zero-padded to the block size.
        let key = key.count > H.blockSize ? H.hash(key) : key
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: H.blockSize) { padded in
            padded.initialize(repeating: 0x36)  // ipad
            for (index, byte) in key.enumerated() {
                padded[index] ^= byte
            }
            inner.update(UnsafeRawBufferPointer(padded))

            for index in 0 ..< H.blockSize {
                padded[index] ^= 0x36 ^ 0x5C  // ipad → opad
            }
            outer.update(UnsafeRawBufferPointer(padded))
        }
    }

    /// A key given as text is its UTF-8 bytes, used as is (videsk.md §1.1, bbb.md 8.3).
    package init(key: String) {
        self.init(key: Array(key.utf8))
    }

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        inner.update(bytes)
    }

    package mutating func update(_ bytes: [UInt8]) {
        inner.update(bytes)
    }

    package mutating func update(_ bytes: ArraySlice<UInt8>) {
        inner.update(bytes)
    }

    /// Feeds the UTF-8 bytes of `string`.
    package mutating func update(_ string: String) {
        inner.update(string)
    }

    /// H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ message)). Does not change the value.
    package func finalize() -> [UInt8] {
        var outer = self.outer
        outer.update(inner.finalize())
        return outer.finalize()
    }

    package static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        var mac = HMAC(key: key)
        mac.update(message)
        return mac.finalize()
    }

    /// The code of the UTF-8 bytes of `message` under the UTF-8 bytes of `key`.
    package static func authenticationCode(for message: String, key: String) -> [UInt8] {
        var mac = HMAC(key: key)
        mac.update(message)
        return mac.finalize()
    }
}
