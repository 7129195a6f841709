import ConfemuFormats

/// Small JSON helpers shared by the models.
enum BBBJSON {
    /// An object of scalar values as ordered string pairs (non-strings written as their JSON text).
    static func stringPairs(_ value: JSONValue?) -> [(key: String, value: String)] {
        guard let members = value?.objectValue else { return [] }
        return members.map { member in
            switch member.value {
            case .string(let text): (member.key, text)
            case .null: (member.key, "")
            default: (member.key, member.value.jsonString())
            }
        }
    }

    static func object(_ pairs: [(key: String, value: String)]) -> JSONValue {
        .object(pairs.map { ($0.key, .string($0.value)) })
    }

    static func optionalString(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
}
