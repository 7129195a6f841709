/// base64url without padding (RFC 4648 §5, RFC 7515 §2), the encoding of every JWT segment.
package enum Base64URL {
    package static func encode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { Base64Codec.url.encode($0, padding: false) }
    }

    /// Encodes the UTF-8 bytes of `string`.
    package static func encode(_ string: String) -> String {
        var string = string
        return string.withUTF8 { Base64Codec.url.encode(UnsafeRawBufferPointer($0), padding: false) }
    }

    /// The decoded bytes, or nil when `text` holds anything but `A-Z a-z 0-9 - _` (padding `=` included),
    /// has a length of 4n+1, or is not the canonical encoding of its bytes.
    package static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { Base64Codec.url.decodeUnpadded(UnsafeRawBufferPointer($0)) }
    }

    /// Decodes ASCII text given as bytes, with the rules of `decode(_:)` on strings.
    package static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        text.withUnsafeBytes { Base64Codec.url.decodeUnpadded($0) }
    }
}
