/// The claims set (payload) of a JWT: the JSON object exactly as received, plus typed accessors.
package struct JWTClaims: Sendable, Equatable {
    /// The payload bytes as received (base64url-decoded), so key order and spelling stay the sender's.
    package let json: [UInt8]
    package let values: [String: JWTValue]

    /// Nil unless `json` is a JSON object.
    package init?(json: [UInt8]) {
        guard let values = JWTValue.parseObject(json) else { return nil }
        self.json = json
        self.values = values
    }

    package subscript(name: String) -> JWTValue? {
        values[name]
    }

    package func contains(_ name: String) -> Bool {
        values[name] != nil
    }

    package func string(_ name: String) -> String? {
        values[name]?.stringValue
    }

    package func number(_ name: String) -> Double? {
        values[name]?.numberValue
    }

    /// The claim as an integer when it is a number without fraction that fits an Int64.
    package func integer(_ name: String) -> Int64? {
        number(name).flatMap { Int64(exactly: $0) }
    }

    package func bool(_ name: String) -> Bool? {
        values[name]?.boolValue
    }

    /// The claim when it is an array whose elements are all strings.
    package func stringArray(_ name: String) -> [String]? {
        guard let elements = values[name]?.arrayValue else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard let string = element.stringValue else { return nil }
            strings.append(string)
        }
        return strings
    }

    /// `exp` (RFC 7519 §4.1.4) when it is a number.
    package var exp: Double? { number("exp") }

    /// `nbf` (RFC 7519 §4.1.5) when it is a number.
    package var nbf: Double? { number("nbf") }

    /// `iat` (RFC 7519 §4.1.6) when it is a number.
    package var iat: Double? { number("iat") }
}
