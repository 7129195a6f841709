import ConfemuHTTP

/// Request parameters as PHP and Symfony read them (jitsi-admin.md §1.1): the route placeholder, then
/// the query string, then a form body; last duplicate wins; `.` and space in names become `_`; a name
/// with brackets is an array value, which counts as missing.
struct PHPParameters: Sendable {
    /// nil value = array-valued (missing).
    private(set) var query: [String: String?] = [:]
    private(set) var body: [String: String?] = [:]
    var route: [String: String] = [:]
    /// Whether the body was JSON (diagnostic B1).
    private(set) var jsonBody = false

    init(request: HTTPRequest, route: [String: String] = [:]) {
        self.route = route
        query = Self.decode(Array((request.rawQuery ?? "").utf8))
        let contentType = (request.headers.first("Content-Type") ?? "").lowercased()
        let mediaType = StartParser.trimASCII(String(contentType.split(separator: ";", maxSplits: 1,
                                                                       omittingEmptySubsequences: false)
                                                         .first ?? ""))
        jsonBody = mediaType == "application/json" || mediaType.hasSuffix("+json")
        switch request.method {
        case .POST:
            if mediaType == "application/x-www-form-urlencoded" {
                body = Self.decode(request.body)
            } else if mediaType == "multipart/form-data" {
                body = MultipartForm.textFields(body: request.body, contentType: request.headers.first("Content-Type") ?? "")
            }
        case .PUT, .DELETE:
            if mediaType == "application/x-www-form-urlencoded" { body = Self.decode(request.body) }
        default:
            break
        }
    }

    /// The value of `name`, first hit wins (route, query, body); nil when missing or array-valued.
    subscript(name: String) -> String? {
        if let value = route[name] { return value }
        if let entry = query[name] { return entry }
        if let entry = body[name] { return entry }
        return nil
    }

    /// Whether `name` is present (array values do not count).
    func has(_ name: String) -> Bool { self[name] != nil }

    /// Every plain parameter merged, for fault `match.params` (jitsi-admin.md §12).
    var merged: [String: String] {
        var all: [String: String] = [:]
        for (name, value) in body { if let value { all[name] = value } else { all[name] = nil } }
        for (name, value) in query { if let value { all[name] = value } else { all[name] = nil } }
        for (name, value) in route { all[name] = value }
        return all
    }

    /// `application/x-www-form-urlencoded` / query decoding as PHP's `php_default_treat_data`.
    static func decode(_ raw: [UInt8]) -> [String: String?] {
        var result: [String: String?] = [:]
        for piece in raw.split(separator: 0x26, omittingEmptySubsequences: true) {
            let name: ArraySlice<UInt8>
            let value: ArraySlice<UInt8>
            if let equals = piece.firstIndex(of: 0x3D) {
                name = piece[piece.startIndex..<equals]
                value = piece[piece.index(after: equals)...]
            } else {
                name = piece
                value = []
            }
            let decodedName = urldecode(name)
            guard let key = normalizeName(decodedName) else { continue }
            switch key {
            case .plain(let plain): result[plain] = .some(String(decoding: urldecode(value), as: UTF8.self))
            case .array(let base): result[base] = .some(nil)
            }
        }
        return result
    }

    enum Name: Equatable {
        case plain(String)
        case array(String)
    }

    /// PHP's variable-name mangling: leading spaces dropped, `.` and space → `_`, cut at NUL; `a[...]`
    /// is an array; an unmatched `[` becomes `_` (and stops further mangling).
    static func normalizeName(_ bytes: [UInt8]) -> Name? {
        var bytes = bytes
        if let nul = bytes.firstIndex(of: 0) { bytes = Array(bytes[..<nul]) }
        while bytes.first == 0x20 { bytes.removeFirst() }
        guard !bytes.isEmpty else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x5B {
                if index > 0, bytes[(index + 1)...].contains(0x5D) {
                    return .array(String(decoding: out, as: UTF8.self))
                }
                if index == 0, bytes[(index + 1)...].contains(0x5D) { return nil }
                out.append(0x5F)
                out.append(contentsOf: bytes[(index + 1)...])
                return .plain(String(decoding: out, as: UTF8.self))
            }
            out.append(byte == 0x2E || byte == 0x20 ? 0x5F : byte)
            index += 1
        }
        return .plain(String(decoding: out, as: UTF8.self))
    }

    /// PHP `urldecode`: `+` → space, valid `%XX` decoded, anything else kept.
    static func urldecode(_ raw: some Collection<UInt8>) -> [UInt8] {
        let bytes = Array(raw)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x2B {
                out.append(0x20)
            } else if byte == 0x25, index + 2 < bytes.count, let high = hex(bytes[index + 1]),
                      let low = hex(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
