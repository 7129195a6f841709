import ConfemuCrypto
import ConfemuFormats

/// Room access tokens (videsk.md §8.1): HS256 with the namespace `tokenSecret`, claims in the order
/// `room, externalId, iat, nbf, exp, sub, jti`; no `aud`, no `iss`.
enum VideskAccessToken {
    static func sign(room: VideskRoom, issuedAt: Int64, jti: String, secret: String) -> String {
        let payload: JSONValue = .object([
            ("room", .string(room.id)),
            ("externalId", .string(room.externalId)),
            ("iat", .integer(VideskDate.seconds(issuedAt))),
            ("nbf", .integer(VideskDate.seconds(room.nbf))),
            ("exp", .integer(VideskDate.seconds(room.exp))),
            ("sub", .string(room.id)),
            ("jti", .string(jti)),
        ])
        return JWT.sign(payload: payload.jsonBytes(), secret: secret)
    }
}
