/// The spec's exact strings (proconf.md §1, §9.3, §13), each written once.
enum ProConfOperation {
    static let sessionCreate = "session.create"
    static let sessionToken = "session.token"
    static let sessionEdit = "session.edit"
    static let sessionEnd = "session.end"
    static let sessionAttendees = "session.attendees"
    static let webhookSession = "webhook.session"
    static let archivesList = "archives.list"
    static let archivesGet = "archives.get"
    static let archivesDelete = "archives.delete"
    static let archivesStorageTarget = "archives.storageTarget"
    static let adminMeetings = "admin.meetings"
    static let adminToken = "admin.token"
    static let adminConfiguration = "admin.configuration"
    static let adminSessionsStatus = "admin.sessionsStatus"
    static let adminCallCatchup = "admin.callCatchup"
    static let adminCallSummary = "admin.callSummary"
    static let sessionUnmatched = "session.unmatched"
    static let adminUnmatched = "admin.unmatched"

    /// Every session-surface operation with a route.
    static let session = [sessionCreate, sessionToken, sessionEdit, sessionEnd, sessionAttendees, webhookSession,
                          archivesList, archivesGet, archivesDelete, archivesStorageTarget]
    /// "session ops" of §13: every session-surface operation except `webhook.session`.
    static let authenticated = session.filter { $0 != webhookSession }
    /// "body ops" of §13.
    static let withBody = [sessionCreate, sessionToken, sessionEdit, webhookSession, archivesStorageTarget]
    static let admin = [adminMeetings, adminToken, adminConfiguration, adminSessionsStatus, adminCallCatchup,
                        adminCallSummary]
    static let all = session + admin

    static func isAdmin(_ operation: String?) -> Bool {
        guard let operation else { return false }
        return operation.hasPrefix("admin.")
    }
}

/// Permission strings of the bearer JWT (proconf.md §1).
enum ProConfPermission {
    static let createMeetingSession = "CreateMeetingSession"
    static let generateMeetingToken = "GenerateMeetingToken"
    static let editMeeting = "EditMeeting"
    static let stopMeeting = "StopMeeting"
    static let getMeetingAttendees = "GetMeetingAttendees"
    static let getMeetingArchives = "GetMeetingArchives"
    static let deleteMeetingArchive = "DeleteMeetingArchive"
    static let setMeetingUploadTarget = "SetMeetingUploadTarget"
    static let startMeetingArchive = "StartMeetingArchive"
    static let stopMeetingArchive = "StopMeetingArchive"

    /// proconf.md §2.1 order.
    static let all = [createMeetingSession, generateMeetingToken, editMeeting, stopMeeting, getMeetingAttendees,
                      getMeetingArchives, deleteMeetingArchive, setMeetingUploadTarget, startMeetingArchive,
                      stopMeetingArchive]
}

/// Clock events (proconf.md §9.3).
enum ProConfEvent {
    static let sessionStartable = "proconf.session.startable"
    static let archiveAvailable = "proconf.archive.available"
    static let archiveUploaded = "proconf.archive.uploaded"
    static let all = [sessionStartable, archiveAvailable, archiveUploaded]
}

/// Catalogue keys (proconf.md §13).
enum ProConfKey {
    static let unauthorized = "unauthorized"
    static let malformedAuthorization = "malformedAuthorization"
    static let tokenExpired = "tokenExpired"
    static let passwordExpired = "passwordExpired"
    static let forbidden = "forbidden"
    static let apiNotFound = "apiNotFound"
    static let malformedJson = "malformedJson"
    static let payloadTooLarge = "payloadTooLarge"
    static let unsupportedMediaType = "unsupportedMediaType"
    static let validationFailed = "validationFailed"
    static let internalError = "internalError"
    static let scheduleTimeNotSet = "scheduleTimeNotSet"
    static let scheduleTimeInvalid = "scheduleTimeInvalid"
    static let scheduleTimeInPast = "scheduleTimeInPast"
    static let e2eWithArchiving = "e2eWithArchiving"
    static let meetingLinkInvalid = "meetingLinkInvalid"
    static let expireTimeInvalid = "expireTimeInvalid"
    static let expireTimeInPast = "expireTimeInPast"
    static let sessionDoesNotExist = "sessionDoesNotExist"
    static let meetingExpired = "meetingExpired"
    static let meetingNotStartable = "meetingNotStartable"
    static let meetingLinkNotFound = "meetingLinkNotFound"
    static let editScheduleTimeRequired = "editScheduleTimeRequired"
    static let editScheduleTimeInvalid = "editScheduleTimeInvalid"
    static let editScheduleTimeInPast = "editScheduleTimeInPast"
    static let endMeetingLinkInvalid = "endMeetingLinkInvalid"
    static let meetingNotFound = "meetingNotFound"
    static let meetingAlreadyEnded = "meetingAlreadyEnded"
    static let archiveNotFound = "archiveNotFound"
    static let unsupportedStorageType = "unsupportedStorageType"
    static let s3BucketRequired = "s3BucketRequired"
    static let azureAccountRequired = "azureAccountRequired"
    static let notFound = "notFound"
    static let domainNotFound = "domainNotFound"
    static let roomNameRequired = "roomNameRequired"
    static let tokenRoomRequired = "tokenRoomRequired"
    static let upstreamWebhook500 = "upstreamWebhook500"
    static let webhookFormPost415 = "webhookFormPost415"
    static let archiveNeverLinked404 = "archiveNeverLinked404"
    static let isoExpireTimeRejected = "isoExpireTimeRejected"
    static let patchIgnoresIsScheduled = "patchIgnoresIsScheduled"
    static let emptyBody500 = "emptyBody500"
    static let deletedArchive500 = "deletedArchive500"
    static let storageTargetUnvalidated500 = "storageTargetUnvalidated500"
}
