import ConfemuEngine
import ConfemuFormats
import ConfemuSupport

/// The stored credentials and settings of a namespace (videsk.md §1.1, §1.2).
struct VideskConfiguration: Sendable {
    struct ExtraToken: Sendable {
        var token: String
        var status: String
        var allowedIps: [String]

        var json: JSONValue {
            .object([("token", .string(token)), ("status", .string(status)), ("allowedIps", JSONValue(allowedIps))])
        }
    }

    static let statuses = ["active", "expired", "revoked", "forbidden"]

    var apiToken: String
    var tokenSecret: String
    var rateLimitPerSecond: Int?
    var extendedRoomFields: Bool
    var extraApiTokens: [ExtraToken]

    /// Lenient decoding of a stored configuration (written by `json`).
    init(_ value: JSONValue) {
        apiToken = value["apiToken"]?.stringValue ?? ""
        tokenSecret = value["tokenSecret"]?.stringValue ?? ""
        rateLimitPerSecond = value["rateLimitPerSecond"]?.intValue
        extendedRoomFields = value["extendedRoomFields"]?.boolValue ?? false
        extraApiTokens = (value["extraApiTokens"]?.arrayValue ?? []).map { entry in
            ExtraToken(token: entry["token"]?.stringValue ?? "", status: entry["status"]?.stringValue ?? "active",
                       allowedIps: (entry["allowedIps"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
    }

    init(apiToken: String, tokenSecret: String, rateLimitPerSecond: Int?, extendedRoomFields: Bool,
         extraApiTokens: [ExtraToken]) {
        self.apiToken = apiToken
        self.tokenSecret = tokenSecret
        self.rateLimitPerSecond = rateLimitPerSecond
        self.extendedRoomFields = extendedRoomFields
        self.extraApiTokens = extraApiTokens
    }

    var json: JSONValue {
        .object([
            ("apiToken", .string(apiToken)),
            ("tokenSecret", .string(tokenSecret)),
            ("rateLimitPerSecond", JSONValue(rateLimitPerSecond)),
            ("extendedRoomFields", .bool(extendedRoomFields)),
            ("extraApiTokens", .array(extraApiTokens.map(\.json))),
        ])
    }

    /// Every API token of the namespace (main first).
    var allTokens: [String] { [apiToken] + extraApiTokens.map(\.token) }

    // MARK: Validation (videsk.md §1.2)

    static let sectionKeys = ["apiToken", "tokenSecret", "rateLimitPerSecond", "extendedRoomFields",
                              "extraApiTokens", "rooms"]

    static func isValidToken(_ value: String) -> Bool {
        !value.isEmpty && !value.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    static func invalid(_ path: String, _ problem: String, settings: Bool) -> NamespaceConfigurationError {
        NamespaceConfigurationError.invalid(path, problem, code: settings ? "invalidSettings" : "invalidFixtures")
    }

    static func rateLimit(_ value: JSONValue, path: String, settings: Bool) throws -> Int? {
        if value.isNull { return nil }
        guard case .number(let number) = value, number.isInteger, let limit = number.intValue,
              (1...10_000).contains(limit) else {
            throw invalid(path, "must be null or an integer 1 ... 10000", settings: settings)
        }
        return limit
    }

    static func extraTokens(_ value: JSONValue, path: String, settings: Bool) throws -> [ExtraToken] {
        guard let entries = value.arrayValue else { throw invalid(path, "must be an array", settings: settings) }
        var result: [ExtraToken] = []
        for (index, entry) in entries.enumerated() {
            let entryPath = "\(path)[\(index)]"
            guard let members = entry.objectValue else {
                throw invalid(entryPath, "must be an object", settings: settings)
            }
            for (key, _) in members where !["token", "status", "allowedIps"].contains(key) {
                throw invalid("\(entryPath).\(key)", "unknown key", settings: settings)
            }
            guard let token = entry["token"]?.stringValue, isValidToken(token) else {
                throw invalid("\(entryPath).token", "must be a non-empty string without whitespace",
                              settings: settings)
            }
            var status = "active"
            if let raw = entry["status"], !raw.isNull {
                guard let text = raw.stringValue, statuses.contains(text) else {
                    throw invalid("\(entryPath).status", "must be one of active, expired, revoked, forbidden",
                                  settings: settings)
                }
                status = text
            }
            var allowed: [String] = []
            if let raw = entry["allowedIps"], !raw.isNull {
                guard let list = raw.arrayValue else {
                    throw invalid("\(entryPath).allowedIps", "must be an array", settings: settings)
                }
                for (position, item) in list.enumerated() {
                    guard let text = item.stringValue, IPAllowList.isValid(text) else {
                        throw invalid("\(entryPath).allowedIps[\(position)]",
                                      "must be an IPv4/IPv6 address or CIDR block", settings: settings)
                    }
                    allowed.append(text)
                }
            }
            if token == "" || result.contains(where: { $0.token == token }) {
                throw invalid("\(entryPath).token", "duplicate token", settings: settings)
            }
            result.append(ExtraToken(token: token, status: status, allowedIps: allowed))
        }
        return result
    }

    /// Builds the configuration from a fixtures section (videsk.md §1.2, §1.4).
    static func make(_ input: ConfigurationInput) throws -> VideskConfiguration {
        var rng = input.rng
        let section = input.section ?? .null
        if !section.isNull {
            guard let members = section.objectValue else {
                throw invalid("$.videsk", "must be an object", settings: false)
            }
            for (key, _) in members where !sectionKeys.contains(key) {
                throw invalid("$.videsk.\(key)", "unknown key", settings: false)
            }
        }
        let usedTokens: [(String, String)] = input.others.flatMap { other in
            VideskConfiguration(other.configuration).allTokens.map { ($0, other.namespace) }
        }
        func generatedHex(_ count: Int) -> String {
            var out = ""
            for _ in 0..<count {
                let byte = UInt8(truncatingIfNeeded: rng.next())
                let digits = Array("0123456789abcdef")
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 15)])
            }
            return out
        }
        var apiToken: String
        if let raw = section["apiToken"], !raw.isNull {
            guard let text = raw.stringValue, isValidToken(text) else {
                throw invalid("$.videsk.apiToken", "must be a non-empty string without whitespace", settings: false)
            }
            apiToken = text
        } else {
            // videsk.md §1.4: 16 random bytes as 32 lowercase hex characters.
            apiToken = "videsk-" + generatedHex(16)
            while usedTokens.contains(where: { $0.0 == apiToken }) { apiToken = "videsk-" + generatedHex(16) }
        }
        if let clash = usedTokens.first(where: { $0.0 == apiToken }) {
            throw invalid("$.videsk.apiToken", "already used by namespace \"\(clash.1)\"", settings: false)
        }
        let tokenSecret: String
        if let raw = section["tokenSecret"], !raw.isNull {
            guard let text = raw.stringValue, text.utf8.count >= 32 else {
                throw invalid("$.videsk.tokenSecret", "must be a string of at least 32 UTF-8 bytes", settings: false)
            }
            tokenSecret = text
        } else {
            tokenSecret = generatedHex(32)
        }
        let rate = try section["rateLimitPerSecond"].map { try rateLimit($0, path: "$.videsk.rateLimitPerSecond",
                                                                          settings: false) } ?? nil
        var extended = false
        if let raw = section["extendedRoomFields"], !raw.isNull {
            guard let flag = raw.boolValue else {
                throw invalid("$.videsk.extendedRoomFields", "must be a boolean", settings: false)
            }
            extended = flag
        }
        var extras: [ExtraToken] = []
        if let raw = section["extraApiTokens"], !raw.isNull {
            extras = try extraTokens(raw, path: "$.videsk.extraApiTokens", settings: false)
        }
        for (index, extra) in extras.enumerated() {
            if extra.token == apiToken || usedTokens.contains(where: { $0.0 == extra.token }) {
                throw invalid("$.videsk.extraApiTokens[\(index)].token", "already used", settings: false)
            }
        }
        if let raw = section["rooms"], !raw.isNull, raw.arrayValue == nil {
            throw invalid("$.videsk.rooms", "must be an array", settings: false)
        }
        return VideskConfiguration(apiToken: apiToken, tokenSecret: tokenSecret, rateLimitPerSecond: rate,
                                   extendedRoomFields: extended, extraApiTokens: extras)
    }

    /// `PATCH /_confemu/namespaces/NAME/videsk` (control-plane.md §2): `rateLimitPerSecond`,
    /// `extendedRoomFields`, `extraApiTokens`.
    func updated(with patch: JSONValue) throws -> VideskConfiguration {
        guard let members = patch.objectValue else {
            throw Self.invalid("videsk", "settings must be a JSON object", settings: true)
        }
        var copy = self
        for (key, value) in members {
            switch key {
            case "rateLimitPerSecond":
                copy.rateLimitPerSecond = try Self.rateLimit(value, path: "videsk.rateLimitPerSecond", settings: true)
            case "extendedRoomFields":
                guard let flag = value.boolValue else {
                    throw Self.invalid("videsk.extendedRoomFields", "must be a boolean", settings: true)
                }
                copy.extendedRoomFields = flag
            case "extraApiTokens":
                copy.extraApiTokens = try Self.extraTokens(value, path: "videsk.extraApiTokens", settings: true)
            default:
                throw Self.invalid("videsk.\(key)", "unknown setting", settings: true)
            }
        }
        return copy
    }
}
