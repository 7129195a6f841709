import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

extension BBBProvider {
    static func commaList(_ value: String?) -> [String] {
        (value ?? "").split(separator: ",").map { BBBParameters.sanitise(String($0)) }.filter { !$0.isEmpty }
    }

    /// bbb.md §5.9 `meta_<k>` patterns: `%x`, `x%`, `%x%`, else equality.
    static func metaMatches(_ value: String, pattern: String) -> Bool {
        let leading = pattern.hasPrefix("%")
        let trailing = pattern.hasSuffix("%") && pattern.count > 1
        var core = Substring(pattern)
        if leading { core = core.dropFirst() }
        if trailing, !core.isEmpty { core = core.dropLast() }
        switch (leading, trailing) {
        case (true, true): return core.isEmpty || value.contains(core)
        case (true, false): return value.hasSuffix(core)
        case (false, true): return value.hasPrefix(core)
        case (false, false): return value == pattern
        }
    }

    /// bbb.md §5.9.
    func getRecordings(_ parameters: BBBParameters, _ request: ProviderRequest,
                       _ configuration: BBBConfiguration) async throws -> HTTPResponse {
        let all = try await request.context.read { tx in try BBBStore.recordings(tx: tx, configuration: configuration) }
        let recordIDs = Self.commaList(parameters["recordID"])
        let meetingIDs = Self.commaList(parameters["meetingID"])
        let states = Self.commaList(parameters["state"])
        let filters = parameters.metadata
        var matches = all.filter { recording in
            if !recordIDs.isEmpty {
                guard recordIDs.contains(where: { recording.recordID.hasPrefix($0) }) else { return false }
            } else if !meetingIDs.isEmpty {
                guard meetingIDs.contains(recording.meetingID) else { return false }
            }
            if states.isEmpty {
                guard recording.state == "published" || recording.state == "unpublished" else { return false }
            } else if !states.contains("any") {
                guard states.contains(recording.state) else { return false }
            }
            for (key, pattern) in filters {
                guard let value = recording.metadata.first(where: { $0.key.lowercased() == key })?.value,
                      Self.metaMatches(value, pattern: pattern) else { return false }
            }
            return true
        }
        let total = matches.count
        var paginated = false
        if let limitText = parameters["limit"], let limit = Int(limitText) {
            paginated = true
            let size = min(100, max(1, limit))
            let offset = max(0, parameters.int("offset") ?? 0)
            matches = offset >= matches.count ? [] : Array(matches[offset..<min(matches.count, offset + size)])
        }
        let baseURL = request.context.baseURL
        return BBBResponse.xml(XMLBuilder.response { xml in
            xml.element("returncode", "SUCCESS")
            if matches.isEmpty {
                xml.element("recordings", "")
                xml.element("messageKey", "noRecordings")
                xml.element("message", "There are no recordings for the meeting(s).")
                return
            }
            xml.wrap("recordings") { list in
                for recording in matches {
                    list.wrap("recording") {
                        Self.writeRecording(recording, configuration: configuration, baseURL: baseURL, into: &$0)
                    }
                }
            }
            if paginated { xml.element("totalElements", total) }
        })
    }

    static func writeRecording(_ recording: Recording, configuration: BBBConfiguration, baseURL: String,
                               into xml: inout XMLBuilder) {
        let processing = recording.state == "processing"
        xml.element("recordID", recording.recordID)
        xml.element("meetingID", recording.meetingID)
        xml.element("internalMeetingID", recording.recordID)
        xml.element("name", recording.name)
        xml.element("isBreakout", false)
        xml.element("published", recording.state == "published")
        xml.element("state", recording.state)
        xml.element("startTime", recording.startTime)
        xml.element("endTime", recording.endTime)
        xml.element("participants", recording.participants)
        xml.element("rawSize", recording.rawSize)
        xml.wrap("metadata") { data in
            for (key, value) in recording.metadata { data.element(key, value) }
        }
        xml.element("size", processing ? 0 : recording.size)
        xml.wrap("playback") { playback in
            guard !processing else { return }
            playback.wrap("format") { format in
                format.element("type", "presentation")
                format.element("url", "\(baseURL)/playback/presentation/2.3/\(recording.recordID)")
                format.element("processingTime", configuration.recordingProcessingSeconds * 1000)
                format.element("length", (recording.endTime - recording.startTime) / 60_000)
                format.element("size", recording.size)
            }
        }
        xml.element("data", "")
    }

    /// The listed recordings in the given states, or `recordingsNotFound` (bbb.md §5.10–5.12).
    private static func listed(_ ids: [String], states: Set<String>, tx: TransactionContext,
                               configuration: BBBConfiguration) throws -> [Recording] {
        var found: [Recording] = []
        for id in ids {
            if let recording = try BBBStore.recording(id, tx: tx, configuration: configuration),
               states.contains(recording.state), !found.contains(where: { $0.recordID == id }) {
                found.append(recording)
            }
        }
        return found
    }

    /// bbb.md §5.10.
    func publishRecordings(_ parameters: BBBParameters, _ request: ProviderRequest,
                           _ configuration: BBBConfiguration) async throws -> HTTPResponse {
        guard let recordID = parameters.nonEmpty("recordID") else { throw BBBFailure(BBBErrorKey.missingParamRecordID) }
        guard let publish = parameters.nonEmpty("publish") else { throw BBBFailure(BBBErrorKey.missingParamPublish) }
        let ids = Self.commaList(recordID)
        try await request.context.write { tx in
            let found = try Self.listed(ids, states: ["published", "unpublished"], tx: tx, configuration: configuration)
            guard !found.isEmpty else { throw BBBFailure(BBBErrorKey.recordingsNotFound) }
            for var recording in found {
                recording.state = publish.lowercased() == "true" ? "published" : "unpublished"
                try BBBStore.save(recording, tx: tx)
            }
        }
        return BBBResponse.xml(XMLBuilder.response { xml in
            xml.element("returncode", "SUCCESS")
            xml.element("published", publish)
        })
    }

    /// bbb.md §5.11.
    func updateRecordings(_ parameters: BBBParameters, _ request: ProviderRequest,
                          _ configuration: BBBConfiguration) async throws -> HTTPResponse {
        guard let recordID = parameters.nonEmpty("recordID") else { throw BBBFailure(BBBErrorKey.missingParamRecordID) }
        let ids = Self.commaList(recordID)
        let changes = parameters.metadata
        try await request.context.write { tx in
            let found = try Self.listed(ids, states: ["published", "unpublished", "deleted"], tx: tx,
                                        configuration: configuration)
            guard !found.isEmpty else { throw BBBFailure(BBBErrorKey.recordingsNotFound) }
            for var recording in found {
                for (key, value) in changes {
                    if value.isEmpty {
                        recording.metadata.removeAll { $0.key == key }
                    } else if let position = recording.metadata.firstIndex(where: { $0.key == key }) {
                        recording.metadata[position].value = value
                    } else {
                        recording.metadata.append((key, value))
                    }
                }
                try BBBStore.save(recording, tx: tx)
            }
        }
        return BBBResponse.xml(XMLBuilder.response { xml in
            xml.element("returncode", "SUCCESS")
            xml.element("updated", true)
        })
    }

    /// bbb.md §5.12.
    func deleteRecordings(_ parameters: BBBParameters, _ request: ProviderRequest,
                          _ configuration: BBBConfiguration) async throws -> HTTPResponse {
        guard let recordID = parameters.nonEmpty("recordID") else { throw BBBFailure(BBBErrorKey.missingParamRecordID) }
        let ids = Self.commaList(recordID)
        try await request.context.write { tx in
            let found = try Self.listed(ids, states: ["published", "unpublished"], tx: tx, configuration: configuration)
            guard !found.isEmpty else { throw BBBFailure(BBBErrorKey.recordingsNotFound) }
            for var recording in found {
                recording.state = "deleted"
                try BBBStore.save(recording, tx: tx)
            }
        }
        return BBBResponse.xml(XMLBuilder.response { xml in
            xml.element("returncode", "SUCCESS")
            xml.element("deleted", true)
        })
    }
}
