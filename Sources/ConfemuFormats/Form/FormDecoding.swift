/// The form rule of WHATWG URL §5.1 as http.md 3.8 fixes it, for query strings and
/// `application/x-www-form-urlencoded` bodies: split on `&`, drop empty pieces, split at the first `=`,
/// `+` becomes a space, then `%HH` is decoded; a component with a bad escape or invalid UTF-8 keeps its
/// text with only the `+` replacement (Node `qs` fallback).
package enum FormDecoding {
    package static func decode(_ raw: some Collection<UInt8>) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for piece in raw.split(separator: 0x26, omittingEmptySubsequences: true) {
            if let equals = piece.firstIndex(of: 0x3D) {
                pairs.append((decodeComponent(piece[piece.startIndex..<equals]),
                              decodeComponent(piece[piece.index(after: equals)...])))
            } else {
                pairs.append((decodeComponent(piece), ""))
            }
        }
        return pairs
    }

    package static func decode(_ raw: String) -> [(name: String, value: String)] {
        decode(Array(raw.utf8))
    }

    /// One component: `+` → space, then `%HH` → byte; falls back as described above.
    package static func decodeComponent(_ component: some Collection<UInt8>) -> String {
        var plusReplaced: [UInt8] = []
        plusReplaced.reserveCapacity(component.count)
        for byte in component { plusReplaced.append(byte == 0x2B ? 0x20 : byte) }
        guard plusReplaced.contains(0x25) else {
            return String(decoding: plusReplaced, as: UTF8.self)
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(plusReplaced.count)
        var index = 0
        while index < plusReplaced.count {
            let byte = plusReplaced[index]
            if byte == 0x25 {
                guard index + 2 < plusReplaced.count,
                      let high = hexValue(plusReplaced[index + 1]), let low = hexValue(plusReplaced[index + 2])
                else { return String(decoding: plusReplaced, as: UTF8.self) }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            return String(decoding: plusReplaced, as: UTF8.self)
        }
        return text
    }

    /// Percent-decodes one path segment (no `+` rule, http.md 3.7); nil when an escape is bad or the
    /// result is not UTF-8, in which case the caller keeps the raw text.
    package static func percentDecodePathSegment(_ segment: some Collection<UInt8>) -> String? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(segment.count)
        let bytes = Array(segment)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x25 {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                      let low = hexValue(bytes[index + 2]) else { return nil }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(validating: decoded, as: UTF8.self)
    }

    /// Percent-encodes every byte outside RFC 3986 unreserved (`A-Z a-z 0-9 - . _ ~`).
    package static func percentEncode(_ text: String, spaceAsPlus: Bool = false) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case 0x20 where spaceAsPlus:
                out += "+"
            default:
                let digits = Array("0123456789ABCDEF".utf8)
                out += "%"
                out.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 15)]))
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x37
        case 0x61...0x66: byte - 0x57
        default: nil
        }
    }
}
