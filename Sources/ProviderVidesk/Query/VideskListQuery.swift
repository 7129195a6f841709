import ConfemuEngine
import ConfemuFormats

/// `GET /vpaas/rooms` parameters with the Feathers query syntax (videsk.md §9.1).
struct VideskListQuery {
    enum FieldValue: Equatable {
        case bool(Bool)
        case number(Int64)
        case text(String)

        func compare(_ other: FieldValue) -> Int? {
            switch (self, other) {
            case let (.bool(a), .bool(b)): a == b ? 0 : (!a ? -1 : 1)
            case let (.number(a), .number(b)): a == b ? 0 : (a < b ? -1 : 1)
            case let (.text(a), .text(b)): a == b ? 0 : (a < b ? -1 : 1)
            default: nil
            }
        }
    }

    struct FieldTest {
        var field: String
        var op: String
        var values: [FieldValue]
    }

    indirect enum Condition {
        case test(FieldTest)
        case any([[Condition]])
        case all([[Condition]])
    }

    static let fields = ["id", "externalId", "name", "ended", "nbf", "exp", "createdAt", "updatedAt"]
    static let operators = ["$in", "$nin", "$ne", "$lt", "$lte", "$gt", "$gte"]

    var limit = 10
    var skip = 0
    var sort: [(field: String, direction: Int)] = []
    var lastSortDirection: Int?
    var selection: [String]?
    var conditions: [Condition] = []

    init(rawQuery: String) throws {
        for (key, node) in QSNode.parse(rawQuery) {
            switch key {
            case "$limit":
                // videsk.md §9.1: parseInt, absolute value, default 10, max 100, 0 = count only.
                limit = Self.parseInt(node).map { min(100, abs($0)) } ?? 10
            case "$skip":
                skip = Self.parseInt(node).map { abs($0) } ?? 0
            case "$sort":
                try parseSort(node)
            case "$select":
                switch node {
                case .leaf(let name): selection = [name]
                case .list(let items): selection = items.compactMap { if case .leaf(let name) = $0 { name } else { nil } }
                case .map(let members): selection = members.compactMap { if case .leaf(let name) = $0.value { name } else { nil } }
                }
            case "$or", "$and":
                let groups = try Self.groups(node, key: key)
                conditions.append(key == "$or" ? .any(groups) : .all(groups))
            default:
                if key.hasPrefix("$") {
                    throw VideskCatalogue.error(VideskErrorKey.invalidFilter, message: "Invalid filter value \(key)")
                }
                if let condition = try Self.condition(key, node) { conditions.append(condition) }
            }
        }
    }

    /// JavaScript `parseInt(v, 10)` of a leaf (first element of an array).
    static func parseInt(_ node: QSNode) -> Int? {
        switch node {
        case .leaf(let text): return parseInt(text)
        case .list(let items): return items.first.flatMap(parseInt)
        case .map: return nil
        }
    }

    static func parseInt(_ text: String) -> Int? {
        var scalars = Substring(text).drop(while: { $0.isWhitespace })
        var negative = false
        if scalars.first == "-" || scalars.first == "+" {
            negative = scalars.first == "-"
            scalars = scalars.dropFirst()
        }
        let digits = scalars.prefix(while: { $0.isASCII && $0.isNumber }).prefix(15)
        guard let value = Int(digits) else { return nil }
        return negative ? -value : value
    }

    mutating func parseSort(_ node: QSNode) throws {
        let invalid = ProviderError(VideskErrorKey.invalidSort)
        var entries: [(String, Int?)] = []
        switch node {
        case .leaf(let text):
            guard let object = try? JSONValue(parsing: text), let members = object.objectValue else { throw invalid }
            entries = members.map { member in
                switch member.value {
                case .number(let number): (member.key, number.isInteger ? number.intValue : nil)
                case .string(let value): (member.key, Self.parseInt(value))
                default: (member.key, nil)
                }
            }
        case .map(let members):
            entries = members.map { ($0.key, Self.parseInt($0.value)) }
        case .list:
            throw invalid
        }
        for (field, direction) in entries {
            guard let direction, direction == 1 || direction == -1 else { throw invalid }
            let name = field == "_id" ? "id" : field
            lastSortDirection = direction
            // Unknown sort fields are accepted and have no effect.
            if Self.fields.contains(name) { sort.append((name, direction)) }
        }
    }

    static func groups(_ node: QSNode, key: String) throws -> [[Condition]] {
        let items: [QSNode]
        switch node {
        case .list(let list): items = list
        case .map(let members): items = members.map(\.value)
        case .leaf: items = []
        }
        return try items.map { item in
            guard case .map(let members) = item else { return [] }
            return try members.compactMap { member in
                if member.key == "$or" || member.key == "$and" {
                    let nested = try groups(member.value, key: member.key)
                    return member.key == "$or" ? .any(nested) : .all(nested)
                }
                if member.key.hasPrefix("$") {
                    throw VideskCatalogue.error(VideskErrorKey.invalidFilter,
                                                message: "Invalid filter value \(member.key)")
                }
                return try condition(member.key, member.value)
            }
        }
    }

    /// A field condition; nil for keys that are no room field (ignored, Mongoose `strictQuery`).
    static func condition(_ key: String, _ node: QSNode) throws -> Condition? {
        let field = key == "_id" ? "id" : key
        guard fields.contains(field) else { return nil }
        switch node {
        case .leaf(let text):
            return .test(FieldTest(field: field, op: "$eq", values: [try cast(field, text)]))
        case .list(let items):
            return .test(FieldTest(field: field, op: "$in", values: try items.map { try cast(field, $0) }))
        case .map(let members):
            var tests: [Condition] = []
            for member in members {
                guard operators.contains(member.key) else {
                    if member.key.hasPrefix("$") {
                        throw VideskCatalogue.error(VideskErrorKey.invalidQueryParameter,
                                                    message: "Invalid query parameter \(member.key)", data: node.json)
                    }
                    throw castFailure(field, node.json)
                }
                let values: [FieldValue]
                if member.key == "$in" || member.key == "$nin" {
                    guard case .list(let items) = member.value else {
                        throw VideskCatalogue.error(VideskErrorKey.operatorNeedsArray,
                                                    message: "\(member.key) needs an array")
                    }
                    values = try items.map { try cast(field, $0) }
                } else {
                    values = [try cast(field, member.value)]
                }
                tests.append(.test(FieldTest(field: field, op: member.key, values: values)))
            }
            return .all([tests])
        }
    }

    static func cast(_ field: String, _ node: QSNode) throws -> FieldValue {
        guard case .leaf(let text) = node else { throw castFailure(field, node.json) }
        return try cast(field, text)
    }

    static func castFailure(_ field: String, _ value: JSONValue) -> ProviderError {
        let kind: String
        var path = field
        switch field {
        case "ended": kind = "Boolean"
        case "nbf", "exp", "createdAt", "updatedAt": kind = "date"
        case "id":
            kind = "ObjectId"
            path = "_id"
        default: kind = "string"
        }
        return VideskCast.castError(kind, value, path: path, model: true)
    }

    static func cast(_ field: String, _ text: String) throws -> FieldValue {
        switch field {
        case "ended":
            if ["true", "1", "yes"].contains(text) { return .bool(true) }
            if ["false", "0", "no"].contains(text) { return .bool(false) }
        case "nbf", "exp", "createdAt", "updatedAt":
            if let millis = VideskDate.parse(query: text) { return .number(millis) }
        case "id":
            if text.utf8.count == 24, text.utf8.allSatisfy(VideskRoomStore.isHex) { return .text(text.lowercased()) }
        default:
            return .text(text)
        }
        throw castFailure(field, .string(text))
    }

    static func value(_ room: VideskRoom, _ field: String) -> FieldValue {
        switch field {
        case "id": .text(room.id)
        case "externalId": .text(room.externalId)
        case "name": .text(room.name)
        case "ended": .bool(room.ended)
        case "nbf": .number(room.nbf)
        case "exp": .number(room.exp)
        case "createdAt": .number(room.createdAt)
        default: .number(room.updatedAt)
        }
    }

    static func matches(_ room: VideskRoom, _ condition: Condition) -> Bool {
        switch condition {
        case .all(let groups): return groups.allSatisfy { group in group.allSatisfy { matches(room, $0) } }
        case .any(let groups): return groups.contains { group in group.allSatisfy { matches(room, $0) } }
        case .test(let test):
            let actual = value(room, test.field)
            switch test.op {
            case "$eq", "$in": return test.values.contains(actual)
            case "$nin": return !test.values.contains(actual)
            case "$ne": return !test.values.contains(actual)
            default:
                guard let expected = test.values.first, let order = actual.compare(expected) else { return false }
                switch test.op {
                case "$lt": return order < 0
                case "$lte": return order <= 0
                case "$gt": return order > 0
                default: return order >= 0
                }
            }
        }
    }

    /// Filters and orders (creation order; with `$sort`, ties by creation order in the last key's direction).
    func apply(to rooms: [VideskRoom]) -> [VideskRoom] {
        let matching = rooms.filter { room in conditions.allSatisfy { Self.matches(room, $0) } }
        guard let lastDirection = lastSortDirection else { return matching }
        return matching.sorted { left, right in
            for (field, direction) in sort {
                if let order = Self.value(left, field).compare(Self.value(right, field)), order != 0 {
                    return direction > 0 ? order < 0 : order > 0
                }
            }
            return lastDirection > 0 ? left.sequence < right.sequence : left.sequence > right.sequence
        }
    }

    /// `$select`: `id` plus the named keys, in rendered order.
    func select(_ rendered: JSONValue) -> JSONValue {
        guard let selection, let members = rendered.objectValue else { return rendered }
        return .object(members.filter { $0.key == "id" || selection.contains($0.key) })
    }
}
