import ConfemuFormats

/// A live meeting (bbb.md §9.1); stored as this JSON document.
struct Meeting: Sendable {
    var meetingID: String
    var name: String
    var internalMeetingID: String
    var createTime: Int64
    var attendeePW: String
    var moderatorPW: String
    var voiceBridge: String
    var dialNumber: String
    var welcome: String?
    var logoutURL: String?
    var meetingEndedURL: String?
    var duration: Int
    var maxParticipants: Int
    var record: Bool
    var autoStartRecording: Bool
    var recordingMarks: Bool
    /// Recording switched on by the control plane (bbb.md §6.2); not part of BBB's answers.
    var recording: Bool
    var endWhenNoModerator: Bool
    var endWhenNoModeratorDelayInMinutes: Int
    var guestPolicy: String
    var meetingExpireIfNoUserJoinedInMinutes: Int
    var meetingExpireWhenLastUserLeftInMinutes: Int
    var disabledFeatures: [String]
    var metadata: [(key: String, value: String)]
    var params: [(key: String, value: String)]
    var hasUserJoined: Bool
    var startTime: Int64
    var endTime: Int64
    var attendees: [Attendee]
    var joinedUserIDs: [String]
    var documents: [MeetingDocument]

    static let guestPolicies = ["ALWAYS_ACCEPT", "ALWAYS_DENY", "ASK_MODERATOR", "ALWAYS_ACCEPT_AUTH"]

    var moderatorCount: Int { attendees.filter(\.isModerator).count }

    var json: JSONValue {
        .object([
            ("meetingID", .string(meetingID)),
            ("name", .string(name)),
            ("internalMeetingID", .string(internalMeetingID)),
            ("createTime", .integer(createTime)),
            ("attendeePW", .string(attendeePW)),
            ("moderatorPW", .string(moderatorPW)),
            ("voiceBridge", .string(voiceBridge)),
            ("dialNumber", .string(dialNumber)),
            ("welcome", BBBJSON.optionalString(welcome)),
            ("logoutURL", BBBJSON.optionalString(logoutURL)),
            ("meetingEndedURL", BBBJSON.optionalString(meetingEndedURL)),
            ("duration", .integer(duration)),
            ("maxParticipants", .integer(maxParticipants)),
            ("record", .bool(record)),
            ("autoStartRecording", .bool(autoStartRecording)),
            ("recordingMarks", .bool(recordingMarks)),
            ("recording", .bool(recording)),
            ("endWhenNoModerator", .bool(endWhenNoModerator)),
            ("endWhenNoModeratorDelayInMinutes", .integer(endWhenNoModeratorDelayInMinutes)),
            ("guestPolicy", .string(guestPolicy)),
            ("meetingExpireIfNoUserJoinedInMinutes", .integer(meetingExpireIfNoUserJoinedInMinutes)),
            ("meetingExpireWhenLastUserLeftInMinutes", .integer(meetingExpireWhenLastUserLeftInMinutes)),
            ("disabledFeatures", .array(disabledFeatures.map { .string($0) })),
            ("metadata", BBBJSON.object(metadata)),
            ("params", BBBJSON.object(params)),
            ("hasUserJoined", .bool(hasUserJoined)),
            ("startTime", .integer(startTime)),
            ("endTime", .integer(endTime)),
            ("attendees", .array(attendees.map(\.json))),
            ("joinedUserIDs", .array(joinedUserIDs.map { .string($0) })),
            ("documents", .array(documents.map(\.json))),
        ])
    }
}

/// What loading a meeting document fills in for absent fields (bbb.md §9.1).
struct MeetingDefaults {
    var nowMilliseconds: Int64
    var configuration: BBBConfiguration
    var password: () -> String
    var voiceBridge: () -> String
}

extension Meeting {
    /// Parses a fixture or stored meeting; absent fields get the §9.1 defaults.
    init(json: JSONValue, path: String, defaults: MeetingDefaults) throws(BBBFixtureError) {
        guard json.isObject else { throw BBBFixtureError("\(path): must be an object") }
        guard let meetingID = json["meetingID"]?.stringValue, !meetingID.isEmpty else {
            throw BBBFixtureError("\(path).meetingID: required")
        }
        guard let name = json["name"]?.stringValue, !name.isEmpty else {
            throw BBBFixtureError("\(path).name: required")
        }
        func string(_ key: String) throws(BBBFixtureError) -> String? {
            guard let value = json[key], !value.isNull else { return nil }
            guard let text = value.stringValue else { throw BBBFixtureError("\(path).\(key): must be a string") }
            return text
        }
        func int(_ key: String, _ fallback: Int) throws(BBBFixtureError) -> Int {
            guard let value = json[key], !value.isNull else { return fallback }
            guard let number = value.intValue else { throw BBBFixtureError("\(path).\(key): must be an integer") }
            return number
        }
        func int64(_ key: String, _ fallback: Int64) throws(BBBFixtureError) -> Int64 {
            guard let value = json[key], !value.isNull else { return fallback }
            guard let number = value.int64Value else { throw BBBFixtureError("\(path).\(key): must be an integer") }
            return number
        }
        func bool(_ key: String, _ fallback: Bool) throws(BBBFixtureError) -> Bool {
            guard let value = json[key], !value.isNull else { return fallback }
            guard let flag = value.boolValue else { throw BBBFixtureError("\(path).\(key): must be a boolean") }
            return flag
        }
        self.meetingID = meetingID
        self.name = name
        createTime = try int64("createTime", defaults.nowMilliseconds)
        internalMeetingID = BBBIdentifiers.internalMeetingID(meetingID, createTime: createTime)
        attendeePW = try string("attendeePW") ?? defaults.password()
        moderatorPW = try string("moderatorPW") ?? defaults.password()
        voiceBridge = try string("voiceBridge") ?? defaults.voiceBridge()
        dialNumber = try string("dialNumber") ?? BBBIdentifiers.defaultDialNumber
        welcome = try string("welcome")
        logoutURL = try string("logoutURL")
        meetingEndedURL = try string("meetingEndedURL")
        duration = try int("duration", 0)
        maxParticipants = try int("maxParticipants", 0)
        record = try bool("record", false)
        autoStartRecording = try bool("autoStartRecording", false)
        recordingMarks = try bool("recordingMarks", false)
        recording = try bool("recording", false)
        endWhenNoModerator = try bool("endWhenNoModerator", false)
        endWhenNoModeratorDelayInMinutes = try int("endWhenNoModeratorDelayInMinutes", 1)
        let policy = try string("guestPolicy") ?? "ALWAYS_ACCEPT"
        guard Meeting.guestPolicies.contains(policy) else {
            throw BBBFixtureError("\(path).guestPolicy: must be one of \(Meeting.guestPolicies.joined(separator: ", "))")
        }
        guestPolicy = policy
        meetingExpireIfNoUserJoinedInMinutes = try int(
            "meetingExpireIfNoUserJoinedInMinutes", defaults.configuration.meetingExpireIfNoUserJoinedInMinutes)
        meetingExpireWhenLastUserLeftInMinutes = try int(
            "meetingExpireWhenLastUserLeftInMinutes", defaults.configuration.meetingExpireWhenLastUserLeftInMinutes)
        disabledFeatures = json["disabledFeatures"]?.arrayValue?.compactMap { $0.stringValue } ?? []
        // bbb.md §9.1: metadata keys are lower-cased on load, order kept.
        var metadata: [(key: String, value: String)] = []
        for pair in BBBJSON.stringPairs(json["metadata"]) where !metadata.contains(where: { $0.key == pair.key.lowercased() }) {
            metadata.append((pair.key.lowercased(), pair.value))
        }
        self.metadata = metadata
        params = BBBJSON.stringPairs(json["params"])
        var attendees: [Attendee] = []
        for (index, item) in (json["attendees"]?.arrayValue ?? []).enumerated() {
            attendees.append(try Attendee(json: item, path: "\(path).attendees[\(index)]"))
        }
        // bbb.md §5.5 presenter rule: the first moderator presents when a fixture names no presenter.
        if !attendees.contains(where: \.isPresenter), let first = attendees.firstIndex(where: \.isModerator) {
            attendees[first].isPresenter = true
        }
        self.attendees = attendees
        hasUserJoined = try bool("hasUserJoined", !attendees.isEmpty)
        startTime = try int64("startTime", createTime)
        endTime = try int64("endTime", 0)
        var joined = json["joinedUserIDs"]?.arrayValue?.compactMap { $0.stringValue } ?? []
        for attendee in attendees where !joined.contains(attendee.userID) { joined.append(attendee.userID) }
        joinedUserIDs = joined
        documents = (json["documents"]?.arrayValue ?? []).map { MeetingDocument(json: $0) }
    }
}
