import Foundation

/// One time zone's offsets and abbreviations, read from the system's TZif file (jitsi-admin.md §2.1).
///
/// Transitions and abbreviations come from the file itself. For instants after the last transition the
/// POSIX-TZ footer names the standard and daylight abbreviations; which one is in force and the offset
/// come from Foundation's `TimeZone` (which reads the same tzdata), so the footer's rule syntax does not
/// have to be re-implemented. Foundation's `abbreviation(for:)` is never used: on Linux it answers
/// `GMT+1` instead of `CET` (jitsi-admin.md §2.1).
struct ZoneRules: Sendable {
    struct Period: Sendable {
        var offset: Int
        var isDST: Bool
        var abbreviation: String
    }

    let identifier: String
    private let transitions: [Int64]
    private let periodIndexes: [Int]
    private let periods: [Period]
    private let footerStandard: String?
    private let footerDaylight: String?
    private let timeZone: TimeZone

    static let directories = ["/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/etc/zoneinfo"]

    /// Loads `identifier`; nil when the name is not a safe zone name or no TZif file can be read.
    init?(identifier: String) {
        guard !identifier.isEmpty, identifier.utf8.count <= 64, !identifier.hasPrefix("/"),
              !identifier.contains(".."),
              identifier.utf8.allSatisfy({ byte in
                  (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                      || byte == 0x2F || byte == 0x5F || byte == 0x2D || byte == 0x2B
              }),
              let timeZone = TimeZone(identifier: identifier)
        else { return nil }
        var data: [UInt8]?
        for directory in Self.directories {
            if let contents = FileManager.default.contents(atPath: directory + "/" + identifier) {
                data = Array(contents)
                break
            }
        }
        guard let bytes = data, let parsed = Self.parse(bytes) else { return nil }
        self.identifier = identifier
        self.transitions = parsed.transitions
        self.periodIndexes = parsed.indexes
        self.periods = parsed.periods
        self.footerStandard = parsed.footer.standard
        self.footerDaylight = parsed.footer.daylight
        self.timeZone = timeZone
    }

    /// The offset and abbreviation in force at `instant` (Unix seconds).
    func period(at instant: Int64) -> Period {
        if let last = transitions.last, instant >= last, let standard = footerStandard {
            let date = Date(timeIntervalSince1970: TimeInterval(instant))
            let offset = timeZone.secondsFromGMT(for: date)
            let dst = timeZone.isDaylightSavingTime(for: date)
            return Period(offset: offset, isDST: dst, abbreviation: dst ? (footerDaylight ?? standard) : standard)
        }
        if transitions.isEmpty || instant < (transitions.first ?? 0) {
            if let first = periods.first(where: { !$0.isDST }) ?? periods.first { return first }
            return Period(offset: 0, isDST: false, abbreviation: footerStandard ?? "UTC")
        }
        // Binary search for the last transition <= instant.
        var low = 0
        var high = transitions.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if transitions[mid] <= instant { low = mid } else { high = mid - 1 }
        }
        let index = periodIndexes.indices.contains(low) ? periodIndexes[low] : 0
        return periods.indices.contains(index) ? periods[index]
            : Period(offset: 0, isDST: false, abbreviation: "UTC")
    }

    /// Wall clock (naive seconds) → instant (jitsi-admin.md §2.1): a time in a spring-forward gap moves
    /// forward by the gap; a time in the autumn overlap means the first occurrence.
    func instant(forWallClock wall: Int64) -> Int64 {
        let before = period(at: wall - 2 * 86_400).offset
        let after = period(at: wall + 2 * 86_400).offset
        var candidates: [Int64] = []
        for offset in [before, after] {
            let instant = wall - Int64(offset)
            if period(at: instant).offset == offset { candidates.append(instant) }
        }
        if let first = candidates.min() { return first }
        // In a gap: read the wall clock with the offset in force before it.
        return wall - Int64(before)
    }

    /// Instant → wall clock (naive seconds).
    func wallClock(forInstant instant: Int64) -> Int64 {
        instant + Int64(period(at: instant).offset)
    }

    // MARK: TZif (RFC 8536)

    private struct Parsed {
        var transitions: [Int64]
        var indexes: [Int]
        var periods: [Period]
        var footer: (standard: String?, daylight: String?)
    }

    private static func parse(_ bytes: [UInt8]) -> Parsed? {
        guard bytes.count >= 44, bytes[0] == 0x54, bytes[1] == 0x5A, bytes[2] == 0x69, bytes[3] == 0x66 else {
            return nil
        }
        let version = bytes[4]
        guard let first = header(bytes, at: 0) else { return nil }
        if version >= 0x32 {
            // Skip the version-1 block, read the 64-bit one.
            let v1Size = first.timeCount * 5 + first.typeCount * 6 + first.charCount + first.leapCount * 8
                + first.isStdCount + first.isUTCount
            let start = 44 + v1Size
            guard let second = header(bytes, at: start) else { return nil }
            return body(bytes, at: start + 44, header: second, timeSize: 8, withFooter: true)
        }
        return body(bytes, at: 44, header: first, timeSize: 4, withFooter: false)
    }

    private struct Header {
        var isUTCount: Int
        var isStdCount: Int
        var leapCount: Int
        var timeCount: Int
        var typeCount: Int
        var charCount: Int
    }

    private static func header(_ bytes: [UInt8], at start: Int) -> Header? {
        guard start + 44 <= bytes.count else { return nil }
        func count(_ index: Int) -> Int {
            let offset = start + 20 + index * 4
            return Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
                | Int(bytes[offset + 3])
        }
        return Header(isUTCount: count(0), isStdCount: count(1), leapCount: count(2), timeCount: count(3),
                      typeCount: count(4), charCount: count(5))
    }

    private static func signed(_ bytes: [UInt8], at offset: Int, size: Int) -> Int64 {
        var value: UInt64 = 0
        for index in 0..<size { value = value << 8 | UInt64(bytes[offset + index]) }
        if size == 4 { return Int64(Int32(truncatingIfNeeded: value)) }
        return Int64(bitPattern: value)
    }

    private static func body(_ bytes: [UInt8], at start: Int, header: Header, timeSize: Int, withFooter: Bool)
        -> Parsed? {
        let timesEnd = start + header.timeCount * timeSize
        let indexesEnd = timesEnd + header.timeCount
        let typesEnd = indexesEnd + header.typeCount * 6
        let charsEnd = typesEnd + header.charCount
        let end = charsEnd + header.leapCount * (timeSize + 4) + header.isStdCount + header.isUTCount
        guard header.typeCount > 0, end <= bytes.count else { return nil }
        var transitions: [Int64] = []
        for index in 0..<header.timeCount {
            transitions.append(signed(bytes, at: start + index * timeSize, size: timeSize))
        }
        let indexes = (0..<header.timeCount).map { Int(bytes[timesEnd + $0]) }
        let chars = Array(bytes[typesEnd..<charsEnd])
        var periods: [Period] = []
        for index in 0..<header.typeCount {
            let offset = indexesEnd + index * 6
            let utoff = Int(signed(bytes, at: offset, size: 4))
            let dst = bytes[offset + 4] != 0
            let abbreviationIndex = Int(bytes[offset + 5])
            var name: [UInt8] = []
            var cursor = abbreviationIndex
            while cursor < chars.count, chars[cursor] != 0 {
                name.append(chars[cursor])
                cursor += 1
            }
            periods.append(Period(offset: utoff, isDST: dst, abbreviation: String(decoding: name, as: UTF8.self)))
        }
        var footer: (String?, String?) = (nil, nil)
        if withFooter, end < bytes.count {
            let rest = Array(bytes[end...])
            if let open = rest.firstIndex(of: 0x0A) {
                let text = rest[(open + 1)...].prefix { $0 != 0x0A }
                footer = footerNames(Array(text))
            }
        }
        return Parsed(transitions: transitions, indexes: indexes, periods: periods, footer: footer)
    }

    /// The std and dst names of a POSIX TZ string (`CET-1CEST,M3.5.0,M10.5.0/3`, `<-03>3`, `UTC0`).
    private static func footerNames(_ text: [UInt8]) -> (String?, String?) {
        var index = 0
        func name() -> String? {
            guard index < text.count else { return nil }
            if text[index] == 0x3C {
                guard let close = text[index...].firstIndex(of: 0x3E) else { return nil }
                let value = String(decoding: text[(index + 1)..<close], as: UTF8.self)
                index = close + 1
                return value
            }
            let startIndex = index
            while index < text.count, (0x41...0x5A).contains(text[index]) || (0x61...0x7A).contains(text[index]) {
                index += 1
            }
            return index > startIndex ? String(decoding: text[startIndex..<index], as: UTF8.self) : nil
        }
        guard let standard = name() else { return (nil, nil) }
        // Skip the offset.
        while index < text.count, text[index] == 0x2B || text[index] == 0x2D || text[index] == 0x3A
            || (0x30...0x39).contains(text[index]) {
            index += 1
        }
        let daylight = index < text.count && text[index] != 0x2C ? name() : nil
        return (standard, daylight)
    }
}
