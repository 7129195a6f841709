import ConfemuEngine
import ConfemuFormats
import ConfemuStorage
import ConfemuSupport

extension BBBProvider {
    /// The namespace's current `bbb` configuration, read inside the transaction (clock events carry none).
    static func configuration(tx: TransactionContext) throws -> BBBConfiguration {
        let row = try tx.db.queryOne("SELECT configurations FROM namespaces WHERE name = ?", [.text(tx.namespace)])
        let stored = try row.map { try JSONValue(parsing: try $0.string("configurations")) }
        return BBBConfiguration(stored?["bbb"] ?? .object([]))
    }

    /// bbb.md §7: every event ends the meeting it names or publishes the recording.
    package func handle(_ event: ClockEvent, in transaction: TransactionContext) throws {
        let configuration = try Self.configuration(tx: transaction)
        switch event.kind {
        case BBBEvent.meetingExpired, BBBEvent.durationReached, BBBEvent.noModerator:
            guard let meetingID = event.payload["meetingID"]?.stringValue,
                  let meeting = try BBBStore.meeting(meetingID, tx: transaction, configuration: configuration),
                  meeting.internalMeetingID == event.key else { return }
            try MeetingLifecycle.end(meeting, configuration: configuration, index: index, tx: transaction)
        case BBBEvent.recordingPublished:
            guard var recording = try BBBStore.recording(event.key, tx: transaction, configuration: configuration),
                  recording.state == "processing" else { return }
            try MeetingLifecycle.publish(&recording, configuration: configuration, tx: transaction)
            try BBBStore.save(recording, tx: transaction)
        default:
            return
        }
    }

    /// bbb.md §9: meetings and recordings of the fixtures section, timers derived from them.
    package func applyFixtures(_ section: JSONValue?, configuration: JSONValue, in transaction: TransactionContext) throws {
        guard let section else { return }
        let settings = BBBConfiguration(configuration)
        do {
            for (position, item) in (section["meetings"]?.arrayValue ?? []).enumerated() {
                let defaults = MeetingDefaults(
                    nowMilliseconds: transaction.nowMilliseconds, configuration: settings,
                    password: { transaction.random { BBBIdentifiers.password(&$0) } },
                    voiceBridge: { transaction.random { BBBIdentifiers.voiceBridgeCandidate(&$0) } })
                let meeting = try Meeting(json: item, path: "bbb.meetings[\(position)]", defaults: defaults)
                if try BBBStore.meeting(meeting.meetingID, tx: transaction, configuration: settings) != nil {
                    throw BBBFixtureError("bbb.meetings[\(position)].meetingID: duplicate '\(meeting.meetingID)'")
                }
                try BBBStore.save(meeting, tx: transaction)
                try BBBStore.rememberCreateTime(meeting.meetingID, meeting.createTime, tx: transaction)
                try MeetingLifecycle.scheduleInitialTimers(meeting, tx: transaction)
            }
            for (position, item) in (section["recordings"]?.arrayValue ?? []).enumerated() {
                let recording = try Recording(json: item, path: "bbb.recordings[\(position)]",
                                              processingSeconds: settings.recordingProcessingSeconds)
                try BBBStore.save(recording, tx: transaction)
                index.noteRecording(recording.recordID, namespace: transaction.namespace)
                if recording.state == "processing", let readyAt = recording.readyAt {
                    try transaction.schedule(BBBEvent.recordingPublished, atMilliseconds: readyAt, key: recording.recordID,
                                             subject: ["meetingID": .string(recording.meetingID),
                                                       "internalMeetingID": .string(recording.recordID),
                                                       "recordID": .string(recording.recordID)],
                                             payload: ["recordID": .string(recording.recordID)])
                }
            }
        } catch let error as BBBFixtureError {
            throw NamespaceConfigurationError(error.message)
        }
    }

    /// bbb.md §9: the settings, then `meetings` and `recordings` with every field filled in.
    package func exportState(configuration: JSONValue, in transaction: TransactionContext) throws -> JSONValue {
        let settings = BBBConfiguration(configuration)
        var members = settings.json.objectValue ?? []
        members.append(("meetings", .array(try BBBStore.meetings(tx: transaction, configuration: settings).map(\.json))))
        members.append(("recordings", .array(try BBBStore.recordings(tx: transaction, configuration: settings).map(\.json))))
        return .object(members)
    }

    package func deleteState(in transaction: TransactionContext) throws {
        try BBBStore.deleteAll(tx: transaction)
    }
}
