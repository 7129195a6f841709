import ConfemuSupport
import Foundation

/// IMF-fixdate, the HTTP date format (RFC 9110 §5.6.7): `Sun, 22 Nov 2026 10:00:00 GMT`. Formatted by hand
/// from the civil calendar (no Foundation formatter, no locale); see `HTTPDateCache` for the server's
/// once-per-second use (http.md 11.3).
package enum HTTPDate {
    static let dayNames: [String] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let monthNames: [String] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The IMF-fixdate of a Unix time in whole seconds.
    package static func imfFixdate(epochSeconds: Int64) -> String {
        String(decoding: imfFixdateBytes(epochSeconds: epochSeconds), as: UTF8.self)
    }

    /// The IMF-fixdate of `date`, fractions of a second dropped.
    package static func imfFixdate(_ date: Date) -> String {
        imfFixdate(epochSeconds: epochSeconds(of: date))
    }

    /// The 29 ASCII bytes of the IMF-fixdate, ready to append to a response head.
    package static func imfFixdateBytes(epochSeconds: Int64) -> [UInt8] {
        // Clamped so the civil-calendar arithmetic cannot overflow on absurd input.
        let civil = CivilTime(epochSeconds: max(-secondsLimit, min(secondsLimit, epochSeconds)))
        var out: [UInt8] = []
        out.reserveCapacity(29)
        out.append(contentsOf: dayNames[civil.weekday % 7].utf8)
        out.append(contentsOf: [0x2C, 0x20])
        appendPadded(civil.day, width: 2, to: &out)
        out.append(0x20)
        out.append(contentsOf: monthNames[(civil.month - 1) % 12].utf8)
        out.append(0x20)
        appendPadded(civil.year, width: 4, to: &out)
        out.append(0x20)
        appendPadded(civil.hour, width: 2, to: &out)
        out.append(0x3A)
        appendPadded(civil.minute, width: 2, to: &out)
        out.append(0x3A)
        appendPadded(civil.second, width: 2, to: &out)
        out.append(contentsOf: [0x20, 0x47, 0x4D, 0x54])
        return out
    }

    /// Parses an IMF-fixdate exactly (the obsolete RFC 850 and asctime forms are not accepted); the weekday must
    /// match the date. Returns Unix seconds.
    package static func parseIMFFixdate(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 29, bytes[3] == 0x2C, bytes[4] == 0x20, bytes[7] == 0x20, bytes[11] == 0x20,
              bytes[16] == 0x20, bytes[19] == 0x3A, bytes[22] == 0x3A, bytes[25] == 0x20,
              String(decoding: bytes[26..<29], as: UTF8.self) == "GMT",
              let weekday = dayNames.firstIndex(of: String(decoding: bytes[0..<3], as: UTF8.self)),
              let monthIndex = monthNames.firstIndex(of: String(decoding: bytes[8..<11], as: UTF8.self)),
              let day = digits(bytes, 5, 2), let year = digits(bytes, 12, 4), let hour = digits(bytes, 17, 2),
              let minute = digits(bytes, 20, 2), let second = digits(bytes, 23, 2),
              hour < 24, minute < 60, second < 61,
              day >= 1, day <= ISO8601.daysInMonth(year: year, month: monthIndex + 1)
        else { return nil }
        let days = CivilTime.daysFromCivil(year: year, month: monthIndex + 1, day: day)
        let seconds = Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second)
        guard CivilTime(epochSeconds: seconds).weekday == weekday else { return nil }
        return seconds
    }

    /// Whole Unix seconds of `date`, rounded down, clamped to ±8.64e15 s.
    package static func epochSeconds(of date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite else { return seconds < 0 ? -secondsLimit : secondsLimit }
        return Int64(max(-Double(secondsLimit), min(Double(secondsLimit), seconds)))
    }

    static let secondsLimit: Int64 = 8_640_000_000_000_000

    private static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
            value = value * 10 + Int(bytes[index] - 0x30)
        }
        return value
    }

    static func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
        let text = String(value.magnitude)
        if value < 0 { out.append(0x2D) }
        if text.utf8.count < width { out.append(contentsOf: repeatElement(0x30, count: width - text.utf8.count)) }
        out.append(contentsOf: text.utf8)
    }
}
