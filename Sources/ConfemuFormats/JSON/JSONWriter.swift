/// Serialises a `JSONValue` with members in their stored order.
///
/// Escaping styles:
/// - `.standard` — JavaScript's `JSON.stringify` (videsk.md §4.2, proconf.md §3.3): `"` and `\` escaped,
///   `\b \f \n \r \t`, other control characters as `\u00xx` (lower-case hex); `/`, U+007F, U+2028/2029 and all
///   non-ASCII raw UTF-8. Numbers as `String(number)`; non-finite numbers as `null`.
/// - `.php` — PHP `json_encode` with the flags Symfony's `JsonResponse` passes (JSON_HEX_TAG | JSON_HEX_APOS |
///   JSON_HEX_AMP | JSON_HEX_QUOT, jitsi-admin.md §1.3): `/` → `\/`, `"` → `\u0022`, `'` → `\u0027`,
///   `<` `>` → `\u003C` `\u003E` (upper-case, as PHP writes them), `&` → `\u0026`, `\` → `\\`,
///   `\b \f \n \r \t`, other control characters and every non-ASCII character as lower-case `\uxxxx`
///   (surrogate pairs above U+FFFF). Floats as `serialize_precision = -1` prints them (`1.0e+25`).
///
/// Layout: compact (no whitespace at all, no final newline) or `pretty` (`JSON.stringify(value, null, 2)`:
/// two-space indent, `": "`, empty containers as `[]` / `{}`, no final newline).
package struct JSONWriter: Sendable {
    package enum Escaping: Sendable {
        case standard
        case php
    }

    package var escaping: Escaping
    package var pretty: Bool

    package init(escaping: Escaping = .standard, pretty: Bool = false) {
        self.escaping = escaping
        self.pretty = pretty
    }

    /// Compact, JavaScript escaping.
    package static let standard = JSONWriter()
    /// Compact, PHP/Symfony escaping.
    package static let php = JSONWriter(escaping: .php)
    /// Two-space indentation, JavaScript escaping (the control plane's readable output).
    package static let pretty = JSONWriter(pretty: true)

    package func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    package func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    package func write(_ value: JSONValue, into out: inout [UInt8]) {
        write(value, indent: 0, into: &out)
    }

    /// A JSON string literal (with its quotes) for `text` in this writer's escaping.
    package func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, quotes included.
    package func appendString(_ text: String, to out: inout [UInt8]) {
        switch escaping {
        case .standard: JSONWriter.appendStandardString(text, to: &out)
        case .php: JSONWriter.appendPHPString(text, to: &out)
        }
    }

    /// The number's text in this writer's style.
    package func numberText(_ number: JSONNumber) -> String {
        switch escaping {
        case .standard:
            if case .double(let value) = number, !value.isFinite { return "null" }
            return number.javaScriptText
        case .php:
            return number.phpText
        }
    }

    private func write(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let flag):
            out.append(contentsOf: flag ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .number(let number):
            out.append(contentsOf: numberText(number).utf8)
        case .string(let text):
            appendString(text, to: &out)
        case .array(let elements):
            out.append(0x5B)
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(0x2C) }
                if pretty { newline(indent + 1, into: &out) }
                write(element, indent: indent + 1, into: &out)
            }
            if pretty && !elements.isEmpty { newline(indent, into: &out) }
            out.append(0x5D)
        case .object(let members):
            out.append(0x7B)
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(0x2C) }
                if pretty { newline(indent + 1, into: &out) }
                appendString(member.key, to: &out)
                out.append(0x3A)
                if pretty { out.append(0x20) }
                write(member.value, indent: indent + 1, into: &out)
            }
            if pretty && !members.isEmpty { newline(indent, into: &out) }
            out.append(0x7D)
        }
    }

    private func newline(_ level: Int, into out: inout [UInt8]) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: level * 2))
    }

    private static let hexLower: [UInt8] = Array("0123456789abcdef".utf8)
    // PHP writes these five with upper-case hex digits where they have letters (php_json_escape_string).
    private static let hexQuote: [UInt8] = Array("\\u0022".utf8)
    private static let hexLessThan: [UInt8] = Array("\\u003C".utf8)
    private static let hexGreaterThan: [UInt8] = Array("\\u003E".utf8)
    private static let hexAmpersand: [UInt8] = Array("\\u0026".utf8)
    private static let hexApostrophe: [UInt8] = Array("\\u0027".utf8)

    private static func appendUnicodeEscape(_ unit: UInt32, to out: inout [UInt8]) {
        out.append(0x5C)
        out.append(0x75)
        for shift in [12, 8, 4, 0] {
            out.append(hexLower[Int(unit >> UInt32(shift) & 0xF)])
        }
    }

    /// JSON.stringify's QuoteJSONString (ECMA-262 §25.5.2.3); well-formed input, so no lone surrogates.
    private static func appendStandardString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, 0x62])
            case 0x0C: out.append(contentsOf: [0x5C, 0x66])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x00..<0x20: appendUnicodeEscape(UInt32(byte), to: &out)
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

    /// php_json_escape_string with JSON_HEX_TAG | JSON_HEX_APOS | JSON_HEX_AMP | JSON_HEX_QUOT.
    private static func appendPHPString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x22: out.append(contentsOf: hexQuote)
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x2F: out.append(contentsOf: [0x5C, 0x2F])
            case 0x08: out.append(contentsOf: [0x5C, 0x62])
            case 0x0C: out.append(contentsOf: [0x5C, 0x66])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x3C: out.append(contentsOf: hexLessThan)
            case 0x3E: out.append(contentsOf: hexGreaterThan)
            case 0x26: out.append(contentsOf: hexAmpersand)
            case 0x27: out.append(contentsOf: hexApostrophe)
            case 0x00..<0x20: appendUnicodeEscape(value, to: &out)
            case 0x20..<0x80: out.append(UInt8(value))
            case 0x80..<0x10000: appendUnicodeEscape(value, to: &out)
            default:
                let offset = value - 0x10000
                appendUnicodeEscape(0xD800 | offset >> 10, to: &out)
                appendUnicodeEscape(0xDC00 | offset & 0x3FF, to: &out)
            }
        }
        out.append(0x22)
    }
}

extension JSONValue {
    /// The compact bytes of this value in the writer's style (standard by default).
    package func jsonBytes(_ writer: JSONWriter = .standard) -> [UInt8] { writer.bytes(self) }

    /// The same as text.
    package func jsonString(_ writer: JSONWriter = .standard) -> String { writer.string(self) }
}
