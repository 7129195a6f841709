import Synchronization

/// Which namespace issued a session token or holds a recordID (bbb.md §2.1 rule 3 for `/html5client` and
/// `/playback`). `identifyNamespace` is synchronous and has no store access, so the provider remembers
/// what it issued; the most recently issued wins. After a restart on a file database the index is empty
/// and such requests fall back to `default` (documented decision).
final class BBBIndex: Sendable {
    private let tokens = Mutex<[String: String]>([:])
    private let recordings = Mutex<[String: String]>([:])

    init() {}

    func noteToken(_ token: String, namespace: String) { tokens.withLock { $0[token] = namespace } }

    func noteRecording(_ recordID: String, namespace: String) { recordings.withLock { $0[recordID] = namespace } }

    func namespace(forToken token: String) -> String? { tokens.withLock { $0[token] } }

    func namespace(forRecording recordID: String) -> String? { recordings.withLock { $0[recordID] } }
}
