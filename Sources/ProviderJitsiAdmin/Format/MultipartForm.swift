/// The text fields of a `multipart/form-data` body (jitsi-admin.md §1.1: file parts are ignored).
enum MultipartForm {
    static func textFields(body: [UInt8], contentType: String) -> [String: String?] {
        guard let boundary = boundary(contentType) else { return [:] }
        let delimiter = Array(("--" + boundary).utf8)
        var result: [String: String?] = [:]
        var parts: [ArraySlice<UInt8>] = []
        var positions: [Int] = []
        var index = 0
        while let found = find(delimiter, in: body, from: index) {
            positions.append(found)
            index = found + delimiter.count
        }
        guard positions.count >= 2 else { return [:] }
        for pair in zip(positions, positions.dropFirst()) {
            var start = pair.0 + delimiter.count
            if start + 1 < body.count, body[start] == 0x0D, body[start + 1] == 0x0A { start += 2 }
            var end = pair.1
            if end >= 2, body[end - 2] == 0x0D, body[end - 1] == 0x0A { end -= 2 }
            if start <= end { parts.append(body[start..<end]) }
        }
        for part in parts {
            let bytes = Array(part)
            guard let split = find([0x0D, 0x0A, 0x0D, 0x0A], in: bytes, from: 0) else { continue }
            let headerText = String(decoding: bytes[..<split], as: UTF8.self)
            let content = Array(bytes[(split + 4)...])
            var name: String?
            var isFile = false
            for line in headerText.split(separator: "\r\n") {
                let lower = line.lowercased()
                guard lower.hasPrefix("content-disposition:") else { continue }
                name = parameter("name", in: String(line))
                isFile = parameter("filename", in: String(line)) != nil
            }
            guard let name, !isFile,
                  let key = PHPParameters.normalizeName(Array(name.utf8)) else { continue }
            switch key {
            case .plain(let plain): result[plain] = .some(String(decoding: content, as: UTF8.self))
            case .array(let base): result[base] = .some(nil)
            }
        }
        return result
    }

    private static func parameter(_ name: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let trimmed = StartParser.trimASCII(String(piece))
            guard let equals = trimmed.firstIndex(of: "=") else { continue }
            guard trimmed[..<equals].lowercased() == name else { continue }
            var value = String(trimmed[trimmed.index(after: equals)...])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    private static func boundary(_ contentType: String) -> String? {
        for piece in contentType.split(separator: ";").dropFirst() {
            let trimmed = StartParser.trimASCII(String(piece))
            if trimmed.lowercased().hasPrefix("boundary=") {
                var value = String(trimmed.dropFirst(9))
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }
}
