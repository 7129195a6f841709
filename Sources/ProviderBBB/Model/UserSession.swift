import ConfemuFormats

/// A join registration (bbb.md §5.3.2): the session behind a client URL.
struct UserSession: Sendable {
    var sessionToken: String
    var authToken: String
    var internalUserID: String
    var userID: String
    var fullName: String
    var role: String
    var guestStatus: String
    var meetingID: String
    var internalMeetingID: String
    var customdata: [(key: String, value: String)]
    var isListeningOnly: Bool = false
    var hasVideo: Bool = false

    var json: JSONValue {
        .object([
            ("sessionToken", .string(sessionToken)),
            ("authToken", .string(authToken)),
            ("internalUserID", .string(internalUserID)),
            ("userID", .string(userID)),
            ("fullName", .string(fullName)),
            ("role", .string(role)),
            ("guestStatus", .string(guestStatus)),
            ("meetingID", .string(meetingID)),
            ("internalMeetingID", .string(internalMeetingID)),
            ("customdata", BBBJSON.object(customdata)),
        ])
    }

    init(sessionToken: String, authToken: String, internalUserID: String, userID: String, fullName: String,
         role: String, guestStatus: String, meetingID: String, internalMeetingID: String,
         customdata: [(key: String, value: String)]) {
        self.sessionToken = sessionToken
        self.authToken = authToken
        self.internalUserID = internalUserID
        self.userID = userID
        self.fullName = fullName
        self.role = role
        self.guestStatus = guestStatus
        self.meetingID = meetingID
        self.internalMeetingID = internalMeetingID
        self.customdata = customdata
    }

    init?(json: JSONValue) {
        guard let token = json["sessionToken"]?.stringValue, let meetingID = json["meetingID"]?.stringValue,
              let internalID = json["internalMeetingID"]?.stringValue else { return nil }
        self.init(sessionToken: token, authToken: json["authToken"]?.stringValue ?? "",
                  internalUserID: json["internalUserID"]?.stringValue ?? "",
                  userID: json["userID"]?.stringValue ?? "", fullName: json["fullName"]?.stringValue ?? "",
                  role: json["role"]?.stringValue ?? "VIEWER", guestStatus: json["guestStatus"]?.stringValue ?? "ALLOW",
                  meetingID: meetingID, internalMeetingID: internalID,
                  customdata: BBBJSON.stringPairs(json["customdata"]))
    }
}
