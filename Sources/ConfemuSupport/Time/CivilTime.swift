/// A UTC calendar date and time of day computed from epoch seconds (Howard Hinnant's civil algorithms).
package struct CivilTime: Sendable, Equatable {
    package var year: Int
    package var month: Int
    package var day: Int
    package var hour: Int
    package var minute: Int
    package var second: Int
    /// 0 = Sunday ... 6 = Saturday.
    package var weekday: Int

    package init(epochSeconds: Int64) {
        let days = Timestamp.floorDiv(epochSeconds, 86400)
        let secondsOfDay = Int(epochSeconds - days * 86400)
        let (y, m, d) = CivilTime.civilFromDays(Int(days))
        year = y
        month = m
        day = d
        hour = secondsOfDay / 3600
        minute = secondsOfDay / 60 % 60
        second = secondsOfDay % 60
        weekday = Int(Timestamp.floorMod(days + 4, 7))
    }

    /// `YYYY-MM-DDTHH:MM:SS`.
    package var isoDateTime: String {
        "\(Timestamp.pad(year, 4))-\(Timestamp.pad(month, 2))-\(Timestamp.pad(day, 2))"
            + "T\(Timestamp.pad(hour, 2)):\(Timestamp.pad(minute, 2)):\(Timestamp.pad(second, 2))"
    }

    package static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    package static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
