import ConfemuEngine
import Foundation
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport

extension BBBProvider {
    /// Parameters create consumes itself; every other one is kept in `params` (bbb.md §5.2).
    static let createParameterNames: Set<String> = [
        "name", "meetingID", "attendeePW", "moderatorPW", "voiceBridge", "dialNumber", "welcome", "logoutURL",
        "maxParticipants", "duration", "record", "autoStartRecording", "allowStartStopRecording", "guestPolicy",
        "meetingExpireIfNoUserJoinedInMinutes", "meetingExpireWhenLastUserLeftInMinutes", "endWhenNoModerator",
        "endWhenNoModeratorDelayInMinutes", "meetingEndedURL", "disabledFeatures", "checksum",
    ]

    /// bbb.md §5.2.
    func create(_ parameters: BBBParameters, _ request: ProviderRequest, _ configuration: BBBConfiguration)
        async throws -> HTTPResponse {
        // Checks in order; the meetingID is checked unsanitised.
        let rawMeetingID = parameters.raw("meetingID")
        let meetingID = try Self.checkMeetingID(rawMeetingID)
        guard meetingID == BBBParameters.sanitise(meetingID) else { throw BBBFailure(BBBErrorKey.invalidMeetingID) }
        guard let name = parameters.nonEmpty("name") else { throw BBBFailure(BBBErrorKey.missingMeetingName) }
        guard (2...256).contains(name.count) else { throw BBBFailure(BBBErrorKey.meetingNameSize) }
        let voiceBridge = parameters.nonEmpty("voiceBridge")
        if let voiceBridge, !Self.isIntegral(voiceBridge) { throw BBBFailure(BBBErrorKey.voiceBridgeNotIntegral) }
        if case .some(.none) = parameters.strictBool("record") { throw BBBFailure(BBBErrorKey.recordNotBoolean) }

        // The `<modules>` body (bbb.md §5.2).
        var parsedDocuments: [MeetingDocument] = []
        let disabled = (parameters["disabledFeatures"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if BBBParameters.isXMLPost(request.http), !request.http.body.isEmpty {
            if let parsed = ModulesDocument.presentationDocuments(request.http.body) {
                if !disabled.contains("presentation") { parsedDocuments = parsed }
            } else {
                request.context.diagnose("create: body is not a <modules> document; ignored")
            }
        }
        let params: [(key: String, value: String)] = parameters.distinct
            .filter { !Self.createParameterNames.contains($0.name) && !$0.name.hasPrefix("meta_") }
            .map { ($0.name, $0.value) }
        let documents = parsedDocuments
        let metadata = parameters.metadata
        let policy = parameters["guestPolicy"].flatMap { Meeting.guestPolicies.contains($0) ? $0 : nil } ?? "ALWAYS_ACCEPT"
        let outcome: (meeting: Meeting, duplicate: Bool) = try await request.context.write { tx in
            if let existing = try BBBStore.meeting(meetingID, tx: tx, configuration: configuration) {
                let attendeePW = parameters.nonEmpty("attendeePW")
                let moderatorPW = parameters.nonEmpty("moderatorPW")
                let same = attendeePW == existing.attendeePW && moderatorPW == existing.moderatorPW
                guard same || (attendeePW == nil && moderatorPW == nil) else { throw BBBFailure(BBBErrorKey.idNotUnique) }
                return (existing, true)
            }
            if let voiceBridge, try BBBStore.voiceBridgeInUse(voiceBridge, tx: tx) {
                throw BBBFailure(BBBErrorKey.nonUniqueVoiceBridge)
            }
            let createTime = try BBBStore.nextCreateTime(meetingID, tx: tx)
            var bridge = voiceBridge ?? ""
            if voiceBridge == nil {
                for _ in 0..<1000 {
                    bridge = tx.random { BBBIdentifiers.voiceBridgeCandidate(&$0) }
                    if try !BBBStore.voiceBridgeInUse(bridge, tx: tx) { break }
                }
            }
            let attendeePW = parameters.nonEmpty("attendeePW") ?? tx.random { BBBIdentifiers.password(&$0) }
            let moderatorPW = parameters.nonEmpty("moderatorPW") ?? tx.random { BBBIdentifiers.password(&$0) }
            let meeting = Meeting(
                meetingID: meetingID, name: name,
                internalMeetingID: BBBIdentifiers.internalMeetingID(meetingID, createTime: createTime),
                createTime: createTime, attendeePW: attendeePW, moderatorPW: moderatorPW, voiceBridge: bridge,
                dialNumber: parameters.nonEmpty("dialNumber") ?? BBBIdentifiers.defaultDialNumber,
                welcome: parameters["welcome"], logoutURL: parameters.nonEmpty("logoutURL"),
                meetingEndedURL: parameters.nonEmpty("meetingEndedURL"),
                duration: parameters.int("duration") ?? 0, maxParticipants: parameters.int("maxParticipants") ?? 0,
                record: parameters.lenientBool("record"), autoStartRecording: parameters.lenientBool("autoStartRecording"),
                recordingMarks: false, recording: false,
                endWhenNoModerator: parameters.lenientBool("endWhenNoModerator"),
                endWhenNoModeratorDelayInMinutes: parameters.int("endWhenNoModeratorDelayInMinutes") ?? 1,
                guestPolicy: policy,
                meetingExpireIfNoUserJoinedInMinutes: parameters.int("meetingExpireIfNoUserJoinedInMinutes")
                    ?? configuration.meetingExpireIfNoUserJoinedInMinutes,
                meetingExpireWhenLastUserLeftInMinutes: parameters.int("meetingExpireWhenLastUserLeftInMinutes")
                    ?? configuration.meetingExpireWhenLastUserLeftInMinutes,
                disabledFeatures: disabled, metadata: metadata, params: params, hasUserJoined: false,
                startTime: createTime, endTime: 0, attendees: [], joinedUserIDs: [], documents: documents)
            try BBBStore.save(meeting, tx: tx)
            try MeetingLifecycle.scheduleInitialTimers(meeting, tx: tx)
            return (meeting, false)
        }
        let meeting = outcome.meeting
        return BBBResponse.xml(XMLBuilder.response { xml in
            xml.element("returncode", "SUCCESS")
            xml.element("meetingID", meeting.meetingID)
            xml.element("internalMeetingID", meeting.internalMeetingID)
            xml.element("parentMeetingID", "bbb-none")
            xml.element("attendeePW", meeting.attendeePW)
            xml.element("moderatorPW", meeting.moderatorPW)
            xml.element("createTime", meeting.createTime)
            xml.element("voiceBridge", meeting.voiceBridge)
            xml.element("dialNumber", meeting.dialNumber)
            xml.element("createDate", BBBIdentifiers.createDate(meeting.createTime))
            xml.element("hasUserJoined", meeting.hasUserJoined)
            xml.element("duration", meeting.duration)
            xml.element("hasBeenForciblyEnded", false)
            xml.element("messageKey", outcome.duplicate ? "duplicateWarning" : "")
            xml.element("message", outcome.duplicate
                ? "This conference was already in existence and may currently be in progress." : "")
        })
    }

    /// `-?[0-9]+`.
    static func isIntegral(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// bbb.md §5.4.
    func isMeetingRunning(_ parameters: BBBParameters, _ request: ProviderRequest,
                          _ configuration: BBBConfiguration) async throws -> HTTPResponse {
        let meetingID = try Self.checkMeetingID(parameters["meetingID"])
        let running = try await request.context.read { tx in
            try BBBStore.meeting(meetingID, tx: tx, configuration: configuration).map { !$0.attendees.isEmpty } ?? false
        }
        return BBBResponse.xml(XMLBuilder.response { xml in
            xml.element("returncode", "SUCCESS")
            xml.element("running", running)
        })
    }

    /// bbb.md §5.5.
    func getMeetingInfo(_ parameters: BBBParameters, _ request: ProviderRequest,
                        _ configuration: BBBConfiguration) async throws -> HTTPResponse {
        let meetingID = try Self.checkMeetingID(parameters["meetingID"])
        guard let meeting = try await request.context.read({ tx in
            try BBBStore.meeting(meetingID, tx: tx, configuration: configuration)
        }) else { throw BBBFailure(BBBErrorKey.notFound) }
        return BBBResponse.xml(XMLBuilder.response { xml in
            xml.element("returncode", "SUCCESS")
            Self.writeMeeting(meeting, into: &xml)
        })
    }

    /// bbb.md §5.6.
    func getMeetings(_ request: ProviderRequest, _ configuration: BBBConfiguration) async throws -> HTTPResponse {
        let meetings = try await request.context.read { tx in try BBBStore.meetings(tx: tx, configuration: configuration) }
        return BBBResponse.xml(XMLBuilder.response { xml in
            xml.element("returncode", "SUCCESS")
            if meetings.isEmpty {
                xml.raw("<meetings/>")
                xml.element("messageKey", "noMeetings")
                xml.element("message", "no meetings were found on this server")
            } else {
                xml.wrap("meetings") { list in
                    for meeting in meetings {
                        list.wrap("meeting") { Self.writeMeeting(meeting, into: &$0) }
                    }
                }
            }
        })
    }

    /// The children of getMeetingInfo from `meetingName` to `isBreakout` (bbb.md §5.5).
    static func writeMeeting(_ meeting: Meeting, into xml: inout XMLBuilder) {
        xml.element("meetingName", meeting.name)
        xml.element("meetingID", meeting.meetingID)
        xml.element("internalMeetingID", meeting.internalMeetingID)
        xml.element("createTime", meeting.createTime)
        xml.element("createDate", BBBIdentifiers.createDate(meeting.createTime))
        xml.element("voiceBridge", meeting.voiceBridge)
        xml.element("dialNumber", meeting.dialNumber)
        xml.element("attendeePW", meeting.attendeePW)
        xml.element("moderatorPW", meeting.moderatorPW)
        xml.element("running", !meeting.attendees.isEmpty)
        xml.element("duration", meeting.duration)
        xml.element("hasUserJoined", meeting.hasUserJoined)
        xml.element("recording", meeting.record)
        xml.element("hasBeenForciblyEnded", false)
        xml.element("startTime", meeting.startTime)
        xml.element("endTime", meeting.endTime)
        xml.element("participantCount", meeting.attendees.count)
        xml.element("listenerCount", meeting.attendees.filter(\.isListeningOnly).count)
        xml.element("voiceParticipantCount", meeting.attendees.filter(\.hasJoinedVoice).count)
        xml.element("videoCount", meeting.attendees.filter(\.hasVideo).count)
        xml.element("maxUsers", meeting.maxParticipants)
        xml.element("moderatorCount", meeting.moderatorCount)
        xml.wrap("attendees") { list in
            for attendee in meeting.attendees {
                list.wrap("attendee") { item in
                    item.element("userID", attendee.userID)
                    item.element("fullName", attendee.fullName)
                    item.element("role", attendee.role)
                    item.element("isPresenter", attendee.isPresenter)
                    item.element("isListeningOnly", attendee.isListeningOnly)
                    item.element("hasJoinedVoice", attendee.hasJoinedVoice)
                    item.element("hasVideo", attendee.hasVideo)
                    item.element("clientType", "HTML5")
                    if !attendee.customdata.isEmpty {
                        item.wrap("customdata") { data in
                            for (key, value) in attendee.customdata { data.element(key, value) }
                        }
                    }
                }
            }
        }
        xml.wrap("metadata") { data in
            for (key, value) in meeting.metadata { data.element(key, value) }
        }
        xml.element("isBreakout", false)
    }

    /// bbb.md §5.7: end processing runs synchronously before the answer.
    func end(_ parameters: BBBParameters, _ request: ProviderRequest, _ configuration: BBBConfiguration)
        async throws -> HTTPResponse {
        let meetingID = try Self.checkMeetingID(parameters["meetingID"])
        let password = parameters.nonEmpty("password")
        let index = self.index
        try await request.context.write { tx in
            guard let meeting = try BBBStore.meeting(meetingID, tx: tx, configuration: configuration) else {
                throw BBBFailure(BBBErrorKey.notFound)
            }
            if let password, password != meeting.moderatorPW { throw BBBFailure(BBBErrorKey.invalidPasswordEnd) }
            try MeetingLifecycle.end(meeting, configuration: configuration, index: index, tx: tx)
        }
        return BBBResponse.xml(XMLBuilder.response { xml in
            xml.element("returncode", "SUCCESS")
            xml.element("messageKey", "sentEndMeetingRequest")
            xml.element("message", "A request to end the meeting was sent.  Please wait a few seconds, and then use the getMeetingInfo or isMeetingRunning API calls to verify that it was ended.")
        })
    }

    /// bbb.md §5.8.
    func insertDocument(_ parameters: BBBParameters, _ request: ProviderRequest,
                        _ configuration: BBBConfiguration) async throws -> HTTPResponse {
        let meetingID = try Self.checkMeetingID(parameters["meetingID"])
        let body = request.http.body
        try await request.context.write { tx in
            guard var meeting = try BBBStore.meeting(meetingID, tx: tx, configuration: configuration) else {
                throw BBBFailure(BBBErrorKey.insertDocumentNotFound, meetingID: meetingID)
            }
            if meeting.disabledFeatures.contains("presentation") { throw BBBFailure(BBBErrorKey.presentationDisabled) }
            guard let documents = ModulesDocument.presentationDocuments(body), !documents.isEmpty else {
                throw BBBFailure(BBBErrorKey.noPresentationDocument)
            }
            meeting.documents += documents
            try BBBStore.save(meeting, tx: tx)
        }
        return BBBResponse.xml(XMLBuilder.response { xml in
            xml.element("returncode", "SUCCESS")
            xml.element("message", "Presentation is being uploaded")
        })
    }
}
