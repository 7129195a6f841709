// The base64 machinery behind `Base64` and `Base64URL` (RFC 4648 §4 and §5): one alphabet each, a 256-entry
// reverse table, and strict decoding that never traps on any input.
struct Base64Codec: Sendable {
    static let standard = Base64Codec(lastTwo: "+/")
    static let url = Base64Codec(lastTwo: "-_")

    private static let invalid: UInt8 = 0xFF

    private let alphabet: [UInt8]
    private let values: [UInt8]

    private init(lastTwo: String) {
        alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8) + Array(lastTwo.utf8)
        var values = [UInt8](repeating: Self.invalid, count: 256)
        for (value, character) in alphabet.enumerated() {
            values[Int(character)] = UInt8(value)
        }
        self.values = values
    }

    func encode(_ bytes: UnsafeRawBufferPointer, padding: Bool) -> String {
        let fullGroups = bytes.count / 3
        let remainder = bytes.count % 3
        let length = fullGroups * 4 + (remainder == 0 ? 0 : (padding ? 4 : remainder + 1))
        return alphabet.withUnsafeBufferPointer { alphabet in
            String(unsafeUninitializedCapacity: length) { output in
                var input = 0
                var position = 0
                func emit(_ sextet: UInt32) {
                    output[position] = alphabet[Int(sextet & 0x3F)]
                    position += 1
                }
                for _ in 0 ..< fullGroups {
                    let group = UInt32(bytes[input]) << 16 | UInt32(bytes[input + 1]) << 8 | UInt32(bytes[input + 2])
                    emit(group >> 18)
                    emit(group >> 12)
                    emit(group >> 6)
                    emit(group)
                    input += 3
                }
                if remainder > 0 {
                    let second: UInt32 = remainder == 2 ? UInt32(bytes[input + 1]) : 0
                    let group = UInt32(bytes[input]) << 16 | second << 8
                    emit(group >> 18)
                    emit(group >> 12)
                    if remainder == 2 { emit(group >> 6) }
                    if padding {
                        for _ in remainder ..< 3 {
                            output[position] = UInt8(ascii: "=")
                            position += 1
                        }
                    }
                }
                return position
            }
        }
    }

    // Decodes unpadded text made only of alphabet characters. Rejects (nil) any other byte, a length of
    // 4n+1, and non-zero bits in the unused low bits of the last character (RFC 4648 §3.5: a canonical
    // encoding, so one byte string has exactly one accepted text).
    func decodeUnpadded(_ text: UnsafeRawBufferPointer) -> [UInt8]? {
        let remainder = text.count % 4
        guard remainder != 1 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 4 * 3 + max(0, remainder - 1))
        return values.withUnsafeBufferPointer { values -> [UInt8]? in
            var group: UInt32 = 0
            var sextets = 0
            for character in text {
                let value = values[Int(character)]
                guard value != Self.invalid else { return nil }
                group = group << 6 | UInt32(value)
                sextets += 1
                if sextets == 4 {
                    bytes.append(UInt8(truncatingIfNeeded: group >> 16))
                    bytes.append(UInt8(truncatingIfNeeded: group >> 8))
                    bytes.append(UInt8(truncatingIfNeeded: group))
                    group = 0
                    sextets = 0
                }
            }
            switch sextets {
            case 2:  // 12 bits: one byte and 4 unused bits
                guard group & 0x0F == 0 else { return nil }
                bytes.append(UInt8(truncatingIfNeeded: group >> 4))
            case 3:  // 18 bits: two bytes and 2 unused bits
                guard group & 0x03 == 0 else { return nil }
                bytes.append(UInt8(truncatingIfNeeded: group >> 10))
                bytes.append(UInt8(truncatingIfNeeded: group >> 2))
            default:
                break
            }
            return bytes
        }
    }
}
