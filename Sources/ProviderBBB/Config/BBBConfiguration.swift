import ConfemuCrypto
import ConfemuFormats

/// The stored `bbb` block of a namespace (bbb.md §2.2).
struct BBBConfiguration: Sendable {
    var key: String
    var secret: String
    var checksumAlgorithms: [HashAlgorithm]
    var attendeeOnJoin: Bool
    var meetingExpireIfNoUserJoinedInMinutes: Int
    var meetingExpireWhenLastUserLeftInMinutes: Int
    var recordingProcessingSeconds: Int

    static let settingNames = ["checksumAlgorithms", "attendeeOnJoin", "meetingExpireIfNoUserJoinedInMinutes",
                               "meetingExpireWhenLastUserLeftInMinutes", "recordingProcessingSeconds"]

    /// bbb.md §1: first path segments a key may not take.
    static let reservedKeys: Set<String> = ["ns", "bigbluebutton", "html5client", "playback", "api", "vpaas",
                                            "session", "archives", "webhooks", "_confemu"]

    /// Reads a stored configuration; missing fields take the defaults (never fails).
    init(_ json: JSONValue) {
        key = json["key"]?.stringValue ?? ""
        secret = json["secret"]?.stringValue ?? ""
        let names = json["checksumAlgorithms"]?.arrayValue?.compactMap { $0.stringValue } ?? []
        let algorithms = names.compactMap(HashAlgorithm.init(rawValue:))
        checksumAlgorithms = algorithms.isEmpty ? HashAlgorithm.allCases : algorithms
        attendeeOnJoin = json["attendeeOnJoin"]?.boolValue ?? false
        meetingExpireIfNoUserJoinedInMinutes = json["meetingExpireIfNoUserJoinedInMinutes"]?.intValue ?? 5
        meetingExpireWhenLastUserLeftInMinutes = json["meetingExpireWhenLastUserLeftInMinutes"]?.intValue ?? 1
        recordingProcessingSeconds = json["recordingProcessingSeconds"]?.intValue ?? 60
    }

    /// The stored form (and the settings part of the state export), without `baseURLs`.
    var json: JSONValue {
        .object([
            ("key", .string(key)),
            ("secret", .string(secret)),
            ("checksumAlgorithms", .array(checksumAlgorithms.map { .string($0.rawValue) })),
            ("attendeeOnJoin", .bool(attendeeOnJoin)),
            ("meetingExpireIfNoUserJoinedInMinutes", .integer(meetingExpireIfNoUserJoinedInMinutes)),
            ("meetingExpireWhenLastUserLeftInMinutes", .integer(meetingExpireWhenLastUserLeftInMinutes)),
            ("recordingProcessingSeconds", .integer(recordingProcessingSeconds)),
        ])
    }

    /// bbb.md §2.2: `{public-url}/{key}/api` then `{public-url}/bigbluebutton/api`.
    func baseURLs(publicURL: String) -> [String] {
        ["\(publicURL)/\(key)/api", "\(publicURL)/bigbluebutton/api"]
    }

    /// The namespace document block: the §2.2 order with `baseURLs` after `checksumAlgorithms`.
    func document(publicURL: String) -> JSONValue {
        .object([
            ("key", .string(key)),
            ("secret", .string(secret)),
            ("checksumAlgorithms", .array(checksumAlgorithms.map { .string($0.rawValue) })),
            ("baseURLs", .array(baseURLs(publicURL: publicURL).map { .string($0) })),
            ("attendeeOnJoin", .bool(attendeeOnJoin)),
            ("meetingExpireIfNoUserJoinedInMinutes", .integer(meetingExpireIfNoUserJoinedInMinutes)),
            ("meetingExpireWhenLastUserLeftInMinutes", .integer(meetingExpireWhenLastUserLeftInMinutes)),
            ("recordingProcessingSeconds", .integer(recordingProcessingSeconds)),
        ])
    }

    /// bbb.md §1: 1–64 characters from `A-Z a-z 0-9 _ -`, not starting with `_`, not reserved.
    static func isValidKey(_ key: String) -> Bool {
        guard (1...64).contains(key.utf8.count), !key.hasPrefix("_"), !reservedKeys.contains(key) else { return false }
        return key.utf8.allSatisfy { byte in
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x5F, 0x2D: true
            default: false
            }
        }
    }
}
