import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// The four emulated providers, by the names the control plane uses (control-plane.md §4).
package enum ProviderID: String, Sendable, Hashable, CaseIterable, Codable {
    case bbb
    case jitsiAdmin
    case videsk
    case proconf
}
