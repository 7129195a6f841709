/// A problem in a fixtures or stored document, naming its JSON path.
struct BBBFixtureError: Error, Sendable {
    var message: String

    init(_ message: String) { self.message = message }
}
