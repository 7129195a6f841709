/// Clock event and outbox event names of bbb.md §7 and §8.3, each written once.
enum BBBEvent {
    static let meetingExpired = "bbb.meeting.expired"
    static let durationReached = "bbb.meeting.durationReached"
    static let noModerator = "bbb.meeting.noModerator"
    static let recordingPublished = "bbb.recording.published"

    static let callbackMeetingEnded = "bbb.callback.meetingEnded"
    static let callbackMeetingEndedURL = "bbb.callback.meetingEndedURL"
    static let callbackRecordingReady = "bbb.callback.recordingReady"

    static let reasonNoUserJoined = "noUserJoined"
    static let reasonLastUserLeft = "lastUserLeft"

    static let kinds = [meetingExpired, durationReached, noModerator, recordingPublished]
}
