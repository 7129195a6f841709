import ConfemuCrypto

/// The `<modules>` body of create and insertDocument (bbb.md §5.2, §5.8).
enum ModulesDocument {
    /// The presentation documents in order; nil when the body is not a well-formed `<modules>` document.
    static func presentationDocuments(_ body: [UInt8]) -> [MeetingDocument]? {
        guard let root = XMLReader.parse(body), root.name == "modules" else { return nil }
        var documents: [MeetingDocument] = []
        for module in root.children where module.name == "module" && module.attribute("name") == "presentation" {
            for element in module.children where element.name == "document" {
                var document = MeetingDocument()
                if let name = element.attribute("name") {
                    document.name = name
                    let text = element.text.filter { !$0.isWhitespace }
                    document.bytes = Base64.decode(text, ignoringWhitespace: true)?.count ?? 0
                } else {
                    document.url = element.attribute("url")
                    document.filename = element.attribute("filename")
                }
                document.downloadable = element.attribute("downloadable").map { $0.lowercased() == "true" }
                document.removable = element.attribute("removable").map { $0.lowercased() == "true" }
                document.current = element.attribute("current").map { $0.lowercased() == "true" }
                documents.append(document)
            }
        }
        return documents
    }
}
