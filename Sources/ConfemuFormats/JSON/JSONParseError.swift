/// Why a JSON text was rejected, and where.
///
/// The kinds follow V8's `JSON.parse` (Node 18 and earlier), so a Node-emulating provider can render the exact
/// upstream message with `v8Message` (proconf.md §3.4): the parser stops at the same byte V8 stops at, and the
/// character found there decides the wording (`"` → string, `-` or a digit → number, anything else → token).
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// The text ended before a value was complete (including an empty or whitespace-only text).
        case unexpectedEnd
        /// A string starts (a `"`) where none may.
        case unexpectedString
        /// A number starts (`-` or a digit) where none may, or a leading zero is followed by a digit.
        case unexpectedNumber
        /// Any other character where it may not be.
        case unexpectedCharacter(Unicode.Scalar)
        /// The bytes at the offset are not well-formed UTF-8.
        case invalidUTF8
        /// A `\u` escape of a lone surrogate (only with `JSONParser.Options.loneSurrogates = .reject`).
        case loneSurrogate
        /// Arrays and objects nested deeper than the parser's limit.
        case tooDeep(limit: Int)
    }

    package var kind: Kind
    /// 0-based byte offset of the offending byte (the text's length for `unexpectedEnd`).
    package var byteOffset: Int
    /// The same position counted in UTF-16 code units, as JavaScript reports positions.
    package var utf16Offset: Int

    package init(kind: Kind, byteOffset: Int, utf16Offset: Int) {
        self.kind = kind
        self.byteOffset = byteOffset
        self.utf16Offset = utf16Offset
    }

    /// A readable message for logs and diagnostics, e.g. `unexpected character "}" at byte 7`.
    package var description: String {
        switch kind {
        case .unexpectedEnd: "unexpected end of JSON text at byte \(byteOffset)"
        case .unexpectedString: "unexpected string at byte \(byteOffset)"
        case .unexpectedNumber: "unexpected number at byte \(byteOffset)"
        case .unexpectedCharacter(let scalar): "unexpected character \(JSONParseError.quoted(scalar)) at byte \(byteOffset)"
        case .invalidUTF8: "invalid UTF-8 at byte \(byteOffset)"
        case .loneSurrogate: "escaped lone surrogate at byte \(byteOffset)"
        case .tooDeep(let limit): "nesting deeper than \(limit) at byte \(byteOffset)"
        }
    }

    /// V8's message (Node ≤ 18): `Unexpected end of JSON input`, `Unexpected string in JSON at position P`,
    /// `Unexpected number in JSON at position P`, `Unexpected token C in JSON at position P`, P in UTF-16 units.
    /// V8 decodes the body with U+FFFD replacement before parsing, so callers that need its messages for invalid
    /// UTF-8 should parse `Array(String(decoding: body, as: UTF8.self).utf8)`; `invalidUTF8` then cannot occur.
    /// V8 keeps lone surrogates (`loneSurrogate` gets the token wording for the backslash) and has no depth
    /// limit (`tooDeep` gets the RangeError text older, recursive V8 parsers produced).
    package var v8Message: String {
        switch kind {
        case .unexpectedEnd: "Unexpected end of JSON input"
        case .unexpectedString: "Unexpected string in JSON at position \(utf16Offset)"
        case .unexpectedNumber: "Unexpected number in JSON at position \(utf16Offset)"
        case .unexpectedCharacter(let scalar):
            "Unexpected token \(Character(scalar)) in JSON at position \(utf16Offset)"
        case .invalidUTF8:
            "Unexpected token \u{FFFD} in JSON at position \(utf16Offset)"
        case .loneSurrogate:
            "Unexpected token \\ in JSON at position \(utf16Offset)"
        case .tooDeep:
            "Maximum call stack size exceeded"
        }
    }

    private static func quoted(_ scalar: Unicode.Scalar) -> String {
        scalar.value < 0x20 || scalar.value == 0x7F
            ? "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            : "\"\(Character(scalar))\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
