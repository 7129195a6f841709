import ConfemuFormats

/// A stored room (videsk.md §7.1); dates are milliseconds since the epoch.
struct VideskRoom: Sendable {
    struct Authorization: Sendable {
        var ip: String
        var jti: String
        var createdAt: Int64

        var json: JSONValue {
            .object([("ip", .string(ip)), ("jti", .string(jti)), ("createdAt", .string(VideskDate.format(createdAt)))])
        }
    }

    struct Participant: Sendable {
        var peerId: String
        var displayName: String
        var joinedAt: Int64
        var leftAt: Int64?

        var json: JSONValue {
            .object([("peerId", .string(peerId)), ("displayName", .string(displayName)),
                     ("joinedAt", .string(VideskDate.format(joinedAt))),
                     ("leftAt", leftAt.map { .string(VideskDate.format($0)) } ?? .null)])
        }
    }

    var id: String
    var sequence: Int64
    var externalId: String
    var name: String
    var nbf: Int64
    var exp: Int64
    var ended: Bool
    var settings: JSONValue
    var createdAt: Int64
    var updatedAt: Int64
    var authorizations: [Authorization]
    var participants: [Participant]

    /// videsk.md §10 derived states.
    enum State: String { case scheduled, active, expired, ended }

    func state(at now: Int64) -> State {
        if ended { return .ended }
        if now < nbf { return .scheduled }
        if now < exp { return .active }
        return .expired
    }

    /// The rendered shape of videsk.md §7.2 (keys in order, `accessToken` last when given).
    func rendered(extended: Bool, accessToken: String? = nil) -> JSONValue {
        var members: [JSONMember] = [
            ("id", .string(id)), ("name", .string(name)), ("externalId", .string(externalId)),
            ("exp", .string(VideskDate.format(exp))), ("nbf", .string(VideskDate.format(nbf))),
            ("authorizations", .array(authorizations.map(\.json))),
        ]
        if extended {
            members += [("ended", .bool(ended)), ("settings", settings),
                        ("createdAt", .string(VideskDate.format(createdAt))),
                        ("updatedAt", .string(VideskDate.format(updatedAt)))]
        }
        if let accessToken { members.append(("accessToken", .string(accessToken))) }
        return .object(members)
    }

    /// The fixtures/state form of videsk.md §1.2, keys in the spec's order.
    var stateJSON: JSONValue {
        .object([
            ("id", .string(id)), ("externalId", .string(externalId)), ("name", .string(name)),
            ("nbf", .string(VideskDate.format(nbf))), ("exp", .string(VideskDate.format(exp))),
            ("ended", .bool(ended)), ("settings", settings),
            ("createdAt", .string(VideskDate.format(createdAt))), ("updatedAt", .string(VideskDate.format(updatedAt))),
            ("authorizations", .array(authorizations.map(\.json))),
            ("participants", .array(participants.map(\.json))),
        ])
    }

    /// Present participants get `leftAt` (videsk.md §10: expiry and ending).
    mutating func closeParticipants(at time: Int64) {
        for index in participants.indices where participants[index].leftAt == nil {
            participants[index].leftAt = time
        }
    }
}
