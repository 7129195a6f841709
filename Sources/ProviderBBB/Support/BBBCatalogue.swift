import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

/// The error catalogue of bbb.md §12.
enum BBBCatalogue {
    typealias Key = BBBErrorKey

    private static let meetingIDOperations = [BBBOperation.create, BBBOperation.join, BBBOperation.end,
                                              BBBOperation.isMeetingRunning, BBBOperation.getMeetingInfo,
                                              BBBOperation.insertDocument]
    private static let checksummed = BBBOperation.calls
    private static let recordingChanges = [BBBOperation.publishRecordings, BBBOperation.updateRecordings,
                                           BBBOperation.deleteRecordings]

    /// Every key with the operations it lists, in table order.
    static let keys: [(key: String, operations: [String])] = [
        (Key.checksumError, checksummed),
        (Key.checksumMissing, checksummed),
        (Key.checksumErrorLegacy, ["*"]),
        (Key.checksumError500, ["*"]),
        (Key.missingParamMeetingID, meetingIDOperations),
        (Key.meetingIDSize, meetingIDOperations),
        (Key.meetingIDComma, meetingIDOperations),
        (Key.invalidMeetingID, [BBBOperation.create]),
        (Key.missingMeetingName, [BBBOperation.create]),
        (Key.meetingNameSize, [BBBOperation.create]),
        (Key.voiceBridgeNotIntegral, [BBBOperation.create]),
        (Key.recordNotBoolean, [BBBOperation.create]),
        (Key.idNotUnique, [BBBOperation.create]),
        (Key.nonUniqueVoiceBridge, [BBBOperation.create]),
        (Key.notFound, [BBBOperation.getMeetingInfo, BBBOperation.end]),
        (Key.invalidPasswordEnd, [BBBOperation.end]),
        (Key.endPasswordRequired, [BBBOperation.end]),
        (Key.invalidMeetingIdentifier, [BBBOperation.join]),
        (Key.meetingForciblyEnded, [BBBOperation.join]),
        (Key.missingParamFullName, [BBBOperation.join]),
        (Key.guestNotBoolean, [BBBOperation.join]),
        (Key.authNotBoolean, [BBBOperation.join]),
        (Key.mismatchCreateTimeParam, [BBBOperation.join]),
        (Key.invalidPassword, [BBBOperation.join]),
        (Key.missingRoleOrPassword, [BBBOperation.join]),
        (Key.paramsRequiredPassword, [BBBOperation.join]),
        (Key.paramsRequiredRole, [BBBOperation.join]),
        (Key.guestDeniedAccess, [BBBOperation.join]),
        (Key.maxParticipantsReached, [BBBOperation.join]),
        (Key.legacyJoinRedirect, [BBBOperation.join]),
        (Key.insertDocumentNotFound, [BBBOperation.insertDocument]),
        (Key.presentationDisabled, [BBBOperation.insertDocument]),
        (Key.noPresentationDocument, [BBBOperation.insertDocument]),
        (Key.missingParamRecordID, recordingChanges),
        (Key.missingParamPublish, [BBBOperation.publishRecordings]),
        (Key.recordingsNotFound, recordingChanges),
        (Key.unsupportedRequest, ["*"]),
        (Key.unsupportedContentType, ["*"]),
        (Key.apiNotEnabled, ["*"]),
    ]

    static let legacyChecksumMessage = "You did not pass the checksum security check"
    static let meetingNotFoundMessage = "A meeting with that ID does not exist"
    static let rolePasswordMessage =
        "You must either send the valid role of the user, or the password, sould the meeting has one."

    /// The entry of `key` for `operation` (nil operation = the meeting-call variant); `meetingID` fills
    /// insertDocumentNotFound.
    static func spec(_ key: String, operation: String?, meetingID: String = "") -> BBBErrorSpec? {
        let recordingCall = operation.map { BBBOperation.recordingCalls.contains($0) } ?? false
        switch key {
        case Key.checksumError:
            return BBBErrorSpec(messageKey: "checksumError",
                                message: recordingCall ? legacyChecksumMessage : "Checksums do not match")
        case Key.checksumMissing:
            return BBBErrorSpec(messageKey: "checksumError",
                                message: recordingCall ? legacyChecksumMessage : "You must provide the checksum")
        case Key.checksumErrorLegacy:
            return BBBErrorSpec(messageKey: "checksumError", message: legacyChecksumMessage)
        case Key.checksumError500:
            return BBBErrorSpec(messageKey: "checksumError", message: "Checksums do not match", status: 500)
        case Key.missingParamMeetingID:
            return BBBErrorSpec(messageKey: "missingParamMeetingID", message: "You must provide a meeting ID")
        case Key.meetingIDSize:
            return BBBErrorSpec(messageKey: "sizeError", message: "Meeting ID must be between 2 and 256 characters")
        case Key.meetingIDComma:
            return BBBErrorSpec(messageKey: "validationError", message: "Meeting ID cannot contain ','")
        case Key.invalidMeetingID:
            return BBBErrorSpec(messageKey: "validationError", message: "Invalid meeting ID")
        case Key.missingMeetingName:
            return BBBErrorSpec(messageKey: "emptyError", message: "You must provide a meeting name")
        case Key.meetingNameSize:
            return BBBErrorSpec(messageKey: "sizeError", message: "Meeting name must be between 2 and 256 characters")
        case Key.voiceBridgeNotIntegral:
            return BBBErrorSpec(messageKey: "validationError", message: "Voice bridge must be an integral value")
        case Key.recordNotBoolean:
            return BBBErrorSpec(messageKey: "validationError", message: "Record must be a boolean value (true or false)")
        case Key.idNotUnique:
            return BBBErrorSpec(
                messageKey: "idNotUnique",
                message: "A meeting already exists with that meeting ID.  Please use a different meeting ID.")
        case Key.nonUniqueVoiceBridge:
            return BBBErrorSpec(messageKey: "nonUniqueVoiceBridge", message: "The selected voice bridge is already in use.",
                                shape: .list)
        case Key.notFound:
            return BBBErrorSpec(messageKey: "notFound", message: meetingNotFoundMessage)
        case Key.invalidPasswordEnd:
            return BBBErrorSpec(messageKey: "invalidPassword", message: "The supplied moderator password is incorrect")
        case Key.endPasswordRequired:
            return BBBErrorSpec(messageKey: "invalidPassword",
                                message: "You must supply the moderator password for this call.")
        case Key.invalidMeetingIdentifier:
            return BBBErrorSpec(messageKey: "invalidMeetingIdentifier", message: meetingNotFoundMessage)
        case Key.meetingForciblyEnded:
            return BBBErrorSpec(messageKey: "meetingForciblyEnded",
                                message: "You can not join a meeting that has already been forcibly ended")
        case Key.missingParamFullName:
            return BBBErrorSpec(messageKey: "missingParamFullName", message: "You must provide your name")
        case Key.guestNotBoolean:
            return BBBErrorSpec(messageKey: "validationError", message: "Guest must be a boolean value (true or false)")
        case Key.authNotBoolean:
            return BBBErrorSpec(messageKey: "validationError", message: "Auth must be a boolean value (true or false)")
        case Key.mismatchCreateTimeParam:
            return BBBErrorSpec(messageKey: "mismatchCreateTimeParam",
                                message: "The createTime parameter submitted mismatches with the current meeting.")
        case Key.invalidPassword:
            return BBBErrorSpec(messageKey: "invalidPassword",
                                message: "The provided password is neither a moderator or attendee password")
        case Key.missingRoleOrPassword:
            return BBBErrorSpec(messageKey: "invalidPassword", message: rolePasswordMessage)
        case Key.paramsRequiredPassword:
            return BBBErrorSpec(messageKey: "Params required", message: "You must enter a valid password",
                                join: .alwaysXML)
        case Key.paramsRequiredRole:
            return BBBErrorSpec(messageKey: "Params required", message: rolePasswordMessage, join: .alwaysXML)
        case Key.guestDeniedAccess:
            return BBBErrorSpec(messageKey: "guestDeniedAccess",
                                message: "You have been denied access to this meeting based on the meeting's guest policy")
        case Key.maxParticipantsReached:
            return BBBErrorSpec(messageKey: "maxParticipantsReached",
                                message: "The number of participants allowed for this meeting has been reached.")
        case Key.legacyJoinRedirect:
            return BBBErrorSpec(messageKey: "invalidMeetingIdentifier", message: meetingNotFoundMessage,
                                join: .alwaysRedirect)
        case Key.insertDocumentNotFound:
            return BBBErrorSpec(messageKey: Key.insertDocumentNotFound, message: "Meeting with id [\(meetingID)] not found.",
                                shape: .noMessageKey)
        case Key.presentationDisabled:
            return BBBErrorSpec(messageKey: Key.presentationDisabled, message: "Presentation feature is disabled, ignoring.",
                                shape: .noMessageKey)
        case Key.noPresentationDocument:
            return BBBErrorSpec(messageKey: Key.noPresentationDocument,
                                message: "No presentation document found in the request body.", shape: .noMessageKey)
        case Key.missingParamRecordID:
            return BBBErrorSpec(messageKey: "missingParamRecordID", message: "You must specify a recordID.")
        case Key.missingParamPublish:
            return BBBErrorSpec(messageKey: "missingParamPublish", message: "You must specify a publish value true or false.")
        case Key.recordingsNotFound:
            return BBBErrorSpec(messageKey: "notFound", message: "We could not find recordings")
        case Key.unsupportedRequest:
            return BBBErrorSpec(messageKey: "unsupportedRequest", message: "This request is not supported.")
        case Key.unsupportedContentType:
            return BBBErrorSpec(messageKey: "unsupportedContentType",
                                message: "POST request Content-Type is missing or unsupported")
        case Key.apiNotEnabled:
            return BBBErrorSpec(
                messageKey: "apiNotEnabled",
                message: "The API service and/or controller is not enabled on this server.  To use it, you must first enable it.")
        default:
            return nil
        }
    }

    /// The request's meetingID for insertDocumentNotFound (bbb.md §12: the request's, XML-escaped).
    static func meetingID(of request: HTTPRequest?) -> String {
        guard let request else { return "" }
        return BBBParameters(request)["meetingID"] ?? ""
    }

    static let catalogue = ErrorCatalogue(keys.map { item in
        let sample = spec(item.key, operation: nil) ?? BBBErrorSpec(messageKey: item.key, message: "")
        return CatalogueEntry(key: item.key, status: sample.status, contentType: BBBResponse.xmlContentType,
                              operations: item.operations) { input in
            let resolved = spec(item.key, operation: input.operation,
                                meetingID: input.parameters["meetingID"] ?? meetingID(of: input.request)) ?? sample
            return BBBResponse.xml(resolved.body, status: resolved.status)
        }
    })
}
