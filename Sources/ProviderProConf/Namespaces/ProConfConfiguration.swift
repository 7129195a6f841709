import ConfemuEngine
import ConfemuFormats
import ConfemuSupport

/// Credentials and settings of one namespace (proconf.md §2.1), as stored by the engine.
struct ProConfConfiguration: Sendable, Equatable {
    var jwtSecret: String
    var adminKey: String
    var domain: String?
    var vonageApiKey: String
    var vonageApiSecret: String
    /// `"text"` or `"json"` (§5.1).
    var createSessionResponse: String
    /// Minutes (§5.2 step 5).
    var timeToStart: Int64
    var jwtIssuer: String?

    /// Keys of the fixtures section that are credentials or settings (§2.4).
    static let settingKeys = ["jwtSecret", "adminKey", "domain", "vonageApiKey", "vonageApiSecret",
                              "createSessionResponse", "timeToStart", "jwtIssuer"]
    /// Keys of the fixtures section that hold state (§2.4).
    static let stateKeys = ["storageTarget", "sessions", "attendees", "archives", "announcedRooms"]
    /// Settings `PATCH /_confemu/namespaces/NAME/proconf` may change (decision: credentials select the
    /// namespace and must stay unique, so they are not settings).
    static let patchableKeys = ["domain", "createSessionResponse", "timeToStart", "jwtIssuer"]

    /// Reads a stored configuration; missing pieces fall back to the shipped defaults (never fails).
    init(_ json: JSONValue) {
        jwtSecret = json["jwtSecret"]?.stringValue ?? ""
        adminKey = json["adminKey"]?.stringValue ?? ""
        domain = json["domain"]?.stringValue
        vonageApiKey = json["vonageApiKey"]?.stringValue ?? "46000001"
        vonageApiSecret = json["vonageApiSecret"]?.stringValue ?? ""
        createSessionResponse = json["createSessionResponse"]?.stringValue ?? "text"
        timeToStart = json["timeToStart"]?.int64Value ?? 0
        jwtIssuer = json["jwtIssuer"]?.stringValue
    }

    init(jwtSecret: String, adminKey: String, domain: String?, vonageApiKey: String, vonageApiSecret: String,
         createSessionResponse: String, timeToStart: Int64, jwtIssuer: String?) {
        self.jwtSecret = jwtSecret
        self.adminKey = adminKey
        self.domain = domain
        self.vonageApiKey = vonageApiKey
        self.vonageApiSecret = vonageApiSecret
        self.createSessionResponse = createSessionResponse
        self.timeToStart = timeToStart
        self.jwtIssuer = jwtIssuer
    }

    var json: JSONValue {
        .object([
            ("jwtSecret", .string(jwtSecret)), ("adminKey", .string(adminKey)), ("domain", JSONValue(domain)),
            ("vonageApiKey", .string(vonageApiKey)), ("vonageApiSecret", .string(vonageApiSecret)),
            ("createSessionResponse", .string(createSessionResponse)), ("timeToStart", .integer(timeToStart)),
            ("jwtIssuer", JSONValue(jwtIssuer)),
        ])
    }

    /// §2.3: a runtime namespace takes each key from its section and generates the others.
    static func make(_ input: ConfigurationInput) throws -> ProConfConfiguration {
        let section = input.section ?? .object([])
        guard case .object(let members) = section else {
            throw NamespaceConfigurationError.invalid("proconf", "must be a JSON object")
        }
        for (key, _) in members where !settingKeys.contains(key) && !stateKeys.contains(key) {
            throw NamespaceConfigurationError.invalid("proconf.\(key)", "unknown key")
        }
        var rng = input.rng
        var config = ProConfConfiguration(
            jwtSecret: RandomID.hex(64, using: &rng),
            adminKey: "pca_" + RandomID.hex(32, using: &rng),
            domain: "\(input.namespace).proconf.confemu.test",
            vonageApiKey: "4" + RandomID.digits(7, leadingNonZero: false, using: &rng),
            vonageApiSecret: RandomID.hex(40, using: &rng),
            createSessionResponse: "text", timeToStart: 0, jwtIssuer: nil)
        try config.apply(section, keys: settingKeys, path: "proconf")
        for (other, configuration) in input.others {
            let existing = ProConfConfiguration(configuration)
            for (name, mine, theirs) in [("jwtSecret", config.jwtSecret, existing.jwtSecret),
                                         ("adminKey", config.adminKey, existing.adminKey)] where mine == theirs {
                throw NamespaceConfigurationError(
                    status: 409, code: "credentialsInUse", "proconf.\(name) is already used by namespace \(other)")
            }
        }
        return config
    }

    /// Applies the given keys of `object`, validating each (§2.1 types).
    mutating func apply(_ object: JSONValue, keys: [String], path: String, code: String = "invalidFixtures") throws {
        func invalid(_ key: String, _ problem: String) -> NamespaceConfigurationError {
            NamespaceConfigurationError.invalid("\(path).\(key)", problem, code: code)
        }
        for key in keys {
            guard let value = object[key] else { continue }
            switch key {
            case "jwtSecret", "adminKey":
                guard let text = value.stringValue, !text.isEmpty else { throw invalid(key, "must be a non-empty string") }
                if key == "jwtSecret" { jwtSecret = text } else { adminKey = text }
            case "domain":
                if value.isNull {
                    domain = nil
                } else if let text = value.stringValue, !text.isEmpty {
                    domain = text
                } else {
                    throw invalid(key, "must be a non-empty string or null")
                }
            case "vonageApiKey":
                guard let text = value.stringValue, text.utf8.count == 8, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
                else { throw invalid(key, "must be a string of 8 digits") }
                vonageApiKey = text
            case "vonageApiSecret":
                guard let text = value.stringValue, text.utf8.count == 40,
                      text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
                else { throw invalid(key, "must be 40 lowercase hex characters") }
                vonageApiSecret = text
            case "createSessionResponse":
                guard let text = value.stringValue, text == "text" || text == "json" else {
                    throw invalid(key, "must be \"text\" or \"json\"")
                }
                createSessionResponse = text
            case "timeToStart":
                guard let number = value.numberValue, number.isInteger, let minutes = number.int64Value, minutes >= 0,
                      minutes <= 525_600 * 100
                else { throw invalid(key, "must be an integer >= 0") }
                timeToStart = minutes
            case "jwtIssuer":
                if value.isNull {
                    jwtIssuer = nil
                } else if let text = value.stringValue {
                    jwtIssuer = text
                } else {
                    throw invalid(key, "must be a string or null")
                }
            default:
                continue
            }
        }
    }
}
