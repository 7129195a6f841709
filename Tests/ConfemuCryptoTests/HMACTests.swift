import ConfemuCrypto
import Testing

@Suite("HMAC")
struct HMACTests {
    @Test("HMAC-SHA-256/384/512 match RFC 4231 test cases 1-7",
          arguments: try HMACVector.rfc4231(), [HashAlgorithm.sha256, .sha384, .sha512])
    func rfc4231(vector: HMACVector, algorithm: HashAlgorithm) throws {
        try check(vector, algorithm)
    }

    @Test("HMAC-SHA-1 matches RFC 2202 test cases 1-7", arguments: try HMACVector.rfc2202())
    func rfc2202(vector: HMACVector) throws {
        try check(vector, .sha1)
    }

    private func check(_ vector: HMACVector, _ algorithm: HashAlgorithm) throws {
        let expected = try #require(vector.digests.hex(for: algorithm))
        let key = try vector.key()
        let message = try vector.message()
        let truncated = { (code: [UInt8]) in Hex.encode(Array(code.prefix(vector.truncateToBytes ?? code.count))) }

        let oneShot = algorithm.authenticationCode(for: message, key: key)
        #expect(oneShot.count == algorithm.digestSize)
        #expect(truncated(oneShot) == expected)
        #expect(truncated(streamedMAC(algorithm, key: key, message.map { [$0] })) == expected)
    }

    @Test("a keyed value can be copied to authenticate several messages")
    func reuseAfterKeying() {
        let keyed = HMAC<SHA256>(key: "secret")
        var first = keyed
        first.update("message one")
        var second = keyed
        second.update("message two")
        #expect(first.finalize() == HMAC<SHA256>.authenticationCode(for: "message one", key: "secret"))
        #expect(second.finalize() == HMAC<SHA256>.authenticationCode(for: "message two", key: "secret"))
        #expect(first.finalize() != second.finalize())
    }

    @Test("a String key is its UTF-8 bytes")
    func stringKey() {
        let key = "clé-secrète"
        #expect(HMAC<SHA384>.authenticationCode(for: "data", key: key)
            == HMAC<SHA384>.authenticationCode(for: Array("data".utf8), key: Array(key.utf8)))
    }

    @Test("keys of exactly the block size are used as is, one byte more is hashed first",
          arguments: HashAlgorithm.allCases)
    func keyLengthsAroundBlockSize(algorithm: HashAlgorithm) {
        let blockSize = algorithm.digestSize <= 32 ? 64 : 128
        let exact = [UInt8](repeating: 0x42, count: blockSize)
        let longer = exact + [0x42]
        // A key longer than the block is replaced by its hash (RFC 2104 §2), so these two keys agree.
        #expect(algorithm.authenticationCode(for: [1, 2, 3], key: longer)
            == algorithm.authenticationCode(for: [1, 2, 3], key: algorithm.hash(longer)))
        #expect(algorithm.authenticationCode(for: [1, 2, 3], key: exact)
            != algorithm.authenticationCode(for: [1, 2, 3], key: longer))
    }

    @Test("an empty key and an empty message are valid")
    func emptyInputs() {
        // Cross-checked with CPython: hmac.new(b"", b"", "sha256").hexdigest()
        #expect(Hex.encode(HMAC<SHA256>.authenticationCode(for: [], key: []))
            == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }
}
