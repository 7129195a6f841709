import ConfemuSupport

extension ISO8601 {
    /// The lexical parts of `YYYY-MM-DD[(T|t| )HH:MM[:SS[.digits]]][Z|z|±HH:MM|±HHMM|±HH]`, the widest form the
    /// providers accept (proconf.md §3.5). Each provider then checks the subset its spec allows (videsk.md §4.3:
    /// `T`, seconds, a zone, 1–9 fraction digits; proconf.md §3.4: `isRFC3339DateTime`) and converts with
    /// `epochMilliseconds`, which also checks the calendar.
    package struct Parts: Sendable, Equatable {
        package enum OffsetStyle: Sendable, Equatable {
            /// `+02:00`
            case colon
            /// `+0200`
            case compact
            /// `+02`
            case hours
        }

        package enum Zone: Sendable, Equatable {
            /// `Z` or `z`.
            case utc
            /// East of UTC in minutes (`-03:30` is -210), with the way it was written.
            case offset(minutes: Int, style: OffsetStyle)
        }

        package var year: Int
        package var month: Int
        package var day: Int
        /// `T`, `t` or a space; nil for a date alone.
        package var separator: Character?
        package var hour: Int?
        package var minute: Int?
        package var second: Int?
        /// The digits after `.`, exactly as written (never empty when present).
        package var fraction: String?
        package var zone: Zone?

        /// Month 1–12, a day that exists in that month, hours 0–23, minutes and seconds 0–59 (no leap second),
        /// offsets up to 23:59.
        package var isCalendarValid: Bool {
            guard (1...12).contains(month), day >= 1, day <= ISO8601.daysInMonth(year: year, month: month) else {
                return false
            }
            if let hour, hour > 23 { return false }
            if let minute, minute > 59 { return false }
            if let second, second > 59 { return false }
            if case .offset(let minutes, _) = zone, minutes.magnitude > 23 * 60 + 59 { return false }
            return true
        }

        /// RFC 3339 `date-time`: `T` or `t`, seconds present, and `Z`/`z` or a `±HH:MM` offset.
        package var isRFC3339DateTime: Bool {
            guard separator == "T" || separator == "t", second != nil, let zone else { return false }
            switch zone {
            case .utc: return true
            case .offset(_, let style): return style == .colon
            }
        }

        /// The instant in epoch milliseconds (no zone means UTC; fraction digits past the third are truncated),
        /// or nil when `isCalendarValid` is false.
        package var epochMilliseconds: Int64? {
            guard isCalendarValid else { return nil }
            let days = Int64(CivilTime.daysFromCivil(year: year, month: month, day: day))
            var millis = days * 86_400_000
            let hours = Int64(hour ?? 0)
            let minutes = Int64(minute ?? 0)
            let seconds = Int64(second ?? 0)
            millis += hours * 3_600_000
            millis += minutes * 60_000
            millis += seconds * 1000
            if let fraction {
                var scale: Int64 = 100
                for character in fraction.utf8.prefix(3) {
                    millis += Int64(character - 0x30) * scale
                    scale /= 10
                }
            }
            if case .offset(let minutes, _) = zone { millis -= Int64(minutes) * 60_000 }
            return millis
        }
    }

    /// Splits `text` into its parts; nil when it does not have the lexical form (calendar values are checked
    /// by `isCalendarValid`; only an offset's minutes above 59 are rejected here, because they are folded into
    /// one number).
    package static func parse(_ text: String) -> Parts? {
        let bytes = Array(text.utf8)
        var index = 0

        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let byte = bytes[index + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += width
            return value
        }

        func consume(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        guard let year = number(4), consume(0x2D), let month = number(2), consume(0x2D), let day = number(2) else {
            return nil
        }
        var parts = Parts(year: year, month: month, day: day)
        if index < bytes.count, bytes[index] == 0x54 || bytes[index] == 0x74 || bytes[index] == 0x20 {
            parts.separator = Character(Unicode.Scalar(bytes[index]))
            index += 1
            guard let hour = number(2), consume(0x3A), let minute = number(2) else { return nil }
            parts.hour = hour
            parts.minute = minute
            if consume(0x3A) {
                guard let second = number(2) else { return nil }
                parts.second = second
                if consume(0x2E) {
                    let start = index
                    while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                    guard index > start else { return nil }
                    parts.fraction = String(decoding: bytes[start..<index], as: UTF8.self)
                }
            }
        }
        if index < bytes.count {
            switch bytes[index] {
            case 0x5A, 0x7A:
                index += 1
                parts.zone = .utc
            case 0x2B, 0x2D:
                let sign = bytes[index] == 0x2D ? -1 : 1
                index += 1
                guard let hours = number(2) else { return nil }
                var minutes = 0
                var style = Parts.OffsetStyle.hours
                if consume(0x3A) {
                    guard let value = number(2) else { return nil }
                    minutes = value
                    style = .colon
                } else if index < bytes.count {
                    guard let value = number(2) else { return nil }
                    minutes = value
                    style = .compact
                }
                guard minutes <= 59 else { return nil }
                parts.zone = .offset(minutes: sign * (hours * 60 + minutes), style: style)
            default:
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        return parts
    }
}

extension ISO8601.Parts {
    package init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}
