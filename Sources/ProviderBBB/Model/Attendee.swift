import ConfemuFormats

/// A user present in a meeting (bbb.md §6.2 attendee object).
struct Attendee: Sendable {
    var userID: String
    var fullName: String
    var role: String
    var isPresenter: Bool
    var isListeningOnly: Bool
    var hasJoinedVoice: Bool
    var hasVideo: Bool
    var customdata: [(key: String, value: String)]

    var isModerator: Bool { role == "MODERATOR" }

    var json: JSONValue {
        .object([
            ("userID", .string(userID)),
            ("fullName", .string(fullName)),
            ("role", .string(role)),
            ("isPresenter", .bool(isPresenter)),
            ("isListeningOnly", .bool(isListeningOnly)),
            ("hasJoinedVoice", .bool(hasJoinedVoice)),
            ("hasVideo", .bool(hasVideo)),
            ("clientType", .string("HTML5")),
            ("customdata", .object(customdata.map { ($0.key, .string($0.value)) })),
        ])
    }

    init(userID: String, fullName: String, role: String, isPresenter: Bool = false, isListeningOnly: Bool = false,
         hasJoinedVoice: Bool = false, hasVideo: Bool = false, customdata: [(key: String, value: String)] = []) {
        self.userID = userID
        self.fullName = fullName
        self.role = role
        self.isPresenter = isPresenter
        self.isListeningOnly = isListeningOnly
        self.hasJoinedVoice = hasJoinedVoice
        self.hasVideo = hasVideo
        self.customdata = customdata
    }

    /// Parses a stored or fixture attendee; `path` names the JSON path in problems.
    init(json: JSONValue, path: String) throws(BBBFixtureError) {
        guard json.isObject else { throw BBBFixtureError("\(path): must be an object") }
        guard let fullName = json["fullName"]?.stringValue, !fullName.isEmpty else {
            throw BBBFixtureError("\(path).fullName: required")
        }
        let role = (json["role"]?.stringValue ?? "VIEWER").uppercased()
        guard role == "MODERATOR" || role == "VIEWER" else {
            throw BBBFixtureError("\(path).role: must be MODERATOR or VIEWER")
        }
        guard let userID = json["userID"]?.stringValue, !userID.isEmpty else {
            throw BBBFixtureError("\(path).userID: required")
        }
        self.init(userID: userID, fullName: fullName, role: role,
                  isPresenter: json["isPresenter"]?.boolValue ?? false,
                  isListeningOnly: json["isListeningOnly"]?.boolValue ?? false,
                  hasJoinedVoice: json["hasJoinedVoice"]?.boolValue ?? false,
                  hasVideo: json["hasVideo"]?.boolValue ?? false,
                  customdata: BBBJSON.stringPairs(json["customdata"]))
    }
}
