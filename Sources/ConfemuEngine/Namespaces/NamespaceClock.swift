import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// A namespace's virtual clock: real time plus an offset, optionally frozen (control-plane.md §6).
/// All values are milliseconds so that stored state compares exactly.
package struct NamespaceClock: Sendable, Equatable {
    package var offsetMilliseconds: Int64
    /// The virtual time at which the clock stands still, nil while it runs.
    package var frozenAtMilliseconds: Int64?

    package init(offsetMilliseconds: Int64 = 0, frozenAtMilliseconds: Int64? = nil) {
        self.offsetMilliseconds = offsetMilliseconds
        self.frozenAtMilliseconds = frozenAtMilliseconds
    }

    package var isFrozen: Bool { frozenAtMilliseconds != nil }

    package func nowMilliseconds(real: Date) -> Int64 {
        frozenAtMilliseconds ?? (Self.milliseconds(real) + offsetMilliseconds)
    }

    package func now(real: Date) -> Date { Self.date(nowMilliseconds(real: real)) }

    /// Moves virtual time forward by `milliseconds` (frozen or not).
    package mutating func advance(milliseconds: Int64) {
        if let frozen = frozenAtMilliseconds {
            frozenAtMilliseconds = frozen + milliseconds
        } else {
            offsetMilliseconds += milliseconds
        }
    }

    /// Jumps to `target` (forward or backward).
    package mutating func set(_ targetMilliseconds: Int64, real: Date) {
        if frozenAtMilliseconds != nil {
            frozenAtMilliseconds = targetMilliseconds
        } else {
            offsetMilliseconds = targetMilliseconds - Self.milliseconds(real)
        }
    }

    package mutating func freeze(real: Date) {
        guard frozenAtMilliseconds == nil else { return }
        frozenAtMilliseconds = nowMilliseconds(real: real)
    }

    package mutating func resume(real: Date) {
        guard let frozen = frozenAtMilliseconds else { return }
        offsetMilliseconds = frozen - Self.milliseconds(real)
        frozenAtMilliseconds = nil
    }

    /// Whole seconds of offset, as the namespace document shows it.
    package func offsetSeconds(real: Date) -> Int64 {
        (nowMilliseconds(real: real) - Self.milliseconds(real)) / 1000
    }

    package static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    package static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
