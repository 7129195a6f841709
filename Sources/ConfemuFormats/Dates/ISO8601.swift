import ConfemuSupport
import Foundation

/// ISO 8601 / RFC 3339 text as the Node providers render and read it (videsk.md §4.3, proconf.md §3.4–§3.5).
/// Times are epoch milliseconds (`Int64`), the unit those providers store, so no Double rounding can move a
/// value by a millisecond.
package enum ISO8601 {
    /// JavaScript `Date.prototype.toISOString()`: `2024-08-14T18:00:00.000Z`, always three fraction digits and
    /// `Z`; years outside 0…9999 in the expanded form `+010000` / `-000001` (ECMA-262 §21.4.1.32).
    package static func javaScriptString(epochMilliseconds: Int64) -> String {
        let seconds = floorDiv(epochMilliseconds, 1000)
        let millis = Int(epochMilliseconds - seconds * 1000)
        let civil = CivilTime(epochSeconds: seconds)
        var out: [UInt8] = []
        out.reserveCapacity(27)
        if civil.year >= 0 && civil.year <= 9999 {
            HTTPDate.appendPadded(civil.year, width: 4, to: &out)
        } else {
            out.append(civil.year < 0 ? 0x2D : 0x2B)
            HTTPDate.appendPadded(abs(civil.year), width: 6, to: &out)
        }
        out.append(0x2D)
        HTTPDate.appendPadded(civil.month, width: 2, to: &out)
        out.append(0x2D)
        HTTPDate.appendPadded(civil.day, width: 2, to: &out)
        out.append(0x54)
        HTTPDate.appendPadded(civil.hour, width: 2, to: &out)
        out.append(0x3A)
        HTTPDate.appendPadded(civil.minute, width: 2, to: &out)
        out.append(0x3A)
        HTTPDate.appendPadded(civil.second, width: 2, to: &out)
        out.append(0x2E)
        HTTPDate.appendPadded(millis, width: 3, to: &out)
        out.append(0x5A)
        return String(decoding: out, as: UTF8.self)
    }

    /// `toISOString()` of `date` (milliseconds as `epochMilliseconds(of:)` computes them).
    package static func javaScriptString(_ date: Date) -> String {
        javaScriptString(epochMilliseconds: epochMilliseconds(of: date))
    }

    /// `2024-06-20T08:10:14.000Z`: the JavaScript form with the milliseconds truncated to zero (proconf.md §8:
    /// `created_at`, `destroyed_at`).
    package static func javaScriptStringWholeSeconds(epochMilliseconds: Int64) -> String {
        javaScriptString(epochMilliseconds: floorDiv(epochMilliseconds, 1000) * 1000)
    }

    /// Milliseconds since the epoch for `date`, rounded down, except that a value within a microsecond below a
    /// whole millisecond counts as that millisecond: `Date(timeIntervalSince1970: 1718871014.123)` is
    /// 1718871014123 even though the Double is a hair below it. Clamped to ±8.64e15 (JavaScript's time range).
    package static func epochMilliseconds(of date: Date) -> Int64 {
        let millis = date.timeIntervalSince1970 * 1000
        guard millis.isFinite else { return millis < 0 ? -maxTime : maxTime }
        let nearest = millis.rounded()
        let value = abs(millis - nearest) < 0.001 ? nearest : millis.rounded(.down)
        return Int64(max(-Double(maxTime), min(Double(maxTime), value)))
    }

    /// The `Date` of an epoch-milliseconds value.
    package static func date(epochMilliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(epochMilliseconds) / 1000)
    }

    /// ECMA-262's time value limit: ±100 000 000 days in milliseconds.
    package static let maxTime: Int64 = 8_640_000_000_000_000

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    /// Days in `month` (1–12) of the proleptic Gregorian `year`; 0 for a month outside 1–12.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        default: 0
        }
    }
}
