import Foundation

extension JWTValue {
    // The object in `bytes`, parsed with JSONSerialization, or nil for anything else: invalid JSON or UTF-8,
    // a top-level array or scalar, nesting deeper than JSONSerialization's limit, numbers out of Double range.
    // JSONSerialization reports all of these by throwing, which is caught here.
    static func parseObject(_ bytes: [UInt8]) -> [String: JWTValue]? {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(bytes)),
              let object = parsed as? [String: Any] else { return nil }
        return convert(object: object)
    }

    private static func convert(object: [String: Any]) -> [String: JWTValue]? {
        var result: [String: JWTValue] = [:]
        result.reserveCapacity(object.count)
        for (key, member) in object {
            guard let value = JWTValue(foundationValue: member) else { return nil }
            result[key] = value
        }
        return result
    }

    // JSONSerialization produces NSNull, String, NSNumber, [Any] and [String: Any]. JSON `true`/`false` come
    // back as the boolean subclass of NSNumber (`__NSCFBoolean`, on Linux as on Darwin), which is how they are
    // told apart from the numbers 1 and 0: `as? Bool` would accept both.
    private init?(foundationValue value: Any) {
        switch value {
        case is NSNull:
            self = .null
        case let string as String:
            self = .string(string)
        case let number as NSNumber:
            if ObjectIdentifier(type(of: number)) == Self.booleanClass {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        case let array as [Any]:
            var elements: [JWTValue] = []
            elements.reserveCapacity(array.count)
            for element in array {
                guard let converted = JWTValue(foundationValue: element) else { return nil }
                elements.append(converted)
            }
            self = .array(elements)
        case let object as [String: Any]:
            guard let converted = Self.convert(object: object) else { return nil }
            self = .object(converted)
        default:
            return nil
        }
    }

    private static let booleanClass = ObjectIdentifier(type(of: NSNumber(value: true)))
}
