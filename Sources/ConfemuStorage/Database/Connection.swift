import CSQLite

/// The `sqlite3*` shared by a Database and its Statements. Once closed, `handle` is nil and every Statement
/// refuses to run, so a statement kept past `close()` throws instead of touching a closed connection.
final class Connection {
    private(set) var handle: OpaquePointer?
    let path: String

    init(_ handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
    }

    var isClosed: Bool { handle == nil }

    /// `sqlite3_close_v2`: statements still alive (finalized in their deinit) keep a zombie connection until
    /// they go, instead of making the close fail with SQLITE_BUSY.
    func close() -> Int32 {
        guard let handle else { return SQLITE_OK }
        self.handle = nil
        return sqlite3_close_v2(handle)
    }

    deinit {
        if let handle {
            sqlite3_close_v2(handle)
        }
    }
}
