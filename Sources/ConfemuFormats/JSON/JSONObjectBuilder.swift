/// Writes an object's members in the order written, with `if`, `if let`, `switch` and `for` for members that
/// depend on state:
///
///     let body = JSONValue.makeObject {
///         ("error", false)
///         ("uid", room.uid)
///         if let hint { ("hint", hint) }
///     }
///
/// A repeated key keeps its first position and its last value.
@resultBuilder
package enum JSONObjectBuilder {
    package static func buildExpression(_ member: (String, JSONValue)) -> [JSONMember] { [(member.0, member.1)] }

    package static func buildExpression(_ member: (String, String)) -> [JSONMember] {
        [(member.0, .string(member.1))]
    }

    package static func buildExpression(_ member: (String, Int)) -> [JSONMember] {
        [(member.0, .integer(member.1))]
    }

    package static func buildExpression(_ member: (String, Int64)) -> [JSONMember] {
        [(member.0, .integer(member.1))]
    }

    package static func buildExpression(_ member: (String, Bool)) -> [JSONMember] {
        [(member.0, .bool(member.1))]
    }

    package static func buildExpression(_ member: (String, Double)) -> [JSONMember] {
        [(member.0, .double(member.1))]
    }

    /// Splices members built elsewhere.
    package static func buildExpression(_ members: [JSONMember]) -> [JSONMember] { members }

    package static func buildBlock(_ parts: [JSONMember]...) -> [JSONMember] { parts.flatMap { $0 } }

    package static func buildOptional(_ part: [JSONMember]?) -> [JSONMember] { part ?? [] }

    package static func buildEither(first part: [JSONMember]) -> [JSONMember] { part }

    package static func buildEither(second part: [JSONMember]) -> [JSONMember] { part }

    package static func buildArray(_ parts: [[JSONMember]]) -> [JSONMember] { parts.flatMap { $0 } }

    package static func buildLimitedAvailability(_ part: [JSONMember]) -> [JSONMember] { part }
}

extension JSONValue {
    /// An object whose members are written with `JSONObjectBuilder`.
    package static func makeObject(@JSONObjectBuilder _ members: () -> [JSONMember]) -> JSONValue {
        .object(deduplicated(members()))
    }
}
