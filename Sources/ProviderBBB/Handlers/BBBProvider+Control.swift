import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

extension BBBProvider {
    /// bbb.md §6.2 / control-plane.md §8, relative to `/_confemu/namespaces/{name}/bbb`.
    package var controlRoutes: [Route<RouteHandler>] {
        [
            Route(.POST, "/meetings/{meetingID}/attendees", operation: "control.attendees.add") { request in
                try await self.addAttendee(request)
            },
            Route(.DELETE, "/meetings/{meetingID}/attendees/{userID}", operation: "control.attendees.remove") { request in
                try await self.removeAttendee(request)
            },
            Route(.POST, "/meetings/{meetingID}/recording", operation: "control.recording") { request in
                try await self.toggleRecording(request)
            },
        ]
    }

    private static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json; charset=utf-8", body: value.jsonString())
    }

    private static func body(_ request: ProviderRequest) throws -> JSONValue {
        guard let value = try? JSONValue(parsing: request.http.body), value.isObject else {
            throw EngineError(400, "invalidRequest", "the body must be a JSON object")
        }
        return value
    }

    private static func meetingNotFound(_ id: String) -> EngineError {
        EngineError(404, "notFound", "meeting '\(id)' does not exist")
    }

    func addAttendee(_ request: ProviderRequest) async throws -> HTTPResponse {
        let meetingID = request.parameters["meetingID"] ?? ""
        let body = try Self.body(request)
        guard let fullName = body["fullName"]?.stringValue, !fullName.isEmpty else {
            throw EngineError(400, "invalidRequest", "fullName is required")
        }
        guard let role = body["role"]?.stringValue, role == "MODERATOR" || role == "VIEWER" else {
            throw EngineError(400, "invalidRequest", "role must be MODERATOR or VIEWER")
        }
        let configuration = BBBConfiguration(request.context.configuration)
        let attendee: Attendee = try await request.context.write { tx in
            guard var meeting = try BBBStore.meeting(meetingID, tx: tx, configuration: configuration) else {
                throw Self.meetingNotFound(meetingID)
            }
            let userID = body["userID"]?.stringValue ?? tx.random { BBBIdentifiers.internalUserID(&$0) }
            if meeting.attendees.contains(where: { $0.userID == userID }) {
                throw EngineError(409, "conflict", "user '\(userID)' is already in meeting '\(meetingID)'")
            }
            let attendee = Attendee(userID: userID, fullName: fullName, role: role,
                                    isListeningOnly: body["isListeningOnly"]?.boolValue ?? false,
                                    hasJoinedVoice: body["hasJoinedVoice"]?.boolValue ?? false,
                                    hasVideo: body["hasVideo"]?.boolValue ?? false,
                                    customdata: BBBJSON.stringPairs(body["customdata"]))
            try MeetingLifecycle.enter(attendee, into: &meeting, tx: tx)
            try BBBStore.save(meeting, tx: tx)
            return meeting.attendees.first { $0.userID == userID } ?? attendee
        }
        return Self.json(attendee.json, status: 201)
    }

    func removeAttendee(_ request: ProviderRequest) async throws -> HTTPResponse {
        let meetingID = request.parameters["meetingID"] ?? ""
        let userID = request.parameters["userID"] ?? ""
        let configuration = BBBConfiguration(request.context.configuration)
        try await request.context.write { tx in
            guard var meeting = try BBBStore.meeting(meetingID, tx: tx, configuration: configuration) else {
                throw Self.meetingNotFound(meetingID)
            }
            guard try MeetingLifecycle.leave(userID, from: &meeting, tx: tx) else {
                throw EngineError(404, "notFound", "user '\(userID)' is not in meeting '\(meetingID)'")
            }
            try BBBStore.save(meeting, tx: tx)
        }
        return HTTPResponse(status: 204)
    }

    func toggleRecording(_ request: ProviderRequest) async throws -> HTTPResponse {
        let meetingID = request.parameters["meetingID"] ?? ""
        let body = try Self.body(request)
        guard let recording = body["recording"]?.boolValue else {
            throw EngineError(400, "invalidRequest", "recording must be a boolean")
        }
        let configuration = BBBConfiguration(request.context.configuration)
        let meeting: Meeting = try await request.context.write { tx in
            guard var meeting = try BBBStore.meeting(meetingID, tx: tx, configuration: configuration) else {
                throw Self.meetingNotFound(meetingID)
            }
            guard meeting.record else {
                throw EngineError(409, "recordingDisabled", "meeting '\(meetingID)' was created without record=true")
            }
            meeting.recording = recording
            if recording { meeting.recordingMarks = true }
            try BBBStore.save(meeting, tx: tx)
            return meeting
        }
        return Self.json(["meetingID": .string(meeting.meetingID), "recording": .bool(meeting.recording),
                          "recordingMarks": .bool(meeting.recordingMarks)])
    }
}
