import ConfemuCrypto
import Testing

@Suite("HashAlgorithm")
struct HashAlgorithmTests {
    @Test("checksum length picks the algorithm (bbb.md 3.2 step 2)",
          arguments: [(40, HashAlgorithm.sha1), (64, .sha256), (96, .sha384), (128, .sha512)])
    func hexLengthPicksAlgorithm(length: Int, algorithm: HashAlgorithm) {
        #expect(HashAlgorithm(hexLength: length) == algorithm)
        #expect(algorithm.hexLength == length)
        #expect(algorithm.hexDigest("x").utf8.count == length)
    }

    @Test("other checksum lengths pick nothing", arguments: [0, 1, 20, 39, 41, 56, 63, 65, 127, 129, 256])
    func otherLengths(length: Int) {
        #expect(HashAlgorithm(hexLength: length) == nil)
    }

    @Test("names are the spec's strings")
    func names() {
        #expect(HashAlgorithm.allCases.map(\.rawValue) == ["sha1", "sha256", "sha384", "sha512"])
        #expect(HashAlgorithm(rawValue: "sha256") == .sha256)
        #expect(HashAlgorithm(rawValue: "SHA256") == nil)
        #expect("\(HashAlgorithm.sha384)" == "sha384")
    }

    @Test("the Meetingz documentation checksum example reproduces (bbb.md 3.2 seed vector)")
    func bbbSeedVector() throws {
        let example = try BBBChecksumExample.load()
        let hashed = example.call + example.query + example.secret
        #expect(SHA1.hexDigest(hashed) == "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17")
        #expect(SHA1.hexDigest(hashed) == example.sha1)
        #expect(HashAlgorithm.sha256.hexDigest(hashed) == example.sha256)
    }
}
