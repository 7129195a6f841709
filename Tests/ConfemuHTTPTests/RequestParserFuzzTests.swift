import ConfemuHTTP
import ConfemuSupport
import Testing

@Suite("Request parser: random and mutated input")
struct RequestParserFuzzTests {
    /// Well-formed requests to mutate: every small row of §15 plus a few bodies.
    static let corpus: [[UInt8]] = ParserRow.all.map(\.input).filter { $0.count < 700 } + [
        bytes(Notation.chunked("2;x=y\r\n{}\r\n0\r\nT: 1\r\n\r\n") + Notation.hc),
        bytes(Notation.postCNT("Content-Length: 5\r\nExpect: 100-continue\r\n", body: "hello")),
        bytes("OPTIONS * HTTP/1.1\r\nHost: [::1]:80\r\n\r\n"),
        bytes("POST /tiny HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n6\r\n"),
    ]

    /// Bytes that matter to the grammar, so mutations hit the interesting branches.
    static let specialBytes: [UInt8] = [0x0D, 0x0A, 0x20, 0x09, 0x3A, 0x3B, 0x2C, 0x25, 0x3F, 0x23, 0x2F, 0x00,
                                        0x7F, 0xFF, 0x30, 0x46, 0x67, 0x2D, 0x2B, 0x40, 0x5B, 0x5D]

    static func mutate(_ input: [UInt8], rng: inout SeededRNG) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            let byte = Bool.random(using: &rng)
                ? specialBytes[Int.random(in: 0..<specialBytes.count, using: &rng)]
                : UInt8.random(in: 0...255, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[position] = byte
            case 1: bytes.insert(byte, at: position)
            case 2 where !bytes.isEmpty: bytes.remove(at: position)
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...40, using: &rng))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            default:
                bytes = Array(bytes.prefix(position))
            }
        }
        return bytes
    }

    /// Checks the event grammar: per request `head [sendContinue] (complete | tooLarge | error)`, an error
    /// also without head, nothing after a terminal event. Returns a description of the first violation.
    static func grammarViolation(_ events: [ParsedEvent]) -> String? {
        var afterHead = false
        var continued = false
        for (index, event) in events.enumerated() {
            switch event {
            case .head:
                if afterHead { return "head twice at \(index)" }
                afterHead = true
                continued = false
            case .sendContinue:
                if !afterHead || continued { return "misplaced sendContinue at \(index)" }
                continued = true
            case .complete:
                if !afterHead { return "complete without head at \(index)" }
                afterHead = false
            case .tooLarge:
                if !afterHead { return "tooLarge without head at \(index)" }
                if index != events.count - 1 { return "event after tooLarge" }
            case .error(let status, let slug):
                if status < 400 || status > 599 || slug.isEmpty { return "odd error \(status) \(slug)" }
                if index != events.count - 1 { return "event after error" }
            }
        }
        return nil
    }

    @Test("thousands of random and mutated requests never crash, follow the event grammar, ignore splits")
    func fuzz() {
        var rng = SeededRNG(seed: 0x5EED_C0FF_EE15_0001)
        var failures: [String] = []
        for round in 0..<3000 {
            let input: [UInt8]
            if round % 6 == 0 {
                input = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            } else {
                input = Self.mutate(Self.corpus[Int.random(in: 0..<Self.corpus.count, using: &rng)], rng: &rng)
            }
            let whole = ParserHarness.events(input)
            if let violation = Self.grammarViolation(whole) { failures.append("round \(round): \(violation)") }

            // The same bytes in random pieces give the same events (1.2).
            var pieces: [ArraySlice<UInt8>] = []
            var offset = 0
            while offset < input.count {
                let end = min(input.count, offset + Int.random(in: 1...64, using: &rng))
                pieces.append(input[offset..<end])
                offset = end
            }
            let split = ParserHarness.events(pieces)
            if withoutContinue(split) != withoutContinue(whole) { failures.append("round \(round): split differs") }
            if let violation = Self.grammarViolation(split) { failures.append("round \(round) split: \(violation)") }
            if round % 10 == 0, withoutContinue(ParserHarness.eventsByteByByte(input)) != withoutContinue(whole) {
                failures.append("round \(round): byte-by-byte differs")
            }

            // End of input: the parser always settles, finished, with needMore.
            var parser = RequestParser(bodyLimit: testBodyLimit)
            parser.append(input)
            parser.finishInput()
            var settled = false
            for _ in 0..<10_000 {
                if case .needMore = parser.next() {
                    settled = parser.isFinished
                    break
                }
            }
            if !settled { failures.append("round \(round): did not settle after finishInput") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }
}
