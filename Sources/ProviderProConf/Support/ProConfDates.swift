import ConfemuFormats
import ConfemuSupport

/// Dates read by the operations (proconf.md §3.5) and AJV's `date-time` format (§3.4).
enum ProConfDates {
    /// JavaScript's time-value range.
    static let maxMilliseconds: Double = 8.64e15

    /// §3.5 "valid date": a finite JSON number (epoch ms) or a string of the documented shape naming a
    /// real calendar instant. nil for everything else.
    static func validDate(_ value: JSONValue) -> Int64? {
        switch value {
        case .number(let number):
            let ms = number.doubleValue
            guard ms.isFinite, abs(ms) <= maxMilliseconds else { return nil }
            return Int64(ms.rounded(.towardZero))
        case .string(let text):
            return parseDateString(text)
        default:
            return nil
        }
    }

    /// The value unless absent or `null`. (`JSONValue` is nil-literal expressible, so `?:` with `nil` would
    /// produce `.null`; these helpers keep optionals honest.)
    static func present(_ value: JSONValue?) -> JSONValue? {
        guard let value, !value.isNull else { return Optional<JSONValue>.none }
        return value
    }

    /// The value when truthy.
    static func truthy(_ value: JSONValue?) -> JSONValue? {
        guard let value, isTruthy(value) else { return Optional<JSONValue>.none }
        return value
    }

    /// The value when it is an object.
    static func object(_ value: JSONValue?) -> JSONValue? {
        guard let value, value.isObject else { return Optional<JSONValue>.none }
        return value
    }

    /// Truthiness of JavaScript (§3.5): `false`, `0`, `""`, `null` and absence are falsy.
    static func isTruthy(_ value: JSONValue?) -> Bool {
        guard let value else { return false }
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .number(let number):
            let double = number.doubleValue
            return double != 0 && !double.isNaN
        case .string(let text): return !text.isEmpty
        case .array, .object: return true
        }
    }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH:MM|±HHMM|±HH]`, no zone = UTC.
    static func parseDateString(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for byte in b[i..<(i + count)] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            i += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2),
              isRealDate(year: year, month: month, day: day) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fractionMs = 0
        if i < b.count, b[i] == 0x54 || b[i] == 0x20 {
            i += 1
            guard let h = digits(2), expect(0x3A), let m = digits(2), h < 24, m < 60 else { return nil }
            hour = h
            minute = m
            if i < b.count, b[i] == 0x3A {
                i += 1
                guard let s = digits(2), s < 60 else { return nil }
                second = s
                if i < b.count, b[i] == 0x2E {
                    i += 1
                    var count = 0
                    var scale = 100
                    while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                        fractionMs += Int(b[i] - 0x30) * scale
                        scale /= 10
                        count += 1
                        i += 1
                    }
                    guard count > 0 else { return nil }
                }
            }
        }
        var offsetMinutes = 0
        if i < b.count {
            if b[i] == 0x5A {
                i += 1
            } else if b[i] == 0x2B || b[i] == 0x2D {
                let sign = b[i] == 0x2D ? -1 : 1
                i += 1
                guard let oh = digits(2), oh < 24 else { return nil }
                var om = 0
                if i < b.count {
                    if b[i] == 0x3A { i += 1 }
                    guard let parsed = digits(2), parsed < 60 else { return nil }
                    om = parsed
                }
                offsetMinutes = sign * (oh * 60 + om)
            } else {
                return nil
            }
        }
        guard i == b.count else { return nil }
        let days = Int64(CivilTime.daysFromCivil(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(fractionMs)
    }

    static func isRealDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// AJV `date-time` (§3.4): `YYYY-MM-DD`, `T`/`t`/space, `HH:MM:SS`, optional `.digits`, `Z`/`z`/`±HH:MM`.
    static func isDateTime(_ text: String) -> Bool {
        let b = Array(text.utf8)
        func isDigit(_ index: Int) -> Bool { index < b.count && b[index] >= 0x30 && b[index] <= 0x39 }
        func number(_ from: Int, _ count: Int) -> Int? {
            guard (from..<(from + count)).allSatisfy(isDigit) else { return nil }
            return b[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        guard b.count >= 20, let year = number(0, 4), b[4] == 0x2D, let month = number(5, 2), b[7] == 0x2D,
              let day = number(8, 2), isRealDate(year: year, month: month, day: day),
              b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20,
              let hour = number(11, 2), b[13] == 0x3A, let minute = number(14, 2), b[16] == 0x3A,
              let second = number(17, 2), hour < 24, minute < 60, second < 60 else { return false }
        var i = 19
        if i < b.count, b[i] == 0x2E {
            i += 1
            let start = i
            while isDigit(i) { i += 1 }
            guard i > start else { return false }
        }
        guard i < b.count else { return false }
        if b[i] == 0x5A || b[i] == 0x7A { return i + 1 == b.count }
        guard b[i] == 0x2B || b[i] == 0x2D, i + 6 == b.count, let oh = number(i + 1, 2), b[i + 3] == 0x3A,
              let om = number(i + 4, 2) else { return false }
        return oh < 24 && om < 60
    }
}
