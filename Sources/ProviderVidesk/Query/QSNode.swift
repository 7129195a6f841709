import ConfemuFormats

/// A query string parsed the way Express 4's extended (`qs`) parser does (videsk.md §9.1): `a[b]=v` nests
/// (depth 5), `a[]=v` and `a[0]=v` build arrays (indices above 20 stay object keys), repeated keys build
/// arrays, at most 1000 parameters.
indirect enum QSNode: Sendable {
    case leaf(String)
    case list([QSNode])
    case map([(key: String, value: QSNode)])

    static func parse(_ rawQuery: String) -> [(key: String, value: QSNode)] {
        var root: [(key: String, value: QSNode)] = []
        for (name, value) in FormDecoding.decode(rawQuery).prefix(1000) {
            let path = keyPath(name)
            guard let first = path.first, !first.isEmpty else { continue }
            insert(into: &root, path: path[...], value: value)
        }
        return root.map { ($0.key, $0.value.normalised) }
    }

    /// `a[b][c]` → `["a", "b", "c"]`; beyond depth 5 the rest is one literal key.
    static func keyPath(_ name: String) -> [String] {
        guard let open = name.firstIndex(of: "["), open != name.startIndex else { return [name] }
        var path = [String(name[..<open])]
        var rest = name[open...]
        var depth = 0
        while rest.first == "[", let close = rest.firstIndex(of: "]"), depth < 5 {
            path.append(String(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...]
            depth += 1
        }
        if !rest.isEmpty { path.append(String(rest)) }
        return path
    }

    static func insert(into members: inout [(key: String, value: QSNode)], path: ArraySlice<String>, value: String) {
        guard let key = path.first else { return }
        let rest = path.dropFirst()
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = members[index].value.inserting(path: rest, value: value)
        } else {
            members.append((key, QSNode.build(path: rest, value: value)))
        }
    }

    static func build(path: ArraySlice<String>, value: String) -> QSNode {
        guard let key = path.first else { return .leaf(value) }
        if key.isEmpty { return .list([build(path: path.dropFirst(), value: value)]) }
        return .map([(key, build(path: path.dropFirst(), value: value))])
    }

    func inserting(path: ArraySlice<String>, value: String) -> QSNode {
        guard let key = path.first else {
            switch self {
            case .list(let items): return .list(items + [.leaf(value)])
            case .leaf: return .list([self, .leaf(value)])
            case .map: return self
            }
        }
        switch self {
        case .map(var members):
            if key.isEmpty {
                members.append((String(members.count), QSNode.build(path: path.dropFirst(), value: value)))
            } else {
                QSNode.insert(into: &members, path: path, value: value)
            }
            return .map(members)
        case .list(var items):
            if key.isEmpty {
                items.append(QSNode.build(path: path.dropFirst(), value: value))
                return .list(items)
            }
            var members = items.enumerated().map { (key: String($0.offset), value: $0.element) }
            QSNode.insert(into: &members, path: path, value: value)
            return .map(members)
        case .leaf:
            // qs merges a scalar and an object into an array; keep the nested form.
            return .list([self, QSNode.build(path: path, value: value)])
        }
    }

    /// Maps whose keys are all indices 0 … 20 become arrays in index order.
    var normalised: QSNode {
        switch self {
        case .leaf: return self
        case .list(let items): return .list(items.map(\.normalised))
        case .map(let members):
            let normalisedMembers = members.map { (key: $0.key, value: $0.value.normalised) }
            let indices = normalisedMembers.compactMap { member -> Int? in
                guard !member.key.isEmpty, member.key.allSatisfy(\.isASCII), member.key.allSatisfy(\.isNumber),
                      member.key.count <= 2, let index = Int(member.key), index <= 20 else { return nil }
                return index
            }
            if !normalisedMembers.isEmpty, indices.count == normalisedMembers.count {
                return .list(zip(indices, normalisedMembers).sorted { $0.0 < $1.0 }.map(\.1.value))
            }
            return .map(normalisedMembers)
        }
    }

    /// The node as JSON (strings, arrays, objects), for `data` and cast messages.
    var json: JSONValue {
        switch self {
        case .leaf(let text): .string(text)
        case .list(let items): .array(items.map(\.json))
        case .map(let members): .object(members.map { ($0.key, $0.value.json) })
        }
    }
}
