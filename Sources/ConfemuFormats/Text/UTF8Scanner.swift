/// Byte-level UTF-8 helpers shared by the JSON and XML readers, so both can report the exact offset of the first
/// ill-formed sequence instead of failing somewhere later in a Foundation conversion.
enum UTF8Scanner {
    /// The length of the well-formed UTF-8 sequence that starts at `index` (Unicode 15 table 3-7: no overlong
    /// forms, no encoded surrogates, nothing above U+10FFFF), or nil when the bytes there are ill-formed or cut off.
    static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index >= 0, index < bytes.count else { return nil }
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return nil
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return nil }
        var next = index + 2
        while next < index + length {
            guard bytes[next] & 0xC0 == 0x80 else { return nil }
            next += 1
        }
        return length
    }

    /// The scalar encoded at `index` and its length in bytes, or nil when ill-formed.
    static func scalar(_ bytes: [UInt8], at index: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard let length = sequenceLength(bytes, at: index) else { return nil }
        let lead = UInt32(bytes[index])
        var value: UInt32
        switch length {
        case 1: value = lead
        case 2: value = lead & 0x1F
        case 3: value = lead & 0x0F
        default: value = lead & 0x07
        }
        var next = index + 1
        while next < index + length {
            value = value << 6 | UInt32(bytes[next] & 0x3F)
            next += 1
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// How many UTF-16 code units the well-formed prefix `bytes[0..<end]` holds (JavaScript string positions).
    static func utf16Count(_ bytes: [UInt8], upTo end: Int) -> Int {
        var count = 0
        var index = 0
        let limit = min(end, bytes.count)
        while index < limit {
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 { count += byte >= 0xF0 ? 2 : 1 }
            index += 1
        }
        return count
    }

    /// Appends the UTF-8 encoding of `scalar`.
    static func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            out.append(UInt8(value))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | value >> 6))
            out.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | value >> 12))
            out.append(UInt8(0x80 | value >> 6 & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        default:
            out.append(UInt8(0xF0 | value >> 18))
            out.append(UInt8(0x80 | value >> 12 & 0x3F))
            out.append(UInt8(0x80 | value >> 6 & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
