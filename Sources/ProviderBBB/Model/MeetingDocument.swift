import ConfemuFormats

/// A presentation document stored on a meeting (bbb.md §9.1 `documents`).
struct MeetingDocument: Sendable {
    var url: String?
    var filename: String?
    var name: String?
    var bytes: Int?
    var downloadable: Bool?
    var removable: Bool?
    var current: Bool?

    var json: JSONValue {
        .object([
            ("url", BBBJSON.optionalString(url)),
            ("filename", BBBJSON.optionalString(filename)),
            ("name", BBBJSON.optionalString(name)),
            ("bytes", bytes.map { .integer($0) } ?? .null),
            ("downloadable", downloadable.map { .bool($0) } ?? .null),
            ("removable", removable.map { .bool($0) } ?? .null),
            ("current", current.map { .bool($0) } ?? .null),
        ])
    }

    init(url: String? = nil, filename: String? = nil, name: String? = nil, bytes: Int? = nil,
         downloadable: Bool? = nil, removable: Bool? = nil, current: Bool? = nil) {
        self.url = url
        self.filename = filename
        self.name = name
        self.bytes = bytes
        self.downloadable = downloadable
        self.removable = removable
        self.current = current
    }

    init(json: JSONValue) {
        self.init(url: json["url"]?.stringValue, filename: json["filename"]?.stringValue,
                  name: json["name"]?.stringValue, bytes: json["bytes"]?.intValue,
                  downloadable: json["downloadable"]?.boolValue, removable: json["removable"]?.boolValue,
                  current: json["current"]?.boolValue)
    }
}
