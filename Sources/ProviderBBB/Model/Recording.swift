import ConfemuFormats

/// A recording (bbb.md §9.2); stored as this JSON document.
struct Recording: Sendable {
    var recordID: String
    var meetingID: String
    var name: String
    var state: String
    var startTime: Int64
    var endTime: Int64
    var participants: Int
    var metadata: [(key: String, value: String)]
    var readyAt: Int64?
    var rawSize: Int64
    var size: Int64

    static let states = ["processing", "processed", "published", "unpublished", "deleted"]

    /// bbb.md §5.9: 8000 × whole seconds raw, 2000 × whole seconds for the presentation format.
    static func sizes(startTime: Int64, endTime: Int64) -> (raw: Int64, size: Int64) {
        let seconds = max(0, (endTime - startTime) / 1000)
        return (8000 * seconds, 2000 * seconds)
    }

    var json: JSONValue {
        .object([
            ("recordID", .string(recordID)),
            ("meetingID", .string(meetingID)),
            ("name", .string(name)),
            ("state", .string(state)),
            ("startTime", .integer(startTime)),
            ("endTime", .integer(endTime)),
            ("participants", .integer(participants)),
            ("metadata", BBBJSON.object(metadata)),
            ("readyAt", readyAt.map { .integer($0) } ?? .null),
            ("rawSize", .integer(rawSize)),
            ("size", .integer(size)),
        ])
    }

    init(recordID: String, meetingID: String, name: String, state: String, startTime: Int64, endTime: Int64,
         participants: Int, metadata: [(key: String, value: String)], readyAt: Int64?) {
        self.recordID = recordID
        self.meetingID = meetingID
        self.name = name
        self.state = state
        self.startTime = startTime
        self.endTime = endTime
        self.participants = participants
        self.metadata = Recording.withLeadingMetadata(metadata, meetingName: name, meetingID: meetingID)
        self.readyAt = readyAt
        let sizes = Recording.sizes(startTime: startTime, endTime: endTime)
        rawSize = sizes.raw
        size = sizes.size
    }

    /// bbb.md §9.2: `isBreakout`, `meetingName`, `meetingId` are added in front when absent.
    static func withLeadingMetadata(_ metadata: [(key: String, value: String)], meetingName: String,
                                    meetingID: String) -> [(key: String, value: String)] {
        var front: [(key: String, value: String)] = []
        for (key, value) in [("isBreakout", "false"), ("meetingName", meetingName), ("meetingId", meetingID)]
            where !metadata.contains(where: { $0.key == key }) {
            front.append((key, value))
        }
        return front + metadata
    }

    /// Parses a fixture or stored recording with the §9.2 defaults.
    init(json: JSONValue, path: String, processingSeconds: Int) throws(BBBFixtureError) {
        guard json.isObject else { throw BBBFixtureError("\(path): must be an object") }
        guard let meetingID = json["meetingID"]?.stringValue, !meetingID.isEmpty else {
            throw BBBFixtureError("\(path).meetingID: required")
        }
        guard let name = json["name"]?.stringValue, !name.isEmpty else { throw BBBFixtureError("\(path).name: required") }
        guard let startTime = json["startTime"]?.int64Value else { throw BBBFixtureError("\(path).startTime: required") }
        guard let endTime = json["endTime"]?.int64Value else { throw BBBFixtureError("\(path).endTime: required") }
        let state = json["state"]?.stringValue ?? "published"
        guard Recording.states.contains(state) else {
            throw BBBFixtureError("\(path).state: must be one of \(Recording.states.joined(separator: ", "))")
        }
        let recordID = json["recordID"]?.stringValue
            ?? BBBIdentifiers.internalMeetingID(meetingID, createTime: startTime)
        var readyAt: Int64?
        if state == "processing" {
            readyAt = json["readyAt"]?.int64Value ?? endTime + Int64(processingSeconds) * 1000
        }
        self.init(recordID: recordID, meetingID: meetingID, name: name, state: state, startTime: startTime,
                  endTime: endTime, participants: json["participants"]?.intValue ?? 0,
                  metadata: BBBJSON.stringPairs(json["metadata"]), readyAt: readyAt)
        if let raw = json["rawSize"]?.int64Value { rawSize = raw }
        if let size = json["size"]?.int64Value { self.size = size }
    }
}
