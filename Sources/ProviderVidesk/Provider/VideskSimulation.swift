import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport

/// Participant simulation of videsk.md §11 under `/_confemu/namespaces/{name}/videsk`.
enum VideskSimulation {
    static let contentType = "application/json; charset=utf-8"

    static let routes: [Route<RouteHandler>] = [
        Route(.POST, "/rooms/{roomId}/participants", operation: VideskOperation.participantsCreate, handler: create),
        Route(.GET, "/rooms/{roomId}/participants", operation: VideskOperation.participantsList, handler: list),
        Route(.DELETE, "/rooms/{roomId}/participants/{peerId}", operation: VideskOperation.participantsDelete,
              handler: remove),
    ]

    static func roomNotFound(_ value: String) -> EngineError {
        EngineError(404, "notFound", "room '\(value)' does not exist")
    }

    static let create: RouteHandler = { request in
        let value = request.parameters["roomId"] ?? ""
        var body: JSONValue = .object([])
        if !request.http.body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            guard let parsed = try? JSONValue(parsing: request.http.body), parsed.isObject else {
                throw EngineError(400, "invalidBody", "the body must be a JSON object")
            }
            body = parsed
        }
        var peerId: String?
        if let raw = body["peerId"], !raw.isNull {
            guard let text = raw.stringValue, !text.isEmpty, text.utf16.count <= 100 else {
                throw EngineError(400, "invalidBody", "peerId must be a non-empty string of at most 100 characters")
            }
            peerId = text
        }
        var displayName: String?
        if let raw = body["displayName"], !raw.isNull {
            guard let text = raw.stringValue else {
                throw EngineError(400, "invalidBody", "displayName must be a string")
            }
            displayName = text
        }
        let requestedPeer = peerId
        let requestedName = displayName
        let record: VideskRoom.Participant = try await request.context.write { tx in
            guard var room = try VideskRoomStore.resolve(value, tx) else { throw roomNotFound(value) }
            let state = room.state(at: tx.nowMilliseconds)
            guard state == .active else {
                throw EngineError(409, "roomNotActive", "room '\(value)' is \(state.rawValue), not active")
            }
            let peer = requestedPeer ?? tx.random { RandomID.uuid(using: &$0) }
            if room.participants.contains(where: { $0.peerId == peer && $0.leftAt == nil }) {
                throw EngineError(409, "peerAlreadyPresent", "peer '\(peer)' is already present")
            }
            let record = VideskRoom.Participant(
                peerId: peer, displayName: requestedName ?? "Participant \(room.participants.count + 1)",
                joinedAt: tx.nowMilliseconds, leftAt: nil)
            room.participants.append(record)
            try VideskRoomStore.update(room, tx)
            return record
        }
        return HTTPResponse(status: 201, contentType: contentType, body: record.json.jsonString())
    }

    static let list: RouteHandler = { request in
        let value = request.parameters["roomId"] ?? ""
        guard let room = try await request.context.read({ tx in try VideskRoomStore.resolve(value, tx) }) else {
            throw roomNotFound(value)
        }
        return HTTPResponse(status: 200, contentType: contentType,
                            body: JSONValue.array(room.participants.map(\.json)).jsonString())
    }

    static let remove: RouteHandler = { request in
        let value = request.parameters["roomId"] ?? ""
        let peer = request.parameters["peerId"] ?? ""
        try await request.context.write { tx in
            guard var room = try VideskRoomStore.resolve(value, tx) else { throw roomNotFound(value) }
            guard let index = room.participants.firstIndex(where: { $0.peerId == peer && $0.leftAt == nil }) else {
                throw EngineError(404, "notFound", "peer '\(peer)' is not present")
            }
            room.participants[index].leftAt = tx.nowMilliseconds
            try VideskRoomStore.update(room, tx)
        }
        return HTTPResponse(status: 204)
    }
}
