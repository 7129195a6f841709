extension JWT {
    /// A compact JSON object of string members in the given order, for headers other than `defaultHeader`,
    /// e.g. `headerJSON(["typ": "JWT", "alg": "HS256"])` → `{"typ":"JWT","alg":"HS256"}` (bbb.md 8.3).
    /// Escapes `"`, `\` and control characters; everything else is written as raw UTF-8.
    package static func headerJSON(_ members: KeyValuePairs<String, String>) -> [UInt8] {
        var json: [UInt8] = [UInt8(ascii: "{")]
        for (index, member) in members.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            appendJSONString(member.key, to: &json)
            json.append(UInt8(ascii: ":"))
            appendJSONString(member.value, to: &json)
        }
        json.append(UInt8(ascii: "}"))
        return json
    }

    // RFC 8259 §7.
    private static func appendJSONString(_ string: String, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): json.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): json.append(contentsOf: #"\\"#.utf8)
            case 0x08: json.append(contentsOf: #"\b"#.utf8)
            case 0x0C: json.append(contentsOf: #"\f"#.utf8)
            case 0x0A: json.append(contentsOf: #"\n"#.utf8)
            case 0x0D: json.append(contentsOf: #"\r"#.utf8)
            case 0x09: json.append(contentsOf: #"\t"#.utf8)
            case 0x00 ..< 0x20: json.append(contentsOf: (#"\u00"# + Hex.encode([byte])).utf8)
            default: json.append(byte)
            }
        }
        json.append(UInt8(ascii: "\""))
    }
}
