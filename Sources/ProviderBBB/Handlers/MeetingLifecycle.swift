import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats

/// Entry, leave and end processing on the namespace clock (bbb.md §6.1, §7, §8).
enum MeetingLifecycle {
    static func subject(_ meeting: Meeting, reason: String? = nil) -> JSONValue {
        var members: [JSONMember] = [("meetingID", .string(meeting.meetingID)),
                                     ("internalMeetingID", .string(meeting.internalMeetingID))]
        if let reason { members.append(("reason", .string(reason))) }
        return .object(members)
    }

    /// Timers of a new meeting (or one loaded from fixtures, bbb.md §9.1 "derived on load").
    static func scheduleInitialTimers(_ meeting: Meeting, tx: TransactionContext) throws {
        let key = meeting.internalMeetingID
        if !meeting.hasUserJoined {
            try tx.schedule(BBBEvent.meetingExpired,
                            atMilliseconds: meeting.createTime + Int64(meeting.meetingExpireIfNoUserJoinedInMinutes) * 60_000,
                            key: key, subject: subject(meeting, reason: BBBEvent.reasonNoUserJoined),
                            payload: ["meetingID": .string(meeting.meetingID)])
        } else if meeting.attendees.isEmpty, meeting.meetingExpireWhenLastUserLeftInMinutes > 0 {
            let left = meeting.endTime > 0 ? meeting.endTime : tx.nowMilliseconds
            try tx.schedule(BBBEvent.meetingExpired,
                            atMilliseconds: left + Int64(meeting.meetingExpireWhenLastUserLeftInMinutes) * 60_000,
                            key: key, subject: subject(meeting, reason: BBBEvent.reasonLastUserLeft),
                            payload: ["meetingID": .string(meeting.meetingID)])
        }
        if meeting.duration > 0 {
            try tx.schedule(BBBEvent.durationReached, atMilliseconds: meeting.createTime + Int64(meeting.duration) * 60_000,
                            key: key, subject: subject(meeting), payload: ["meetingID": .string(meeting.meetingID)])
        }
        try updateNoModeratorTimer(meeting, tx: tx)
    }

    /// bbb.md §7 `bbb.meeting.noModerator`: pending while attendees are present without a moderator.
    static func updateNoModeratorTimer(_ meeting: Meeting, tx: TransactionContext) throws {
        guard meeting.endWhenNoModerator else { return }
        if meeting.attendees.isEmpty || meeting.moderatorCount > 0 {
            try tx.cancel(BBBEvent.noModerator, key: meeting.internalMeetingID)
        } else if try tx.pendingEvent(BBBEvent.noModerator, key: meeting.internalMeetingID) == nil {
            try tx.schedule(BBBEvent.noModerator,
                            atMilliseconds: tx.nowMilliseconds + Int64(meeting.endWhenNoModeratorDelayInMinutes) * 60_000,
                            key: meeting.internalMeetingID, subject: subject(meeting),
                            payload: ["meetingID": .string(meeting.meetingID)])
        }
    }

    /// bbb.md §6.1 "On entry".
    static func enter(_ attendee: Attendee, into meeting: inout Meeting, tx: TransactionContext) throws {
        var attendee = attendee
        // bbb.md §5.5: an entering MODERATOR becomes presenter when nobody is.
        attendee.isPresenter = attendee.isModerator && !meeting.attendees.contains(where: \.isPresenter)
        meeting.attendees.append(attendee)
        meeting.hasUserJoined = true
        meeting.endTime = 0
        if !meeting.joinedUserIDs.contains(attendee.userID) { meeting.joinedUserIDs.append(attendee.userID) }
        try tx.cancel(BBBEvent.meetingExpired, key: meeting.internalMeetingID)
        if meeting.record, meeting.autoStartRecording { meeting.recordingMarks = true }
        try updateNoModeratorTimer(meeting, tx: tx)
    }

    /// bbb.md §6.1: one attendee leaves; returns false when the user was not present.
    @discardableResult
    static func leave(_ userID: String, from meeting: inout Meeting, tx: TransactionContext) throws -> Bool {
        guard let position = meeting.attendees.firstIndex(where: { $0.userID == userID }) else { return false }
        let left = meeting.attendees.remove(at: position)
        // bbb.md §5.5: the earliest-entered remaining MODERATOR takes over the presenter role.
        if left.isPresenter, let next = meeting.attendees.firstIndex(where: \.isModerator) {
            meeting.attendees[next].isPresenter = true
        }
        if meeting.attendees.isEmpty {
            meeting.endTime = tx.nowMilliseconds
            if meeting.meetingExpireWhenLastUserLeftInMinutes > 0 {
                try tx.schedule(BBBEvent.meetingExpired,
                                atMilliseconds: tx.nowMilliseconds + Int64(meeting.meetingExpireWhenLastUserLeftInMinutes) * 60_000,
                                key: meeting.internalMeetingID, subject: subject(meeting, reason: BBBEvent.reasonLastUserLeft),
                                payload: ["meetingID": .string(meeting.meetingID)])
            }
        }
        try updateNoModeratorTimer(meeting, tx: tx)
        return true
    }

    /// bbb.md §7.1 end processing; returns the recording created, if any.
    @discardableResult
    static func end(_ meeting: Meeting, configuration: BBBConfiguration, index: BBBIndex,
                    tx: TransactionContext) throws -> Recording? {
        var meeting = meeting
        try tx.cancelAll(key: meeting.internalMeetingID)
        // 1. Every attendee leaves; sessions die with the meeting (they name its internal ID).
        meeting.attendees = []
        meeting.endTime = tx.nowMilliseconds
        // 2. Recording.
        var created: Recording?
        if meeting.record, meeting.recordingMarks {
            let processing = Int64(configuration.recordingProcessingSeconds) * 1000
            var recording = Recording(recordID: meeting.internalMeetingID, meetingID: meeting.meetingID,
                                      name: meeting.name, state: "processing", startTime: meeting.createTime,
                                      endTime: meeting.endTime, participants: meeting.joinedUserIDs.count,
                                      metadata: meeting.metadata, readyAt: meeting.endTime + processing)
            index.noteRecording(recording.recordID, namespace: tx.namespace)
            if processing == 0 {
                try publish(&recording, configuration: configuration, tx: tx)
            } else {
                try tx.schedule(BBBEvent.recordingPublished, atMilliseconds: meeting.endTime + processing,
                                key: recording.recordID,
                                subject: ["meetingID": .string(meeting.meetingID),
                                          "internalMeetingID": .string(meeting.internalMeetingID),
                                          "recordID": .string(recording.recordID)],
                                payload: ["recordID": .string(recording.recordID)])
            }
            try BBBStore.save(recording, tx: tx)
            created = recording
        }
        // 3. Callbacks (bbb.md §8.3).
        if let url = meeting.metadata.first(where: { $0.key == "endcallbackurl" })?.value, !url.isEmpty {
            let separator = url.contains("?") ? "&" : "?"
            let query = "recordingmarks=\(meeting.recordingMarks ? "true" : "false")&meetingID="
                + FormDecoding.percentEncode(meeting.meetingID, spaceAsPlus: true)
            try tx.enqueue(.callback(event: BBBEvent.callbackMeetingEnded, url: url + separator + query, method: "GET"))
        }
        if let url = meeting.meetingEndedURL, !url.isEmpty {
            try tx.enqueue(.callback(event: BBBEvent.callbackMeetingEndedURL, url: url, method: "GET"))
        }
        // 4. Removed; its createTime stays remembered in bbb_create_times.
        try BBBStore.deleteMeeting(meeting.meetingID, tx: tx)
        return created
    }

    /// Processing done: `published` and the recording-ready callback (bbb.md §8.1, §8.3).
    static func publish(_ recording: inout Recording, configuration: BBBConfiguration, tx: TransactionContext) throws {
        recording.state = "published"
        recording.readyAt = nil
        guard let url = recording.metadata.first(where: { $0.key == "bbb-recording-ready-url" })?.value, !url.isEmpty
        else { return }
        let header = Array(#"{"typ":"JWT","alg":"HS256"}"#.utf8)
        let payload = "{\"meeting_id\":\(JSONWriter.standard.quoted(recording.meetingID)),\"record_id\":\(JSONWriter.standard.quoted(recording.recordID))}"
        let token = JWT.sign(header: header, payload: Array(payload.utf8), secret: configuration.secret)
        try tx.enqueue(.callback(event: BBBEvent.callbackRecordingReady, url: url, method: "POST",
                                 headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                 body: "signed_parameters=" + token))
    }
}
