import ConfemuEngine
import ProviderProConf
import ProviderBBB
import ProviderJitsiAdmin
import ProviderVidesk
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// The providers confemu serves, in the order of the namespace document. Nothing else in the code
/// base knows their concrete types (architecture.md §5).
package enum ProviderCatalog {
    package static var all: [any Provider] { [BBBProvider(), JitsiAdminProvider(), VideskProvider(), ProConfProvider()] }
}
