import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// A clock event that fired, as `clock/advance` lists it (control-plane.md §12).
package struct FiredEvent: Sendable {
    package var name: String
    package var atMilliseconds: Int64
    package var subject: JSONValue

    package init(name: String, atMilliseconds: Int64, subject: JSONValue) {
        self.name = name
        self.atMilliseconds = atMilliseconds
        self.subject = subject
    }
}
