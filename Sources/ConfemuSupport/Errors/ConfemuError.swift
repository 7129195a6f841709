/// A start-up or configuration error with a one-line, readable message (control-plane.md §1: exit 2).
package struct ConfemuError: Error, Sendable, CustomStringConvertible, Equatable {
    package var message: String

    package init(_ message: String) { self.message = message }

    package var description: String { message }
}
