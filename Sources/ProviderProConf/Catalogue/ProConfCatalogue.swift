import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

/// The error catalogue of proconf.md §13: two rows for the keys whose body differs by surface.
enum ProConfCatalogue {
    typealias Key = ProConfKey
    typealias Op = ProConfOperation

    static let catalogue = ErrorCatalogue(entries)

    private static let json = ProConfResponse.errorContentType

    /// `E(s,n,m)` of §13.
    private static func e(_ key: String, _ status: Int, _ name: String, _ message: String, _ operations: [String],
                          kind: CatalogueEntry.Kind = .error) -> CatalogueEntry {
        let response = ProConfResponse.sessionError(status, name, .string(message))
        return CatalogueEntry(key: key, status: status, contentType: json, operations: operations, kind: kind,
                              body: String(decoding: response.body, as: UTF8.self))
    }

    /// `A(s,m)` of §13.
    private static func a(_ key: String, _ status: Int, _ message: String, _ operations: [String]) -> CatalogueEntry {
        let response = ProConfResponse.adminError(status, message)
        return CatalogueEntry(key: key, status: status, contentType: json, operations: operations,
                              body: String(decoding: response.body, as: UTF8.self))
    }

    private static func raw(_ key: String, _ response: HTTPResponse, _ operations: [String],
                            kind: CatalogueEntry.Kind = .error) -> CatalogueEntry {
        CatalogueEntry(key: key, status: response.status, contentType: json, operations: operations, kind: kind,
                       body: String(decoding: response.body, as: UTF8.self))
    }

    /// The §5.2 step-5 message (a newline and nine spaces inside).
    static func notStartableMessage(timeToStart: String) -> String {
        "Meeting can only be started \(timeToStart) minutes before\n         the scheduled time"
    }

    private static var entries: [CatalogueEntry] {
        let sessionOps = Op.authenticated
        let allSession = Op.session
        let bodyOps = Op.withBody
        let adminOps = Op.admin
        let bad = "BadRequestError"
        return [
            e(Key.unauthorized, 401, "UnauthorizedError", "Bearer realm=\"Users\"", sessionOps),
            a(Key.unauthorized, 401, "Unauthorized", adminOps),
            raw(Key.malformedAuthorization, ProConfResponse.sessionError(401, "UnauthorizedError", 400), sessionOps),
            raw(Key.tokenExpired, ProConfResponse.sessionError(
                401, "UnauthorizedError", .object([("message", "TokenExpired")])), sessionOps),
            raw(Key.passwordExpired, ProConfResponse.sessionError(
                401, "UnauthorizedError", .object([("message", "PasswordExpiryError")])), sessionOps),
            e(Key.forbidden, 403, "ForbiddenError", "NotAllowedAccess", sessionOps),
            e(Key.apiNotFound, 404, "NotFoundError", "API not found !", allSession),
            CatalogueEntry(key: Key.malformedJson, status: 400, contentType: json, operations: bodyOps) { input in
                ProConfResponse.sessionError(400, "SyntaxError",
                                             .string(input.parameters["message"] ?? "Unexpected end of JSON input"))
            },
            e(Key.payloadTooLarge, 413, "PayloadTooLargeError", "request entity too large", bodyOps),
            CatalogueEntry(key: Key.unsupportedMediaType, status: 415, contentType: json, operations: bodyOps) { input in
                ProConfResponse.unsupportedMediaType(input.parameters["contentType"] ?? "text/plain")
            },
            CatalogueEntry(key: Key.validationFailed, status: 422, contentType: json, operations: bodyOps) { input in
                let details = input.parameters["details"].flatMap { try? JSONValue(parsing: $0) }?.arrayValue
                return ProConfResponse.validationFailed(details ?? [ProConfResponse.rootMustBeObject])
            },
            raw(Key.internalError, ProConfResponse.hidden500, allSession),
            a(Key.internalError, 500, "Internal server error", adminOps),
            e(Key.scheduleTimeNotSet, 400, bad, "Schedule time is not set.", [Op.sessionCreate]),
            e(Key.scheduleTimeInvalid, 400, bad, "Scheduled time is not in correct format.", [Op.sessionCreate]),
            e(Key.scheduleTimeInPast, 400, bad, "Meeting can't be scheduled with schedule time in past!",
              [Op.sessionCreate]),
            e(Key.e2eWithArchiving, 400, bad, "End to end Encryption along with archiving is not possible",
              [Op.sessionCreate]),
            e(Key.meetingLinkInvalid, 400, bad, "Meeting link should be a valid string", [Op.sessionToken]),
            e(Key.expireTimeInvalid, 400, bad, "Expire time is not in correct format.", [Op.sessionToken]),
            e(Key.expireTimeInPast, 400, bad, "Expire time can not be in past.", [Op.sessionToken]),
            e(Key.sessionDoesNotExist, 400, bad, "Session does not exist", [Op.sessionToken]),
            e(Key.meetingExpired, 400, bad, "This meeting has been expired", [Op.sessionToken]),
            CatalogueEntry(key: Key.meetingNotStartable, status: 400, contentType: json,
                           operations: [Op.sessionToken]) { input in
                ProConfResponse.sessionError(400, bad, .string(
                    notStartableMessage(timeToStart: input.parameters["timeToStart"] ?? "0")))
            },
            CatalogueEntry(key: Key.meetingLinkNotFound, status: 404, contentType: json,
                           operations: [Op.sessionEdit]) { input in
                ProConfResponse.sessionError(404, "NotFoundError", .string(
                    "Meeting link \(input.parameters["meetingLinkId"] ?? "{meetingLinkId}") not found"))
            },
            e(Key.editScheduleTimeRequired, 400, bad, "Schedule Time is required if isScheduled is set to true",
              [Op.sessionEdit]),
            e(Key.editScheduleTimeInvalid, 400, bad, "Schedule Time is Not in correct format", [Op.sessionEdit]),
            e(Key.editScheduleTimeInPast, 400, bad, "Schedule Time cannot be set in the past", [Op.sessionEdit]),
            e(Key.endMeetingLinkInvalid, 400, bad, "Meeting link should be a valid string.", [Op.sessionEnd]),
            e(Key.meetingNotFound, 404, "NotFoundError", "Meeting Not Found", [Op.sessionEnd, Op.sessionAttendees]),
            a(Key.meetingNotFound, 404, "Meeting not found", [Op.adminCallCatchup, Op.adminCallSummary]),
            e(Key.meetingAlreadyEnded, 400, bad, "Meeting has already been ended!", [Op.sessionEnd]),
            e(Key.archiveNotFound, 404, "NotFoundError", "Archive Not Found", [Op.archivesGet, Op.archivesDelete]),
            e(Key.unsupportedStorageType, 400, bad, "Unsupported storage type", [Op.archivesStorageTarget]),
            e(Key.s3BucketRequired, 400, bad, "S3 bucket name is required", [Op.archivesStorageTarget]),
            e(Key.azureAccountRequired, 400, bad, "Azure account name is required", [Op.archivesStorageTarget]),
            a(Key.notFound, 404, "Not found", adminOps),
            a(Key.domainNotFound, 503, "Domain not found.", adminOps),
            a(Key.roomNameRequired, 400, "Room name required in query param.",
              [Op.adminSessionsStatus, Op.adminCallCatchup, Op.adminCallSummary]),
            a(Key.tokenRoomRequired, 400, "Room name required.", [Op.adminToken]),
            raw(Key.upstreamWebhook500, ProConfResponse.hidden500, [Op.webhookSession], kind: .upstream),
            raw(Key.webhookFormPost415, ProConfResponse.unsupportedMediaType("application/x-www-form-urlencoded"),
                [Op.webhookSession], kind: .upstream),
            e(Key.archiveNeverLinked404, 404, "NotFoundError", "Archive Not Found", [Op.archivesGet, Op.archivesDelete]),
            e(Key.isoExpireTimeRejected, 400, bad, "Expire time is not in correct format.", [Op.sessionToken],
              kind: .upstream),
            CatalogueEntry(key: Key.patchIgnoresIsScheduled, status: 204, contentType: "",
                           operations: [Op.sessionEdit], kind: .upstream) { _ in ProConfResponse.noContent },
            raw(Key.emptyBody500, ProConfResponse.hidden500, bodyOps, kind: .upstream),
            raw(Key.deletedArchive500, ProConfResponse.hidden500, [Op.archivesGet, Op.archivesDelete], kind: .upstream),
            raw(Key.storageTargetUnvalidated500, ProConfResponse.hidden500, [Op.archivesStorageTarget],
                kind: .upstream),
        ]
    }
}
