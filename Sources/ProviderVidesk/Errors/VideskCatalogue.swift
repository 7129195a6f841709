import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

/// The error catalogue of videsk.md §16 (38 keys). Templated entries render the example of the spec unless
/// the thrown `ProviderError` carries `message` (and `data`, compact JSON text) parameters.
enum VideskCatalogue {
    private typealias K = VideskErrorKey
    private typealias O = VideskOperation

    static let maxLengthExample = "Validation failed: name: Path `name` (`" + String(repeating: "a", count: 501)
        + "`) is longer than the maximum allowed length (500)."

    static let catalogue: ErrorCatalogue = {
        let all = O.all
        let createPatch = [O.create, O.patch]
        let createPatchJoin = [O.create, O.patch, O.join]
        let definitions: [(String, Int, String, [String], JSONValue?, JSONValue?)] = [
            (K.unauthorized, 401, VideskAuthMessage.missing, all, nil, nil),
            (K.jwtMalformed, 401, VideskAuthMessage.malformed, all, nil, nil),
            (K.invalidSignature, 401, VideskAuthMessage.invalidSignature, all, nil, nil),
            (K.jwtExpired, 401, VideskAuthMessage.expired, all, nil, nil),
            (K.accessDenied, 403, VideskAuthMessage.forbidden, all, nil, nil),
            (K.integrationTokenRemoved, 403, VideskAuthMessage.revoked, all, nil, nil),
            (K.ipNotAllowed, 403, VideskAuthMessage.ipNotAllowed, all, nil, nil),
            (K.tooManyRequests, 429, "Too many requests, please try again later.", all, nil, nil),
            (K.invalidJson, 400, "Invalid JSON in request body", createPatchJoin, nil, nil),
            (K.invalidInput, 400, "Invalid input data", createPatch, nil, nil),
            (K.multipleEntries, 405, "Can not create multiple entries", [O.create], nil, nil),
            (K.castError, 400, #"Cast to date failed for value "tomorrow" (type string) at path "exp""#,
             createPatch, nil, nil),
            (K.maxLengthExceeded, 400, maxLengthExample, createPatch, nil, nil),
            (K.expNotInFuture, 400, "exp must be in the future", createPatch, nil, nil),
            (K.expBeforeNbf, 400, "exp must be after nbf", createPatch, nil, nil),
            (K.windowTooLong, 400, "The access window (exp - nbf) cannot exceed 72 hours", createPatch, nil, nil),
            (K.generateTokenNotBoolean, 400, "generateToken must be a boolean", [O.patch], nil, nil),
            (K.externalIdConflict, 409, "externalId already exists", [O.create], nil, nil),
            (K.roomNotFound, 404, "Room not found", [O.get, O.join, O.stats], nil, nil),
            (K.roomNotFoundOrEnded, 404, "Room not found or already ended", [O.patch], nil, nil),
            (K.deleteNotAllowed, 403, "Not allowed", [O.delete], nil, nil),
            (K.roomEnded, 403, "Room has ended", [O.join], nil, nil),
            (K.roomExpired, 403, "Room has expired", [O.join], nil, nil),
            (K.invalidFilter, 400, "Invalid filter value $foo", [O.list], nil, nil),
            (K.invalidQueryParameter, 400, "Invalid query parameter $foo", [O.list], ["$foo": "1"], nil),
            (K.queryCastError, 400,
             #"Cast to Boolean failed for value "maybe" (type string) at path "ended" for model "Room""#,
             [O.list], nil, nil),
            (K.invalidSort, 400, "$sort key ordering must be 1 (for ascending) or -1 (for descending)", [O.list],
             nil, nil),
            (K.operatorNeedsArray, 400, "$in needs an array", [O.list], nil, nil),
            (K.invalidStatsView, 400, "view must be one of report, snapshot, summary", [O.stats], nil, nil),
            (K.pageNotFound, 404, "Page not found", all, ["url": "/vpaas/rooms"], nil),
            (K.methodNotAllowed, 405, "Method `update` is not supported by this endpoint.", all, nil, nil),
            (K.internalError, 500, "Internal server error", all, nil, nil),
            (K.unavailable, 503, "Service unavailable", all, nil, nil),
            (K.joinMissingRoomId, 400, "Missing room ID or invalid parameters", [O.join], nil, nil),
            (K.malformedJsonGeneralError, 500, "Unexpected token } in JSON at position 10", createPatchJoin,
             nil, nil),
            (K.tokenJsonParseError, 401, "Unexpected token \u{FFFD} in JSON at position 6", all, nil, nil),
            (K.externalIdDuplicateKey, 409, "externalId: value already exists.", [O.create], .object([]),
             ["externalId": "value"]),
            (K.deleteNotAllowedV4, 403, "Not allowed", [O.delete], nil, .object([])),
        ]
        return ErrorCatalogue(definitions.map { key, status, message, operations, data, errors in
            CatalogueEntry(key: key, status: status, contentType: FeathersError.contentType,
                           operations: operations) { input in
                var error = FeathersError(status, input.parameters[K.messageParameter] ?? message, data: data,
                                          errors: errors)
                if let text = input.parameters[K.dataParameter], let parsed = try? JSONValue(parsing: text) {
                    error.data = parsed
                } else if key == K.pageNotFound, let request = input.request {
                    // videsk.md §2: the request target as received, without the /ns/NAME prefix.
                    error.data = ["url": .string(request.rawTarget)]
                }
                return error.response
            }
        })
    }()

    /// A `ProviderError` for a templated entry.
    static func error(_ key: String, message: String? = nil, data: JSONValue? = nil,
                      diagnostics: [String] = []) -> ProviderError {
        var parameters: [String: String] = [:]
        if let message { parameters[K.messageParameter] = message }
        if let data { parameters[K.dataParameter] = data.jsonString() }
        return ProviderError(key, parameters: parameters, diagnostics: diagnostics)
    }
}
