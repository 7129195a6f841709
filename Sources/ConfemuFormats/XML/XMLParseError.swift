/// Why an XML document was rejected, and the byte offset where the reader stopped.
package struct XMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String
    package var byteOffset: Int

    package init(_ message: String, at byteOffset: Int) {
        self.message = message
        self.byteOffset = byteOffset
    }

    package var description: String { "\(message) at byte \(byteOffset)" }
}
