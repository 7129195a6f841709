/// A parsed XML element: name, attributes in document order, child elements and concatenated text.
struct XMLElement: Sendable {
    var name: String
    var attributes: [(name: String, value: String)]
    var children: [XMLElement]
    var text: String

    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
}
