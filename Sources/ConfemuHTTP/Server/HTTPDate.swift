import ConfemuSupport

/// IMF-fixdate (`Sun, 22 Nov 2026 10:00:00 GMT`, RFC 9110 §5.6.7) for the `Date` field (http.md 11.3).
/// Kept local to the module so the server does not wait on ConfemuFormats.
package struct HTTPDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private var cachedSecond: Int64 = .min
    private var cachedText = ""

    package init() {}

    package static func format(epochSeconds: Int64) -> String {
        let time = CivilTime(epochSeconds: epochSeconds)
        let weekday = weekdays.indices.contains(time.weekday) ? weekdays[time.weekday] : "Sun"
        let month = months.indices.contains(time.month - 1) ? months[time.month - 1] : "Jan"
        return "\(weekday), \(pad(time.day, 2)) \(month) \(pad(time.year, 4)) "
            + "\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2)) GMT"
    }

    /// The formatted date for `epochSeconds`, reformatted only when the second changes (http.md 11.3).
    package mutating func string(epochSeconds: Int64) -> String {
        if epochSeconds != cachedSecond {
            cachedSecond = epochSeconds
            cachedText = Self.format(epochSeconds: epochSeconds)
        }
        return cachedText
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
