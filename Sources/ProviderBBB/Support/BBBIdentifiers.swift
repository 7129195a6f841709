import ConfemuCrypto
import ConfemuSupport

/// Derived identifiers and formats of bbb.md §4.3.
enum BBBIdentifiers {
    static let defaultDialNumber = "613-555-1234"

    /// `sha1hex(meetingID)-createTime`.
    static func internalMeetingID(_ meetingID: String, createTime: Int64) -> String {
        SHA1.hexDigest(meetingID) + "-" + String(createTime)
    }

    /// Java `Date.toString()` in UTC: `EEE MMM dd HH:mm:ss 'UTC' yyyy`.
    static func createDate(_ milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let civil = CivilTime(epochSeconds: seconds)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = days.indices.contains(civil.weekday) ? days[civil.weekday] : "Sun"
        let month = months.indices.contains(civil.month - 1) ? months[civil.month - 1] : "Jan"
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(day) \(month) \(two(civil.day)) \(two(civil.hour)):\(two(civil.minute)):\(two(civil.second)) UTC \(civil.year)"
    }

    static func password(_ rng: inout SeededRNG) -> String { RandomID.alphanumeric(8, using: &rng) }

    static func internalUserID(_ rng: inout SeededRNG) -> String { "w_" + RandomID.lowerAlphanumeric(12, using: &rng) }

    static func authToken(_ rng: inout SeededRNG) -> String { RandomID.lowerAlphanumeric(12, using: &rng) }

    static func sessionToken(_ rng: inout SeededRNG) -> String { RandomID.lowerAlphanumeric(16, using: &rng) }

    /// Five digits 10000–99999.
    static func voiceBridgeCandidate(_ rng: inout SeededRNG) -> String { String(10000 + Int(rng.next() % 90000)) }
}
