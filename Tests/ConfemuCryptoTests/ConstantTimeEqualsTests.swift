import ConfemuCrypto
import Testing

@Suite("constantTimeEquals")
struct ConstantTimeEqualsTests {
    @Test("equal byte arrays compare equal", arguments: [[], [0], [1, 2, 3], [UInt8](repeating: 0xFF, count: 200)])
    func equalBytes(bytes: [UInt8]) {
        #expect(constantTimeEquals(bytes, bytes))
        #expect(constantTimeEquals(bytes, Array(bytes)))
    }

    @Test("a difference anywhere makes them unequal", arguments: [0, 1, 15, 31])
    func differenceAnywhere(position: Int) {
        let base = [UInt8](repeating: 0xA5, count: 32)
        var other = base
        other[position] ^= 0x01
        #expect(!constantTimeEquals(base, other))
        #expect(!constantTimeEquals(other, base))
    }

    @Test("different lengths are unequal, even with a common prefix or zero padding",
          arguments: [([UInt8](), [UInt8]([0])), ([1, 2, 3], [1, 2]), ([1, 2], [1, 2, 0]), ([0, 0], [0])])
    func differentLengths(lhs: [UInt8], rhs: [UInt8]) {
        #expect(!constantTimeEquals(lhs, rhs))
        #expect(!constantTimeEquals(rhs, lhs))
    }

    @Test("strings compare by their UTF-8 bytes")
    func strings() {
        #expect(constantTimeEquals("videsk-test-api-token", "videsk-test-api-token"))
        #expect(constantTimeEquals("", ""))
        #expect(!constantTimeEquals("videsk-test-api-token", "videsk-test-api-tokeN"))
        #expect(!constantTimeEquals("token", "token "))
        #expect(!constantTimeEquals("é", "e\u{301}"))  // canonically equivalent, different bytes
    }
}
