#if canImport(Glibc)
import Glibc
#endif

/// A failed socket call: the operation and its `errno` (or a resolver message).
package struct SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    package var operation: String
    package var code: Int32
    package var detail: String?

    package init(_ operation: String, code: Int32, detail: String? = nil) {
        self.operation = operation
        self.code = code
        self.detail = detail
    }

    /// Captures the current `errno`.
    package static func last(_ operation: String) -> SocketError {
        SocketError(operation, code: errno)
    }

    package var description: String {
        if let detail { return "\(operation) failed: \(detail)" }
        return "\(operation) failed: \(String(cString: strerror(code)))"
    }
}
