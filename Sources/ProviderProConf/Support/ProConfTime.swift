import ConfemuSupport
import Foundation

/// Time helpers on the namespace clock (milliseconds since the epoch).
enum ProConfTime {
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func iso(_ milliseconds: Int64) -> String {
        Timestamp.rfc3339Milliseconds(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// §8.3: milliseconds truncated, rendered `.000Z`.
    static func isoWholeSeconds(_ milliseconds: Int64) -> String {
        iso(seconds(milliseconds) * 1000)
    }

    static func seconds(_ milliseconds: Int64) -> Int64 {
        milliseconds >= 0 ? milliseconds / 1000 : -((-milliseconds + 999) / 1000)
    }
}
