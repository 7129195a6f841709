/// Operation names of bbb.md §1.1, each written once.
enum BBBOperation {
    static let index = "index"
    static let create = "create"
    static let join = "join"
    static let isMeetingRunning = "isMeetingRunning"
    static let getMeetingInfo = "getMeetingInfo"
    static let getMeetings = "getMeetings"
    static let end = "end"
    static let insertDocument = "insertDocument"
    static let getRecordings = "getRecordings"
    static let publishRecordings = "publishRecordings"
    static let updateRecordings = "updateRecordings"
    static let deleteRecordings = "deleteRecordings"
    static let unsupported = "unsupported"
    static let clientJoin = "clientJoin"
    static let guestWait = "guestWait"
    static let clientLeave = "clientLeave"
    static let playback = "playback"

    /// The calls that have their own path segment (bbb.md §1.1), in table order.
    static let calls = [create, join, isMeetingRunning, getMeetingInfo, getMeetings, end, insertDocument,
                        getRecordings, publishRecordings, updateRecordings, deleteRecordings]

    static let all = [index] + calls + [unsupported, clientJoin, guestWait, clientLeave, playback]

    /// bbb.md §3.3 "meeting calls".
    static let meetingCalls: Set<String> = [create, join, end, isMeetingRunning, getMeetingInfo, getMeetings,
                                            insertDocument]
    /// bbb.md §3.3 "recording calls".
    static let recordingCalls: Set<String> = [getRecordings, publishRecordings, updateRecordings, deleteRecordings]
}
