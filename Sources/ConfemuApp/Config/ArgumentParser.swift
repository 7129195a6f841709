import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// A small flag reader: `--name value` and `--name=value`, boolean flags without a value, and
/// positional arguments. Unknown flags are errors (exit 2).
package struct ArgumentParser {
    package private(set) var positionals: [String] = []
    package private(set) var values: [String: String] = [:]
    package private(set) var switches: Set<String> = []

    /// - Parameters:
    ///   - valued: flags that take a value.
    ///   - booleans: flags that take none.
    package init(_ arguments: [String], valued: Set<String>, booleans: Set<String> = []) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--"), argument.count > 2 else {
                positionals.append(argument)
                continue
            }
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                let name = String(body[..<equals])
                guard valued.contains(name) else { throw ArgumentError.unknownFlag("--" + name) }
                values[name] = String(body[body.index(after: equals)...])
            } else {
                let name = String(body)
                if booleans.contains(name) {
                    switches.insert(name)
                } else if valued.contains(name) {
                    guard index < arguments.count else { throw ArgumentError.missingValue("--" + name) }
                    values[name] = arguments[index]
                    index += 1
                } else {
                    throw ArgumentError.unknownFlag("--" + name)
                }
            }
        }
    }
}

package enum ArgumentError: Error, CustomStringConvertible, Equatable {
    case unknownFlag(String)
    case missingValue(String)
    case invalidValue(flag: String, value: String, expected: String)
    case usage(String)

    package var description: String {
        switch self {
        case .unknownFlag(let flag): "unknown flag \(flag)"
        case .missingValue(let flag): "flag \(flag) needs a value"
        case .invalidValue(let flag, let value, let expected): "invalid value '\(value)' for \(flag): expected \(expected)"
        case .usage(let text): text
        }
    }
}
