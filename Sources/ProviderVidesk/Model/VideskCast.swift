import ConfemuEngine
import ConfemuFormats

/// Body parsing (videsk.md §4.4) and Mongoose-style casts with their messages (§6, §9.2).
enum VideskCast {
    /// Empty or whitespace-only → `{}`; invalid JSON or a scalar top level → 400 `invalidJson`.
    static func body(_ bytes: [UInt8]) throws -> JSONValue {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return .object([]) }
        guard let value = try? JSONValue(parsing: bytes), value.isObject || value.isArray else {
            throw ProviderError(VideskErrorKey.invalidJson)
        }
        return value
    }

    /// A member whose value is `null` counts as absent.
    static func member(_ body: JSONValue, _ key: String) -> JSONValue? {
        guard let value = body[key], !value.isNull else { return nil }
        return value
    }

    /// `string`, `number`, `boolean`, `Array`, `Object`.
    static func typeWord(_ value: JSONValue) -> String {
        switch value {
        case .array: "Array"
        case .object: "Object"
        case .bool: "boolean"
        case .number: "number"
        default: "string"
        }
    }

    /// A string value verbatim, anything else as compact JSON (videsk.md §6).
    static func shown(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.jsonString()
    }

    static func castError(_ kind: String, _ value: JSONValue, path: String, model: Bool = false) -> ProviderError {
        let suffix = model ? " for model \"Room\"" : ""
        let key = model ? VideskErrorKey.queryCastError : VideskErrorKey.castError
        return VideskCatalogue.error(
            key, message: "Cast to \(kind) failed for value \"\(shown(value))\" (type \(typeWord(value))) at path "
                + "\"\(path)\"\(suffix)")
    }

    static func string(_ value: JSONValue, path: String) throws -> String {
        switch value {
        case .string(let text): return text
        case .number, .bool: return value.jsonString()
        default: throw castError("string", value, path: path)
        }
    }

    static func date(_ value: JSONValue, path: String) throws -> Int64 {
        guard let millis = VideskDate.parse(json: value) else { throw castError("date", value, path: path) }
        return millis
    }

    /// videsk.md §9.4: `true`, `false`, `"true"`, `"false"`, `1`, `0`, `"1"`, `"0"`, `"yes"`, `"no"`.
    static func boolean(_ value: JSONValue, path: String) throws -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .number(let number) where number.isInteger && (number.int64Value == 0 || number.int64Value == 1):
            return number.int64Value == 1
        case .string(let text) where ["true", "1", "yes"].contains(text): return true
        case .string(let text) where ["false", "0", "no"].contains(text): return false
        default: throw castError("Boolean", value, path: path)
        }
    }

    /// Lengths in UTF-16 code units (videsk.md §6).
    static func checkLength(_ value: String, path: String, maximum: Int) throws {
        guard value.utf16.count > maximum else { return }
        throw VideskCatalogue.error(
            VideskErrorKey.maxLengthExceeded,
            message: "Validation failed: \(path): Path `\(path)` (`\(value)`) is longer than the maximum allowed "
                + "length (\(maximum)).")
    }

    /// videsk.md §9.2 step 5.
    static func checkDates(nbf: Int64, exp: Int64, now: Int64) throws {
        guard exp > now else { throw ProviderError(VideskErrorKey.expNotInFuture) }
        guard exp > nbf else { throw ProviderError(VideskErrorKey.expBeforeNbf) }
        guard exp - nbf <= 72 * 3_600_000 else { throw ProviderError(VideskErrorKey.windowTooLong) }
    }
}
