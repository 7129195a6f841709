import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport

extension BBBProvider {
    /// Every API call: key authority (§2.1), checksum first (§3), then the call.
    func handleAPI(call: String?, _ request: ProviderRequest) async -> HTTPResponse {
        let context = request.context
        let configuration = BBBConfiguration(context.configuration)
        let parameters = BBBParameters(request.http)
        let operation = request.operation

        func failure(_ key: String, meetingID: String = "") -> HTTPResponse {
            let spec = BBBCatalogue.spec(key, operation: operation, meetingID: meetingID)
                ?? BBBErrorSpec(messageKey: key, message: "")
            if operation == BBBOperation.join {
                return JoinErrorRule.respond(spec, parameters: parameters, baseURL: context.baseURL)
            }
            return BBBResponse.xml(spec.body, status: spec.status)
        }

        // bbb.md §2.1: a key nobody owns, or owned by another namespace than the one named.
        if let key = request.parameters["key"], key != configuration.key {
            if context.selection == .fallback || context.selection == .credential {
                context.diagnose("checksumError: unknown bbb key \"\(key)\"")
            } else {
                context.diagnose("checksumError: bbb key \"\(key)\" does not belong to namespace \"\(context.namespace.name)\"")
            }
            return failure(BBBErrorKey.checksumError)
        }
        guard let call, operation != BBBOperation.index else { return Self.indexResponse() }
        if operation == BBBOperation.unsupported { return failure(BBBErrorKey.unsupportedRequest) }

        // bbb.md §3.2: the checksum is verified before anything else.
        let result = ChecksumVerifier.verify(call: call, request: request.http, secret: configuration.secret,
                                             allowed: configuration.checksumAlgorithms,
                                             namespace: context.namespace.name)
        switch result.outcome {
        case .valid:
            break
        case .missing:
            result.diagnostics.forEach(context.diagnose)
            return failure(BBBErrorKey.checksumMissing)
        case .mismatch:
            result.diagnostics.forEach(context.diagnose)
            return failure(BBBErrorKey.checksumError)
        }

        do {
            switch operation {
            case BBBOperation.create: return try await create(parameters, request, configuration)
            case BBBOperation.join: return try await join(parameters, request, configuration)
            case BBBOperation.isMeetingRunning: return try await isMeetingRunning(parameters, request, configuration)
            case BBBOperation.getMeetingInfo: return try await getMeetingInfo(parameters, request, configuration)
            case BBBOperation.getMeetings: return try await getMeetings(request, configuration)
            case BBBOperation.end: return try await end(parameters, request, configuration)
            case BBBOperation.insertDocument: return try await insertDocument(parameters, request, configuration)
            case BBBOperation.getRecordings: return try await getRecordings(parameters, request, configuration)
            case BBBOperation.publishRecordings: return try await publishRecordings(parameters, request, configuration)
            case BBBOperation.updateRecordings: return try await updateRecordings(parameters, request, configuration)
            case BBBOperation.deleteRecordings: return try await deleteRecordings(parameters, request, configuration)
            default: return failure(BBBErrorKey.unsupportedRequest)
            }
        } catch let error as BBBFailure {
            return failure(error.key, meetingID: error.meetingID)
        } catch {
            context.logger.error("bbb \(operation) failed: \(error)")
            return HTTPResponse(status: 500, contentType: "text/plain; charset=utf-8", body: "Internal Server Error")
        }
    }

    /// bbb.md §5.1.
    static func indexResponse() -> HTTPResponse {
        BBBResponse.xml(XMLBuilder.response { xml in
            xml.element("returncode", "SUCCESS")
            xml.element("version", "2.0")
            xml.element("apiVersion", "2.0")
            xml.element("bbbVersion", "")
        })
    }

    /// "MeetingID checks" of bbb.md §5 on `value`; returns the meetingID.
    static func checkMeetingID(_ value: String?) throws(BBBFailure) -> String {
        guard let value, !value.isEmpty else { throw BBBFailure(BBBErrorKey.missingParamMeetingID) }
        guard (2...256).contains(value.count) else { throw BBBFailure(BBBErrorKey.meetingIDSize) }
        guard !value.contains(",") else { throw BBBFailure(BBBErrorKey.meetingIDComma) }
        return value
    }
}
