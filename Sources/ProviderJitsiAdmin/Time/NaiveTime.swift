import ConfemuSupport

/// A naive wall-clock value as "seconds since 1970-01-01 00:00:00" read without any zone
/// (jitsi-admin.md §2.1: rooms store `YYYY-MM-DD HH:MM:SS` of the namespace zone).
struct NaiveTime: Sendable, Comparable, Hashable {
    var seconds: Int64

    init(seconds: Int64) { self.seconds = seconds }

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        // A day beyond the month's length rolls over (jitsi-admin.md §2.2): days are added arithmetically.
        let days = Int64(CivilTime.daysFromCivil(year: year, month: month, day: 1)) + Int64(day - 1)
        seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    static func < (lhs: NaiveTime, rhs: NaiveTime) -> Bool { lhs.seconds < rhs.seconds }

    var civil: CivilTime { CivilTime(epochSeconds: seconds) }

    /// `YYYY-MM-DD HH:MM:SS`, the stored form.
    var stored: String {
        let c = civil
        return "\(Self.pad(c.year, 4))-\(Self.pad(c.month))-\(Self.pad(c.day)) "
            + "\(Self.pad(c.hour)):\(Self.pad(c.minute)):\(Self.pad(c.second))"
    }

    /// `YYYY-MM-DDTHH:MM:SS`, the fixtures form.
    var fixtureText: String {
        let c = civil
        return "\(Self.pad(c.year, 4))-\(Self.pad(c.month))-\(Self.pad(c.day))T"
            + "\(Self.pad(c.hour)):\(Self.pad(c.minute)):\(Self.pad(c.second))"
    }

    /// PHP `Y-m-dTH:i:s`: `T` is the zone abbreviation (jitsi-admin.md §2.1, quirk Q34).
    func php(abbreviation: String) -> String {
        let c = civil
        return "\(Self.pad(c.year, 4))-\(Self.pad(c.month))-\(Self.pad(c.day))\(abbreviation)"
            + "\(Self.pad(c.hour)):\(Self.pad(c.minute)):\(Self.pad(c.second))"
    }

    /// `YYYY-MM-DD HH:MM (ABBR)` for mail bodies (jitsi-admin.md §8).
    func mail(abbreviation: String) -> String {
        let c = civil
        return "\(Self.pad(c.year, 4))-\(Self.pad(c.month))-\(Self.pad(c.day)) "
            + "\(Self.pad(c.hour)):\(Self.pad(c.minute)) (\(abbreviation))"
    }

    /// Parses the stored form (or the fixtures form with `T`, optional seconds).
    static func parseStored(_ text: String) -> NaiveTime? {
        let bytes = Array(text.utf8)
        guard bytes.count == 19 || bytes.count == 16 else { return nil }
        func number(_ from: Int, _ length: Int) -> Int? {
            guard from + length <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<(from + length)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x20 || bytes[10] == 0x54, bytes[13] == 0x3A,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2)
        else { return nil }
        var second = 0
        if bytes.count == 19 {
            guard bytes[16] == 0x3A, let value = number(17, 2) else { return nil }
            second = value
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else {
            return nil
        }
        return NaiveTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
