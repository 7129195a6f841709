import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

extension BBBProvider {
    private enum ClientLookup: Sendable {
        case invalid
        case ended
        case found(UserSession, Meeting)
    }

    private func lookup(_ token: String?, _ tx: TransactionContext, _ configuration: BBBConfiguration) throws
        -> ClientLookup {
        guard let token, let session = try BBBStore.session(token, tx: tx) else { return .invalid }
        guard let meeting = try BBBStore.meeting(session.meetingID, tx: tx, configuration: configuration),
              meeting.internalMeetingID == session.internalMeetingID else { return .ended }
        return .found(session, meeting)
    }

    private static func notFoundPage(_ lookup: ClientLookup) -> HTTPResponse {
        let text = if case .ended = lookup { "This meeting has ended" } else { "Invalid session token" }
        return BBBResponse.html(BBBResponse.page(title: text, body: "<h1>\(text)</h1>"), status: 404)
    }

    private static func waitingPage(_ session: UserSession, _ meeting: Meeting) -> HTTPResponse {
        BBBResponse.html(BBBResponse.page(
            title: meeting.name,
            body: "<p>\(BBBResponse.htmlEscape(session.fullName)), please wait: waiting for a moderator to approve you to join the meeting.</p>"))
    }

    /// bbb.md §6.3: entering the emulated client makes an `ALLOW` session an attendee, once.
    func clientJoin(_ request: ProviderRequest) async -> HTTPResponse {
        let token = request.http.query.first("sessionToken")
        let configuration = BBBConfiguration(request.context.configuration)
        do {
            let found = try await request.context.write { [self] tx in
                let found = try lookup(token, tx, configuration)
                guard case .found(let session, var meeting) = found, session.guestStatus == "ALLOW" else { return found }
                if !meeting.attendees.contains(where: { $0.userID == session.userID }) {
                    try MeetingLifecycle.enter(Self.attendee(for: session), into: &meeting, tx: tx)
                    try BBBStore.save(meeting, tx: tx)
                }
                return ClientLookup.found(session, meeting)
            }
            guard case .found(let session, let meeting) = found else { return Self.notFoundPage(found) }
            if session.guestStatus == "WAIT" { return Self.waitingPage(session, meeting) }
            let leave = "\(request.context.pathPrefix)/html5client/leave?sessionToken=\(session.sessionToken)"
            return BBBResponse.html(BBBResponse.page(
                title: meeting.name,
                body: "<h1>\(BBBResponse.htmlEscape(meeting.name))</h1><p>\(BBBResponse.htmlEscape(session.fullName)) (\(session.role))</p><p><a href=\"\(BBBResponse.htmlEscape(leave))\">Leave</a></p>"))
        } catch {
            return HTTPResponse(status: 500, contentType: "text/plain; charset=utf-8", body: "Internal Server Error")
        }
    }

    /// bbb.md §6.3 guest lobby: never makes the guest an attendee.
    func guestWait(_ request: ProviderRequest) async -> HTTPResponse {
        let token = request.http.query.first("sessionToken")
        let configuration = BBBConfiguration(request.context.configuration)
        do {
            let found = try await request.context.read { [self] tx in try lookup(token, tx, configuration) }
            guard case .found(let session, let meeting) = found else { return Self.notFoundPage(found) }
            return Self.waitingPage(session, meeting)
        } catch {
            return HTTPResponse(status: 500, contentType: "text/plain; charset=utf-8", body: "Internal Server Error")
        }
    }

    /// bbb.md §6.3: leaving removes the attendee and redirects to the create `logoutURL`, else `{public-url}`.
    func clientLeave(_ request: ProviderRequest) async -> HTTPResponse {
        let token = request.http.query.first("sessionToken")
        let configuration = BBBConfiguration(request.context.configuration)
        do {
            let found = try await request.context.write { [self] tx in
                let found = try lookup(token, tx, configuration)
                guard case .found(let session, var meeting) = found else { return found }
                if try MeetingLifecycle.leave(session.userID, from: &meeting, tx: tx) {
                    try BBBStore.save(meeting, tx: tx)
                }
                return ClientLookup.found(session, meeting)
            }
            guard case .found(_, let meeting) = found else { return Self.notFoundPage(found) }
            return BBBResponse.redirect(meeting.logoutURL ?? request.context.baseURL)
        } catch {
            return HTTPResponse(status: 500, contentType: "text/plain; charset=utf-8", body: "Internal Server Error")
        }
    }

    /// bbb.md §8.4.
    func playback(_ request: ProviderRequest) async -> HTTPResponse {
        let recordID = request.parameters["recordID"] ?? ""
        let configuration = BBBConfiguration(request.context.configuration)
        let recording = try? await request.context.read { tx in
            try BBBStore.recording(recordID, tx: tx, configuration: configuration)
        }
        guard let found = recording ?? nil, found.state == "published" else {
            return BBBResponse.html(BBBResponse.page(title: "Recording not found", body: "<h1>Recording not found</h1>"),
                                    status: 404)
        }
        return BBBResponse.html(BBBResponse.page(
            title: found.name, body: "<h1>\(BBBResponse.htmlEscape(found.name))</h1><p>Recording \(BBBResponse.htmlEscape(found.recordID))</p>"))
    }
}
