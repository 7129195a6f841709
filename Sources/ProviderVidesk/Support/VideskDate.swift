import ConfemuFormats
import ConfemuSupport

/// Dates of videsk.md §4.3, as milliseconds since the epoch.
enum VideskDate {
    /// Output: `YYYY-MM-DDTHH:MM:SS.mmmZ` (JavaScript `toISOString()`).
    static func format(_ milliseconds: Int64) -> String {
        let seconds = floorDiv(milliseconds, 1000)
        let millis = Int(milliseconds - seconds * 1000)
        let text = String(millis)
        return CivilTime(epochSeconds: seconds).isoDateTime + "."
            + String(repeating: "0", count: 3 - text.count) + text + "Z"
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    /// Whole seconds (floor), for token claims (videsk.md §8.1).
    static func seconds(_ milliseconds: Int64) -> Int64 { floorDiv(milliseconds, 1000) }

    /// JavaScript's Date range (±8.64e15 ms); beyond it `new Date(v)` is invalid, so a cast error. Also
    /// keeps every later date arithmetic far from Int64 overflow.
    static let limit: Int64 = 8_640_000_000_000_000

    static func inRange(_ millis: Int64?) -> Int64? {
        guard let millis, millis >= -limit, millis <= limit else { return nil }
        return millis
    }

    /// A JSON body value: a string in the text grammar or an integer number of milliseconds.
    static func parse(json value: JSONValue) -> Int64? {
        switch value {
        case .string(let text): return parse(text: text)
        case .number(let number):
            guard number.isInteger else { return nil }
            return inRange(number.int64Value)
        default: return nil
        }
    }

    /// A query-string value: the text grammar, or digits with an optional leading `-` (epoch milliseconds).
    static func parse(query text: String) -> Int64? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : text[...]
        if !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), digits.count <= 18 {
            return inRange(Int64(text))
        }
        return parse(text: text)
    }

    /// RFC 3339 date-time (`T`/`Z` either case, 1–9 fraction digits truncated to ms) or `YYYY-MM-DD`.
    static func parse(text: String) -> Int64? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from >= 0, from + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<(from + count)] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 10, let year = number(0, 4), bytes[4] == 0x2D, let month = number(5, 2),
              bytes[7] == 0x2D, let day = number(8, 2), (1...12).contains(month),
              day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        let days = Int64(CivilTime.daysFromCivil(year: year, month: month, day: day))
        if bytes.count == 10 { return days * 86_400_000 }
        guard bytes.count >= 20, bytes[10] == 0x54 || bytes[10] == 0x74,
              let hour = number(11, 2), bytes[13] == 0x3A, let minute = number(14, 2), bytes[16] == 0x3A,
              let second = number(17, 2), hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var millis = 0
        if bytes[index] == 0x2E {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if index - start < 3 { millis = millis * 10 + Int(bytes[index] - 0x30) }
                index += 1
            }
            let count = index - start
            guard (1...9).contains(count) else { return nil }
            if count < 3 { for _ in count..<3 { millis *= 10 } }
        }
        guard index < bytes.count else { return nil }
        var offsetMinutes = 0
        switch bytes[index] {
        case 0x5A, 0x7A:
            index += 1
        case 0x2B, 0x2D:
            guard let offsetHour = number(index + 1, 2), index + 3 < bytes.count, bytes[index + 3] == 0x3A,
                  let offsetMinute = number(index + 4, 2), offsetHour < 24, offsetMinute < 60 else { return nil }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == 0x2D ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == bytes.count else { return nil }
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
