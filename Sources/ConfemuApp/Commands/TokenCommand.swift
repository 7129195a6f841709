import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// `confemu token proconf --secret S [--permissions A,B] [--issuer I] [--expires-in 3600]`: prints one
/// HS256 bearer token on real time (proconf.md §4.4).
enum TokenCommand {
    /// The ten permission names of the session service (proconf.md §1).
    static let allPermissions = [
        "CreateMeetingSession", "GenerateMeetingToken", "EditMeeting", "StopMeeting", "GetMeetingAttendees",
        "GetMeetingArchives", "DeleteMeetingArchive", "SetMeetingUploadTarget", "StartMeetingArchive",
        "StopMeetingArchive",
    ]

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try ArgumentParser(arguments, valued: ["secret", "permissions", "issuer", "expires-in"])
        guard parsed.positionals == ["proconf"] else {
            throw ArgumentError.usage("usage: confemu token proconf --secret S [--permissions A,B] [--issuer I] [--expires-in 3600]")
        }
        guard let secret = parsed.values["secret"], !secret.isEmpty else { throw ArgumentError.missingValue("--secret") }
        var permissions = allPermissions
        if let list = parsed.values["permissions"] {
            permissions = list.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        var expiresIn = 3600
        if let text = parsed.values["expires-in"] {
            guard let value = Int(text), value > 0 else {
                throw ArgumentError.invalidValue(flag: "--expires-in", value: text, expected: "a positive number of seconds")
            }
            expiresIn = value
        }
        let issuedAt = Int(Date().timeIntervalSince1970)
        var claims: [(key: String, value: JSONValue)] = [
            ("id", "confemu-user"), ("userTenantId", "confemu-user"), ("username", "confemu"),
            ("permissions", .array(permissions.map(JSONValue.string))),
            ("iat", .integer(issuedAt)), ("exp", .integer(issuedAt + expiresIn)),
        ]
        if let issuer = parsed.values["issuer"] { claims.append(("iss", .string(issuer))) }
        let token = JWT.sign(payload: Array(JSONValue.object(claims).jsonString().utf8), secret: Array(secret.utf8))
        print(token)
        return 0
    }
}
