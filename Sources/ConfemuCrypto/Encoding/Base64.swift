/// Standard base64 with `+` `/` and `=` padding (RFC 4648 §4), e.g. for documents uploaded as base64 text
/// (bbb.md 5.1 `documents`).
package enum Base64 {
    package static func encode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { Base64Codec.standard.encode($0, padding: true) }
    }

    /// Encodes the UTF-8 bytes of `string`.
    package static func encode(_ string: String) -> String {
        var string = string
        return string.withUTF8 { Base64Codec.standard.encode(UnsafeRawBufferPointer($0), padding: true) }
    }

    /// The decoded bytes, or nil for invalid text. Padding is optional, but when present it must complete the
    /// last group of four exactly; other characters are rejected unless `ignoringWhitespace` is set, in which
    /// case ASCII spaces, tabs, CR and LF (line-wrapped MIME style text) are skipped first.
    package static func decode(_ text: String, ignoringWhitespace: Bool = false) -> [UInt8]? {
        var characters = Array(text.utf8)
        if ignoringWhitespace {
            characters.removeAll { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        }
        let padding = characters.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        if padding > 0 {
            guard padding <= 2, characters.count % 4 == 0 else { return nil }
            characters.removeLast(padding)
            // "xx==" and "xxx=" only: the unpadded length must be 4n+2 for two `=` and 4n+3 for one.
            guard characters.count % 4 == 4 - padding else { return nil }
        }
        return characters.withUnsafeBytes { Base64Codec.standard.decodeUnpadded($0) }
    }
}
