/// A catalogue error raised inside a call handler (bbb.md §12), rendered by `handleAPI`.
struct BBBFailure: Error, Sendable {
    var key: String
    var meetingID: String = ""

    init(_ key: String, meetingID: String = "") {
        self.key = key
        self.meetingID = meetingID
    }
}
