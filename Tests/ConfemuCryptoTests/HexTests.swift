import ConfemuCrypto
import Testing

@Suite("Hex")
struct HexTests {
    @Test("bytes encode as two lowercase digits each")
    func encode() {
        #expect(Hex.encode([]) == "")
        #expect(Hex.encode([0x00, 0x0F, 0xA0, 0xFF, 0x12]) == "000fa0ff12")
        #expect(Hex.encode(Array(0 ... 255)).count == 512)
    }

    @Test("either case decodes; round trip over every byte value")
    func decode() {
        #expect(Hex.decode("000fa0ff12") == [0x00, 0x0F, 0xA0, 0xFF, 0x12])
        #expect(Hex.decode("000FA0FF12") == [0x00, 0x0F, 0xA0, 0xFF, 0x12])
        #expect(Hex.decode("") == [])
        let all = [UInt8](0 ... 255)
        #expect(Hex.decode(Hex.encode(all)) == all)
    }

    @Test("invalid hex is nil", arguments: ["0", "abc", "0g", "zz", " 00", "00 ", "0x00", "é0", "+1"])
    func invalid(text: String) {
        #expect(Hex.decode(text) == nil)
    }
}
