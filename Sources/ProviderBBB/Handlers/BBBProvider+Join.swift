import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport

extension BBBProvider {
    /// bbb.md §5.3.
    func join(_ parameters: BBBParameters, _ request: ProviderRequest, _ configuration: BBBConfiguration)
        async throws -> HTTPResponse {
        let context = request.context
        let meetingID = try Self.checkMeetingID(parameters["meetingID"])
        let baseURL = context.baseURL
        let index = self.index
        let namespace = context.namespace.name
        let session: UserSession = try await context.write { tx in
            guard var meeting = try BBBStore.meeting(meetingID, tx: tx, configuration: configuration) else {
                throw BBBFailure(BBBErrorKey.invalidMeetingIdentifier)
            }
            guard let fullName = parameters.nonEmpty("fullName") else { throw BBBFailure(BBBErrorKey.missingParamFullName) }
            let guest = parameters.strictBool("guest")
            if case .some(.none) = guest { throw BBBFailure(BBBErrorKey.guestNotBoolean) }
            if case .some(.none) = parameters.strictBool("auth") { throw BBBFailure(BBBErrorKey.authNotBoolean) }
            if let createTime = parameters["createTime"], Int64(createTime) != meeting.createTime {
                throw BBBFailure(BBBErrorKey.mismatchCreateTimeParam)
            }
            // Role: `role` overrides the password (bbb.md §5.3.1).
            let role: String
            let requestedRole = (parameters["role"] ?? "").uppercased()
            if requestedRole == "MODERATOR" || requestedRole == "VIEWER" {
                role = requestedRole
            } else if let password = parameters.nonEmpty("password") {
                if password == meeting.moderatorPW {
                    role = "MODERATOR"
                } else if password == meeting.attendeePW {
                    role = "VIEWER"
                } else {
                    throw BBBFailure(BBBErrorKey.invalidPassword)
                }
            } else {
                throw BBBFailure(BBBErrorKey.missingRoleOrPassword)
            }
            // Guest status.
            let status: String
            if role == "MODERATOR" || guest == .some(false) {
                status = "ALLOW"
            } else {
                switch meeting.guestPolicy {
                case "ALWAYS_DENY": status = "DENY"
                case "ASK_MODERATOR": status = "WAIT"
                case "ALWAYS_ACCEPT_AUTH": status = guest == .some(true) ? "WAIT" : "ALLOW"
                default: status = "ALLOW"
                }
            }
            if status == "DENY" { throw BBBFailure(BBBErrorKey.guestDeniedAccess) }
            let externalUserID = parameters.nonEmpty("userID")
            let present = Set(meeting.attendees.map(\.userID))
            if meeting.maxParticipants > 0, present.count >= meeting.maxParticipants,
               !(externalUserID.map(present.contains) ?? false) {
                throw BBBFailure(BBBErrorKey.maxParticipantsReached)
            }
            let internalUserID = tx.random { BBBIdentifiers.internalUserID(&$0) }
            let authToken = tx.random { BBBIdentifiers.authToken(&$0) }
            let sessionToken = tx.random { BBBIdentifiers.sessionToken(&$0) }
            let session = UserSession(sessionToken: sessionToken, authToken: authToken, internalUserID: internalUserID,
                                      userID: externalUserID ?? internalUserID, fullName: fullName, role: role,
                                      guestStatus: status, meetingID: meeting.meetingID,
                                      internalMeetingID: meeting.internalMeetingID,
                                      customdata: Self.customData(parameters))
            try BBBStore.save(session, tx: tx)
            index.noteToken(sessionToken, namespace: namespace)
            if configuration.attendeeOnJoin, status == "ALLOW" {
                try MeetingLifecycle.enter(Self.attendee(for: session), into: &meeting, tx: tx)
                try BBBStore.save(meeting, tx: tx)
            }
            return session
        }
        let waiting = session.guestStatus == "WAIT"
        let url = "\(baseURL)/html5client/\(waiting ? "guestWait" : "join")?sessionToken=\(session.sessionToken)"
        guard !JoinErrorRule.redirects(parameters) else { return BBBResponse.redirect(url) }
        return BBBResponse.xml(XMLBuilder.response { xml in
            xml.element("returncode", "SUCCESS")
            xml.element("messageKey", waiting ? "guestWait" : "successfullyJoined")
            xml.element("message", waiting ? "Guest waiting for approval to join meeting." : "You have joined successfully.")
            xml.element("meeting_id", session.internalMeetingID)
            xml.element("user_id", session.internalUserID)
            xml.element("auth_token", session.authToken)
            xml.element("session_token", session.sessionToken)
            xml.element("guestStatus", session.guestStatus)
            xml.element("url", url)
        })
    }

    /// `userdata-<k>` with `<k>` matching `[A-Za-z_][A-Za-z0-9_.]*`, in parameter order (bbb.md §5.3.2).
    static func customData(_ parameters: BBBParameters) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        for pair in parameters.distinct where pair.name.hasPrefix("userdata-") {
            let key = String(pair.name.dropFirst("userdata-".count))
            guard let first = key.unicodeScalars.first, first.isASCII,
                  first.properties.isAlphabetic || first == "_",
                  key.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                      || $0 == "_" || $0 == ".") })
            else { continue }
            out.append((key, BBBParameters.sanitise(pair.value)))
        }
        return out
    }

    static func attendee(for session: UserSession) -> Attendee {
        Attendee(userID: session.userID, fullName: session.fullName, role: session.role,
                 customdata: session.customdata)
    }
}
