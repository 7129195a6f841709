import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// Reads a posted fault rule and checks it against the providers' operations and catalogues.
package enum FaultRuleParser {
    package static func parse(_ document: JSONValue, providers: [any Provider]) throws -> FaultRule {
        guard case .object = document else { throw invalid("the fault rule must be a JSON object") }
        let match = document["match"] ?? .object([])
        let trigger = document["trigger"] ?? .object([])
        guard let effect = document["effect"], case .object = effect else {
            throw invalid("effect: required object")
        }
        guard case .object = match else { throw invalid("match: must be an object") }
        guard case .object = trigger else { throw invalid("trigger: must be an object") }

        let providerName = match["provider"]?.stringValue ?? "*"
        let provider = providers.first { $0.id.rawValue == providerName }
        guard providerName == "*" || provider != nil else {
            throw invalid("match.provider: unknown provider '\(providerName)' (bbb, jitsiAdmin, videsk, proconf or *)")
        }
        let operation = match["operation"]?.stringValue ?? "*"
        if let provider, operation != "*", !provider.operations.contains(operation) {
            throw invalid("match.operation: '\(operation)' is not an operation of \(providerName)")
        }
        var params: [(name: String, value: String)] = []
        if let given = match["params"], !given.isNull {
            guard case .object(let members) = given else { throw invalid("match.params: must be an object") }
            for (name, value) in members {
                switch value {
                case .string(let text): params.append((name, text))
                case .object, .array, .null: throw invalid("match.params.\(name): must be a string, number or boolean")
                default: params.append((name, value.jsonString()))
                }
            }
        }

        let skip = try nonNegativeInt(trigger["skip"], name: "trigger.skip") ?? 0
        let times: Int?
        if let value = trigger["times"] {
            times = value.isNull ? nil : try nonNegativeInt(value, name: "trigger.times")
        } else {
            times = 1
        }
        var probability = 1.0
        if let value = trigger["probability"], !value.isNull {
            guard let number = value.doubleValue, number >= 0, number <= 1 else {
                throw invalid("trigger.probability: must be a number from 0 to 1")
            }
            probability = number
        }

        var parsed = FaultEffect()
        if let error = effect["error"], !error.isNull {
            guard let key = error.stringValue else { throw invalid("effect.error: must be a catalogue key") }
            let candidates = provider.map { [$0] } ?? providers
            guard candidates.contains(where: { $0.catalogue.contains(key) }) else {
                throw invalid("effect.error: '\(key)' is not in the error catalogue of \(providerName)")
            }
            parsed.error = key
        }
        if let status = effect["status"], !status.isNull {
            guard let code = status.intValue, (100...599).contains(code) else {
                throw invalid("effect.status: must be an HTTP status from 100 to 599")
            }
            parsed.status = code
        }
        if let body = effect["body"], !body.isNull {
            guard let text = body.stringValue else { throw invalid("effect.body: must be a string") }
            parsed.body = text
        }
        if let headers = effect["headers"], !headers.isNull {
            guard case .object(let members) = headers else { throw invalid("effect.headers: must be an object") }
            for (name, value) in members {
                guard let text = value.stringValue, isToken(name),
                      !text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                    throw invalid("effect.headers.\(name): must be a valid header name with a string value")
                }
                parsed.headers.append((name, text))
            }
        }
        if let delay = effect["delayMs"], !delay.isNull {
            guard let value = try nonNegativeInt(delay, name: "effect.delayMs"), value <= 300_000 else {
                throw invalid("effect.delayMs: must be an integer from 0 to 300000")
            }
            parsed.delayMs = value
        }
        if let connection = effect["connection"], !connection.isNull {
            guard let text = connection.stringValue, let behaviour = FaultEffect.ConnectionBehaviour(rawValue: text)
            else { throw invalid("effect.connection: must be reset, close or hang") }
            parsed.connection = behaviour
        }
        guard parsed.error != nil || parsed.status != nil || parsed.delayMs != nil || parsed.connection != nil else {
            throw invalid("effect: needs one of error, status, delayMs or connection")
        }
        if parsed.error != nil, parsed.status != nil {
            throw invalid("effect: error and status cannot be combined")
        }
        if parsed.connection != nil, parsed.error != nil || parsed.status != nil {
            throw invalid("effect: connection cannot be combined with error or status")
        }

        var echoed: [(key: String, value: JSONValue)] = [("match", match), ("trigger", trigger), ("effect", effect)]
        if case .object(let members) = document {
            for (key, value) in members where !["match", "trigger", "effect"].contains(key) {
                echoed.append((key, value))
            }
        }
        return FaultRule(id: "", provider: providerName, operation: operation, params: params, skip: skip,
                         times: times, probability: probability, effect: parsed, hits: 0, matches: 0,
                         document: .object(echoed))
    }

    private static func nonNegativeInt(_ value: JSONValue?, name: String) throws -> Int? {
        guard let value, !value.isNull else { return nil }
        guard let number = value.intValue, number >= 0 else { throw invalid("\(name): must be a non-negative integer") }
        return number
    }

    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func invalid(_ message: String) -> EngineError {
        EngineError(400, "invalidFault", message)
    }
}
