import ConfemuCrypto
import Testing

@Suite("SHA-1, SHA-256, SHA-384, SHA-512")
struct HashFunctionTests {
    @Test("digests match the FIPS 180-4 examples", arguments: try SHAVector.all(), HashAlgorithm.allCases)
    func fipsExamples(vector: SHAVector, algorithm: HashAlgorithm) throws {
        let expected = try #require(vector.digests.hex(for: algorithm))
        if vector.repeatCount == 1 {
            #expect(algorithm.hexDigest(vector.message) == expected)
            #expect(Hex.encode(algorithm.hash(Array(vector.message.utf8))) == expected)
            #expect(Hex.encode(streamedDigest(algorithm, Array(vector.message.utf8).map { [$0] })) == expected)
        } else {
            // One million "a": fed as 1,000 chunks of 1,000 characters.
            try #require(vector.repeatCount % 1000 == 0)
            let chunk = Array(String(repeating: vector.message, count: 1000).utf8)
            let chunks = Array(repeating: chunk, count: vector.repeatCount / 1000)
            #expect(Hex.encode(streamedDigest(algorithm, chunks)) == expected)
        }
    }

    @Test("messages around the padding boundaries hash like an independent implementation",
          arguments: try PaddingVector.all(), HashAlgorithm.allCases)
    func paddingBoundaries(vector: PaddingVector, algorithm: HashAlgorithm) throws {
        let expected = try #require(vector.digests.hex(for: algorithm))
        let message = vector.message
        #expect(algorithm.hexDigest(message) == expected)
        #expect(Hex.encode(streamedDigest(algorithm, message.map { [$0] })) == expected)
    }

    @Test("a message split at any offset hashes like the whole", arguments: HashAlgorithm.allCases)
    func splitAtEveryOffset(algorithm: HashAlgorithm) {
        let message = (0 ..< 300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let whole = algorithm.hash(message)
        for offset in 0 ... message.count {
            let parts = [Array(message[..<offset]), Array(message[offset...])]
            #expect(streamedDigest(algorithm, parts) == whole, "split at \(offset)")
        }
    }

    @Test("finalize leaves the hasher usable and a copy is independent")
    func finalizeIsNonDestructive() {
        var hasher = SHA256()
        hasher.update("ab")
        let copy = hasher
        #expect(hasher.finalize() == SHA256.hash("ab"))
        hasher.update("c")
        #expect(hasher.finalize() == SHA256.hash("abc"))
        #expect(copy.finalize() == SHA256.hash("ab"))
    }

    @Test("String, [UInt8], ArraySlice and raw-buffer updates feed the same bytes")
    func updateOverloads() {
        let text = "grüße, 世界"
        let bytes = Array(text.utf8)
        var fromSlice = SHA512()
        fromSlice.update(bytes[0 ..< 5])
        fromSlice.update(bytes[5...])
        var fromRaw = SHA512()
        bytes.withUnsafeBytes { fromRaw.update($0) }
        #expect(SHA512.hash(text) == SHA512.hash(bytes))
        #expect(fromSlice.finalize() == SHA512.hash(bytes))
        #expect(fromRaw.finalize() == SHA512.hash(bytes))
    }

    @Test("sizes are those of FIPS 180-4")
    func sizes() {
        #expect((SHA1.blockSize, SHA1.digestSize) == (64, 20))
        #expect((SHA256.blockSize, SHA256.digestSize) == (64, 32))
        #expect((SHA384.blockSize, SHA384.digestSize) == (128, 48))
        #expect((SHA512.blockSize, SHA512.digestSize) == (128, 64))
        for algorithm in HashAlgorithm.allCases {
            #expect(algorithm.hash([]).count == algorithm.digestSize)
        }
    }
}
