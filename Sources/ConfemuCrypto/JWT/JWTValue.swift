/// A JSON value inside a JWT header or claims set, decoded into a Sendable form (numbers as `Double`, as in
/// JavaScript; objects without their key order, which the raw bytes in `JWTClaims.json` still hold).
package enum JWTValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JWTValue])
    case object([String: JWTValue])

    package var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    package var numberValue: Double? {
        if case .number(let value) = self { value } else { nil }
    }

    package var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    package var arrayValue: [JWTValue]? {
        if case .array(let value) = self { value } else { nil }
    }

    package var objectValue: [String: JWTValue]? {
        if case .object(let value) = self { value } else { nil }
    }
}
