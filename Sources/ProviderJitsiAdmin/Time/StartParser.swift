import ConfemuSupport

/// `start` of room.create / room.edit (jitsi-admin.md §2.2).
enum StartParser {
    enum Result: Equatable {
        /// A wall-clock value in the namespace zone.
        case wall(NaiveTime)
        /// A value whose offset suffix was dropped (quirk Q33) or `@unix`: `end` is `start` + duration
        /// minutes of digits, without a zone round trip.
        case offsetDropped(NaiveTime)
    }

    /// - Parameter today: namespace "now" as a wall clock (whole seconds).
    static func parse(_ raw: String?, now: NaiveTime) -> Result? {
        guard let raw else { return .wall(now) }
        let text = trimASCII(raw).lowercased()
        if text.isEmpty || text == "now" { return .wall(now) }
        let midnight = NaiveTime(seconds: now.seconds - ((now.seconds % 86_400) + 86_400) % 86_400)
        switch text {
        case "today", "midnight": return .wall(midnight)
        case "tomorrow": return .wall(NaiveTime(seconds: midnight.seconds + 86_400))
        case "yesterday": return .wall(NaiveTime(seconds: midnight.seconds - 86_400))
        default: break
        }
        var bytes = Array(text.utf8)
        if bytes.first == 0x40 {
            var rest = bytes.dropFirst()
            var negative = false
            if rest.first == 0x2D || rest.first == 0x2B {
                negative = rest.first == 0x2D
                rest = rest.dropFirst()
            }
            guard !rest.isEmpty, rest.count <= 12, rest.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            var value: Int64 = 0
            for byte in rest { value = value * 10 + Int64(byte - 0x30) }
            let seconds = negative ? -value : value
            let wall = NaiveTime(seconds: seconds)
            guard (1000...9999).contains(wall.civil.year) else { return nil }
            return .offsetDropped(wall)
        }
        // Offset suffixes (quirk Q33): Z, UTC, GMT, ±HH:MM, ±HHMM.
        var dropped = false
        for suffix in ["utc", "gmt", "z"] where bytes.count > suffix.utf8.count
            && Array(bytes.suffix(suffix.utf8.count)) == Array(suffix.utf8) {
            bytes.removeLast(suffix.utf8.count)
            dropped = true
            break
        }
        if !dropped, let offsetLength = offsetSuffixLength(bytes) {
            bytes.removeLast(offsetLength)
            dropped = true
        }
        if dropped { while bytes.last == 0x20 { bytes.removeLast() } }
        guard let wall = parseDateTime(bytes) else { return nil }
        return dropped ? .offsetDropped(wall) : .wall(wall)
    }

    private static func offsetSuffixLength(_ bytes: [UInt8]) -> Int? {
        func digit(_ index: Int) -> Bool { index >= 0 && index < bytes.count && (0x30...0x39).contains(bytes[index]) }
        func sign(_ index: Int) -> Bool { index >= 0 && index < bytes.count && (bytes[index] == 0x2B || bytes[index] == 0x2D) }
        let n = bytes.count
        // ±HH:MM
        if n >= 6, sign(n - 6), digit(n - 5), digit(n - 4), bytes[n - 3] == 0x3A, digit(n - 2), digit(n - 1),
           n - 6 >= 10 {
            return 6
        }
        // ±HHMM
        if n >= 5, sign(n - 5), digit(n - 4), digit(n - 3), digit(n - 2), digit(n - 1), n - 5 >= 10 {
            return 5
        }
        return nil
    }

    /// The date-time forms of §2.2 without any suffix.
    private static func parseDateTime(_ bytes: [UInt8]) -> NaiveTime? {
        var scanner = Scanner(bytes: bytes)
        var year = 0, month = 0, day = 0
        if let first = scanner.digits(), first.count == 4, scanner.take(0x2D) {
            year = first.value
            guard let m = scanner.digits(), m.count == 2, scanner.take(0x2D), let d = scanner.digits(), d.count == 2
            else { return nil }
            month = m.value
            day = d.value
            if scanner.atEnd { return make(year, month, day, 0, 0, 0) }
            guard scanner.take(0x74) || scanner.take(0x20) else { return nil }
        } else {
            scanner = Scanner(bytes: bytes)
            guard let d = scanner.digits(), d.count == 2, scanner.take(0x2E), let m = scanner.digits(), m.count == 2,
                  scanner.take(0x2E), let y = scanner.digits(), y.count == 4
            else { return nil }
            day = d.value
            month = m.value
            year = y.value
            if scanner.atEnd { return make(year, month, day, 0, 0, 0) }
            guard scanner.take(0x20) else { return nil }
        }
        guard let h = scanner.digits(), h.count == 2, scanner.take(0x3A), let mi = scanner.digits(), mi.count == 2
        else { return nil }
        var second = 0
        if scanner.take(0x3A) {
            guard let s = scanner.digits(), s.count == 2 else { return nil }
            second = s.value
            if scanner.take(0x2E) {
                guard let fraction = scanner.digits(), fraction.count > 0 else { return nil }
            }
        }
        guard scanner.atEnd else { return nil }
        return make(year, month, day, h.value, mi.value, second)
    }

    private static func make(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int)
        -> NaiveTime? {
        guard (1000...9999).contains(year), (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
              (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        return NaiveTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    static func trimASCII(_ text: String) -> String {
        let bytes = Array(text.utf8)
        func space(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let first = bytes.firstIndex(where: { !space($0) }), let last = bytes.lastIndex(where: { !space($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func digits() -> (value: Int, count: Int)? {
            var value = 0
            var count = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]), count < 18 {
                value = value * 10 + Int(bytes[index] - 0x30)
                count += 1
                index += 1
            }
            return count > 0 ? (value, count) : nil
        }
    }
}
