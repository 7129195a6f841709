import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuSupport

extension BBBConfiguration {
    /// Builds a namespace's block from its fixtures section (bbb.md §2.2): given fields are validated,
    /// missing credentials generated from the namespace RNG, clashes with other namespaces refused (409).
    static func make(_ input: ConfigurationInput) throws -> BBBConfiguration {
        var configuration = BBBConfiguration(.object([]))
        var rng = input.rng
        let section = input.section ?? .object([])
        guard let members = section.objectValue else {
            throw NamespaceConfigurationError.invalid("bbb", "must be a JSON object")
        }
        let allowed = Set(["key", "secret", "baseURLs", "meetings", "recordings"] + settingNames)
        for member in members where !allowed.contains(member.key) {
            throw NamespaceConfigurationError.invalid("bbb.\(member.key)", "unknown field")
        }
        if let value = section["key"] {
            guard let key = value.stringValue else { throw NamespaceConfigurationError.invalid("bbb.key", "must be a string") }
            guard isValidKey(key) else {
                throw NamespaceConfigurationError.invalid(
                    "bbb.key", "must be 1-64 characters from A-Z a-z 0-9 _ -, not start with _ and not be a reserved path segment")
            }
            configuration.key = key
        } else {
            // bbb.md §2.2: generated keys are `k` + 11 characters from [a-z0-9].
            configuration.key = "k" + RandomID.lowerAlphanumeric(11, using: &rng)
        }
        if let value = section["secret"] {
            guard let secret = value.stringValue, !secret.isEmpty else {
                throw NamespaceConfigurationError.invalid("bbb.secret", "must be a non-empty string")
            }
            configuration.secret = secret
        } else {
            configuration.secret = RandomID.uuid(using: &rng)
        }
        try configuration.apply(section, path: "bbb", strict: false)
        // bbb.md §2.2: keys and secrets are unique across namespaces.
        for other in input.others {
            let existing = BBBConfiguration(other.configuration)
            if existing.key == configuration.key {
                throw NamespaceConfigurationError(
                    status: 409, code: "conflict",
                    "bbb key '\(configuration.key)' is already used by namespace '\(other.namespace)'")
            }
            if existing.secret == configuration.secret {
                throw NamespaceConfigurationError(
                    status: 409, code: "conflict", "bbb secret is already used by namespace '\(other.namespace)'")
            }
        }
        return configuration
    }

    /// Applies the settings fields present in `object`. `strict` (PATCH) refuses every other field.
    mutating func apply(_ object: JSONValue, path: String, strict: Bool) throws {
        let code = strict ? "invalidSettings" : "invalidFixtures"
        func invalid(_ field: String, _ problem: String) -> NamespaceConfigurationError {
            NamespaceConfigurationError.invalid("\(path).\(field)", problem, code: code)
        }
        guard let members = object.objectValue else {
            throw NamespaceConfigurationError(code: code, "\(path): must be a JSON object")
        }
        for (name, value) in members {
            switch name {
            case "checksumAlgorithms":
                guard let list = value.arrayValue, !list.isEmpty else {
                    throw invalid(name, "must be a non-empty array of sha1, sha256, sha384, sha512")
                }
                var algorithms: [HashAlgorithm] = []
                for item in list {
                    guard let text = item.stringValue, let algorithm = HashAlgorithm(rawValue: text) else {
                        throw invalid(name, "must be a non-empty array of sha1, sha256, sha384, sha512")
                    }
                    if !algorithms.contains(algorithm) { algorithms.append(algorithm) }
                }
                checksumAlgorithms = algorithms
            case "attendeeOnJoin":
                guard let flag = value.boolValue else { throw invalid(name, "must be a boolean") }
                attendeeOnJoin = flag
            case "meetingExpireIfNoUserJoinedInMinutes":
                guard let number = value.intValue, number >= 1 else { throw invalid(name, "must be an integer >= 1") }
                meetingExpireIfNoUserJoinedInMinutes = number
            case "meetingExpireWhenLastUserLeftInMinutes":
                guard let number = value.intValue, number >= 0 else { throw invalid(name, "must be an integer >= 0") }
                meetingExpireWhenLastUserLeftInMinutes = number
            case "recordingProcessingSeconds":
                guard let number = value.intValue, number >= 0 else { throw invalid(name, "must be an integer >= 0") }
                recordingProcessingSeconds = number
            case "key", "secret":
                // bbb.md §2.2: credentials cannot be changed by PATCH.
                if strict { throw invalid(name, "cannot be changed") }
            default:
                if strict { throw invalid(name, "unknown setting") }
            }
        }
    }
}
