import ConfemuFormats
import ConfemuSupport
import Testing

@Suite("JSONParser")
struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParseError) -> JSONValue { try JSONParser().parse(text) }

    private func parseError(_ bytes: [UInt8], options: JSONParser.Options = .init()) -> JSONParseError? {
        do {
            _ = try JSONParser(options: options).parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    private func parseError(_ text: String) -> JSONParseError? { parseError(Array(text.utf8)) }

    // MARK: Accepted documents

    @Test("scalars at the top level")
    func scalars() throws {
        #expect(try parse("null") == .null)
        #expect(try parse("true") == .bool(true))
        #expect(try parse(" false ") == .bool(false))
        #expect(try parse("\"x\"") == .string("x"))
        #expect(try parse("0") == .number(.integer(0)))
        #expect(try parse("-12") == .number(.integer(-12)))
        #expect(try parse("\t\r\n 7 \n") == 7)
    }

    @Test("objects keep member order and nested values")
    func objectsKeepOrder() throws {
        let value = try parse(#"{"z":1,"a":[true,null,{"k":"v"}],"m":{}}"#)
        #expect(value.keys == ["z", "a", "m"])
        #expect(value["a"]?[2]?["k"] == "v")
        #expect(value["m"] == .object([]))
        #expect(value["a"]?[1]?.isNull == true)
    }

    @Test("empty containers with inner whitespace")
    func emptyContainers() throws {
        #expect(try parse("[ ]") == .array([]))
        #expect(try parse("{ \n}") == .object([]))
        #expect(try parse("[[],{}]") == [[], [:]])
    }

    @Test("a duplicated key keeps the last value at the first position (JSON.parse)")
    func duplicateKeys() throws {
        let value = try parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value.keys == ["a", "b"])
        #expect(value["a"] == 3)
        #expect(value.jsonString() == #"{"a":3,"b":2}"#)
    }

    @Test("many duplicated keys are folded in linear time")
    func manyDuplicateKeys() throws {
        var text = "{"
        for index in 0..<20_000 {
            if index > 0 { text += "," }
            text += "\"k\(index % 100)\":\(index)"
        }
        text += "}"
        let value = try parse(text)
        #expect(value.count == 100)
        #expect(value["k0"] == 19_900)
        #expect(value.keys.first == "k0")
        #expect(value.keys.last == "k99")
    }

    @Test("string escapes decode to their characters")
    func escapes() throws {
        #expect(try parse(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{08} \u{0C} \n \r \t"))
        #expect(try parse(#""\u00e9\u00E9\u0000""#) == .string("éé\u{0}"))
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""a\u0041b""#) == .string("aAb"))
    }

    @Test("raw UTF-8 in strings is kept, including U+2028 and 4-byte characters")
    func rawUTF8() throws {
        #expect(try parse("\"Grüße 😀 \u{2028}\"") == .string("Grüße 😀 \u{2028}"))
    }

    @Test("lone surrogate escapes become U+FFFD by default")
    func loneSurrogatesReplaced() throws {
        #expect(try parse(#""\ud800""#) == .string("\u{FFFD}"))
        #expect(try parse(#""\udc00x""#) == .string("\u{FFFD}x"))
        #expect(try parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"))
        #expect(try parse(#""\ud83d\ud83d\ude00""#) == .string("\u{FFFD}😀"))
    }

    @Test("lone surrogate escapes are an error when the policy rejects them")
    func loneSurrogatesRejected() throws {
        let error = parseError(Array(#"["\ud800"]"#.utf8), options: .init(loneSurrogates: .reject))
        #expect(error?.kind == .loneSurrogate)
        #expect(error?.byteOffset == 2)
    }

    @Test("integers stay exact; fractions, exponents and huge integers are doubles")
    func numbers() throws {
        #expect(try parse("9223372036854775807") == .number(.integer(Int64.max)))
        #expect(try parse("-9223372036854775808") == .number(.integer(Int64.min)))
        #expect(try parse("9223372036854775808") == .number(.double(9_223_372_036_854_775_808)))
        #expect(try parse("100000000000000000000") == .number(.double(1e20)))
        #expect(try parse("1.5").doubleValue == 1.5)
        #expect(try parse("-0.0").doubleValue == 0)
        #expect(try parse("1E3") == .number(.double(1000)))
        #expect(try parse("1e-2").doubleValue == 0.01)
        #expect(try parse("-0") == .number(.integer(0)))
        #expect(try parse("1e400").doubleValue == .infinity)
        let big = try parse("100000000000000000000")
        #expect(big.jsonString() == "100000000000000000000")
        #expect(big.intValue == nil)
    }

    @Test("a byte slice parses like an array, and offsets count from the slice's start")
    func slices() throws {
        let bytes = Array("xx[1,2]".utf8)
        #expect(try JSONParser().parse(bytes[2...]) == [1, 2])
        do {
            _ = try JSONParser().parse(bytes[2..<5])
            Issue.record("a truncated slice parsed")
        } catch {
            #expect(error.byteOffset == 3)
        }
    }

    @Test("45.0 reads as an integer value through intValue")
    func integralDouble() throws {
        let value = try parse("45.0")
        #expect(value.intValue == 45)
        #expect(value == 45)
    }

    // MARK: Rejections with V8's classification and position

    @Test("errors carry V8's message (Node ≤ 18 JSON.parse)", arguments: [
        ("", "Unexpected end of JSON input"),
        ("   ", "Unexpected end of JSON input"),
        ("{", "Unexpected end of JSON input"),
        (#"{"a""#, "Unexpected end of JSON input"),
        (#"{"a":"#, "Unexpected end of JSON input"),
        ("[1,2", "Unexpected end of JSON input"),
        ("\"abc", "Unexpected end of JSON input"),
        ("tru", "Unexpected end of JSON input"),
        ("-", "Unexpected end of JSON input"),
        ("1.", "Unexpected end of JSON input"),
        ("1e+", "Unexpected end of JSON input"),
        (#""\u12"#, "Unexpected end of JSON input"),
        ("[1,]", "Unexpected token ] in JSON at position 3"),
        (#"{"a":1,}"#, "Unexpected token } in JSON at position 7"),
        (#"{"a":1}}"#, "Unexpected token } in JSON at position 7"),
        ("{a:1}", "Unexpected token a in JSON at position 1"),
        ("{'a':1}", "Unexpected token ' in JSON at position 1"),
        ("undefined", "Unexpected token u in JSON at position 0"),
        (#"{"a" 1}"#, "Unexpected number in JSON at position 5"),
        ("{1:2}", "Unexpected number in JSON at position 1"),
        ("[1 2]", "Unexpected number in JSON at position 3"),
        (#"["a" "b"]"#, "Unexpected string in JSON at position 5"),
        (#"{"a":1 "b":2}"#, "Unexpected string in JSON at position 7"),
        ("01", "Unexpected number in JSON at position 1"),
        ("-01", "Unexpected number in JSON at position 2"),
        ("-a", "Unexpected token a in JSON at position 1"),
        ("+1", "Unexpected token + in JSON at position 0"),
        (".5", "Unexpected token . in JSON at position 0"),
        ("1.e5", "Unexpected token e in JSON at position 2"),
        ("1ex", "Unexpected token x in JSON at position 2"),
        ("trux", "Unexpected token x in JSON at position 3"),
        ("nul1", "Unexpected number in JSON at position 3"),
        ("{}x", "Unexpected token x in JSON at position 2"),
        ("1 2", "Unexpected number in JSON at position 2"),
        (#"{}"a""#, "Unexpected string in JSON at position 2"),
        (#""\x""#, "Unexpected token x in JSON at position 2"),
        (#""\1""#, "Unexpected number in JSON at position 2"),
        (#""\u12G4""#, "Unexpected token G in JSON at position 5"),
        (#""\u00""#, "Unexpected string in JSON at position 5"),
        ("\"a\nb\"", "Unexpected token \n in JSON at position 2"),
        ("\"a\u{01}\"", "Unexpected token \u{01} in JSON at position 2"),
        ("[NaN]", "Unexpected token N in JSON at position 1"),
        ("[1,/*c*/2]", "Unexpected token / in JSON at position 3"),
        ("\u{FEFF}{}", "Unexpected token \u{FEFF} in JSON at position 0"),
        (#"{"é":x}"#, "Unexpected token x in JSON at position 5"),
        ("[\"😀\",x]", "Unexpected token x in JSON at position 6"),
        ("[é]", "Unexpected token é in JSON at position 1"),
    ])
    func v8Messages(text: String, message: String) {
        #expect(parseError(text)?.v8Message == message)
    }

    @Test("byte and UTF-16 offsets differ after non-ASCII text")
    func offsets() throws {
        let error = try #require(parseError(#"{"€😀":x}"#))
        #expect(error.kind == .unexpectedCharacter("x"))
        #expect(error.byteOffset == 11)
        #expect(error.utf16Offset == 7)
        #expect(error.description == #"unexpected character "x" at byte 11"#)
    }

    @Test("the end-of-input error points past the last byte")
    func endOffset() throws {
        let error = try #require(parseError("[1,"))
        #expect(error.kind == .unexpectedEnd)
        #expect(error.byteOffset == 3)
        #expect(error.description == "unexpected end of JSON text at byte 3")
    }

    @Test("control characters in descriptions are written as code points")
    func controlDescription() throws {
        #expect(parseError("\"\u{1F}\"")?.description == "unexpected character U+001F at byte 1")
    }

    @Test("ill-formed UTF-8 is rejected at its first byte", arguments: [
        ([0x22, 0xC3, 0x22], 1),          // truncated 2-byte sequence
        ([0x22, 0xC0, 0xAF, 0x22], 1),    // overlong "/"
        ([0x22, 0xE0, 0x80, 0xAF, 0x22], 1),  // overlong 3-byte
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),  // UTF-8 encoded surrogate
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // above U+10FFFF
        ([0x22, 0x61, 0xFF, 0x22], 2),
        ([0x22, 0x61, 0x80, 0x22], 2),    // stray continuation byte
        ([0x5B, 0xFF, 0x5D], 1),          // outside a string
        ([0x22, 0xE2, 0x82], 1),          // cut off at the end
    ] as [([UInt8], Int)])
    func invalidUTF8(bytes: [UInt8], offset: Int) {
        let error = parseError(bytes)
        #expect(error?.kind == .invalidUTF8)
        #expect(error?.byteOffset == offset)
    }

    // MARK: Depth

    @Test("512 levels of nesting parse")
    func depthLimitInclusive() throws {
        let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        var value = try parse(text)
        var depth = 0
        while case .array(let elements) = value {
            depth += 1
            value = elements.first ?? .null
        }
        #expect(depth == 512)
        let objects = String(repeating: #"{"a":"#, count: 511) + "{}" + String(repeating: "}", count: 511)
        #expect(try parse(objects).keys == ["a"])
    }

    @Test("level 513 is rejected where it opens")
    func depthLimitExceeded() throws {
        let error = try #require(parseError(String(repeating: "[", count: 513) + String(repeating: "]", count: 513)))
        #expect(error.kind == .tooDeep(limit: 512))
        #expect(error.byteOffset == 512)
    }

    @Test("100 000 open brackets fail cleanly without recursion")
    func hugeNesting() throws {
        let error = try #require(parseError([UInt8](repeating: 0x5B, count: 100_000)))
        #expect(error.kind == .tooDeep(limit: 512))
        let objects = Array(String(repeating: #"{"a":"#, count: 100_000).utf8)
        #expect(parseError(objects)?.kind == .tooDeep(limit: 512))
    }

    @Test("a custom depth limit applies")
    func customDepth() {
        #expect(parseError(Array("[[1]]".utf8), options: .init(maxDepth: 1))?.kind == .tooDeep(limit: 1))
        #expect(parseError(Array("[1]".utf8), options: .init(maxDepth: 1)) == nil)
    }

    // MARK: Robustness

    private static let sample = #"{"id":1,"name":"Grüße \"x\" 😀","list":[1,-2.5e3,true,false,null,{"k":"\u00e9\n"}],"o":{}}"#

    @Test("every truncation of a valid document fails without crashing")
    func truncations() throws {
        let bytes = Array(Self.sample.utf8)
        #expect(try JSONParser().parse(bytes).keys == ["id", "name", "list", "o"])
        for length in 0..<bytes.count {
            let error = parseError(Array(bytes[0..<length]))
            #expect(error?.kind == .unexpectedEnd || error?.kind == .invalidUTF8, "prefix \(length)")
            #expect((error?.byteOffset ?? -1) <= length)
        }
    }

    @Test("every single-byte corruption of a valid document parses or fails cleanly")
    func corruptions() {
        let bytes = Array(Self.sample.utf8)
        let replacements: [UInt8] = [0x00, 0x22, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x5C, 0x80, 0xFF, 0x30, 0x20]
        for index in bytes.indices {
            for replacement in replacements {
                var corrupted = bytes
                corrupted[index] = replacement
                if let error = parseError(corrupted) {
                    #expect(error.byteOffset >= 0 && error.byteOffset <= corrupted.count)
                    #expect(!error.v8Message.isEmpty)
                }
            }
        }
    }

    @Test("random bytes never crash the parser")
    func randomBytes() {
        var rng = SeededRNG(seed: 20_261_122)
        let alphabet = Array(#"{}[]":,\-+.0123456789eEtrufalsn u"#.utf8) + [0x00, 0x0A, 0xC3, 0xA9, 0xF0, 0x9F, 0xFF]
        var accepted = 0
        for _ in 0..<3000 {
            let length = Int(rng.next() % 48)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                if rng.next() % 4 == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: rng.next()))
                } else {
                    bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
                }
            }
            if let error = parseError(bytes) {
                #expect(error.byteOffset >= 0 && error.byteOffset <= bytes.count)
            } else {
                accepted += 1
            }
        }
        #expect(accepted > 0)
    }

    @Test("what the parser accepts, the writer reproduces and the parser reads back equal")
    func roundTrip() throws {
        let value = try parse(Self.sample)
        let again = try JSONParser().parse(value.jsonBytes())
        #expect(again == value)
        let php = try JSONParser().parse(value.jsonBytes(.php))
        #expect(php == value)
        let pretty = try JSONParser().parse(value.jsonBytes(.pretty))
        #expect(pretty == value)
    }
}
