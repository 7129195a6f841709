extension XMLReader {
    package struct Attribute: Sendable, Equatable {
        package var name: String
        package var value: String

        package init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Character data (text, references and CDATA merged into one run) or a child element. Comments and
    /// processing instructions are not kept.
    package enum Node: Sendable, Equatable {
        case element(Element)
        case text(String)
    }

    /// One element of a parsed document. Names are kept as written, prefixes included (no namespace
    /// processing).
    package struct Element: Sendable, Equatable {
        package var name: String
        package var attributes: [Attribute]
        package var children: [Node]

        package init(name: String, attributes: [Attribute] = [], children: [Node] = []) {
            self.name = name
            self.attributes = attributes
            self.children = children
        }

        /// The value of the attribute `name` (attribute names are unique in a well-formed document).
        package func attribute(_ name: String) -> String? {
            attributes.first(where: { $0.name == name })?.value
        }

        /// The child elements in document order.
        package var elements: [Element] {
            children.compactMap { node in
                if case .element(let element) = node { return element }
                return nil
            }
        }

        package func elements(named name: String) -> [Element] { elements.filter { $0.name == name } }

        package func firstElement(named name: String) -> Element? {
            for case .element(let element) in children where element.name == name { return element }
            return nil
        }

        /// The direct character data of this element, concatenated (child elements' text is not included).
        package var text: String {
            children.reduce(into: "") { result, node in
                if case .text(let text) = node { result += text }
            }
        }
    }
}
