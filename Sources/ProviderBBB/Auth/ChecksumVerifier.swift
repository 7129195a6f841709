import Foundation
import ConfemuCrypto
import ConfemuFormats
import ConfemuHTTP

/// The checksum of bbb.md §3.2, with the diagnostics of §3.4.
struct ChecksumVerifier {
    enum Outcome: Sendable, Equatable {
        case valid
        case missing
        case mismatch
    }

    struct Result: Sendable {
        var outcome: Outcome
        var diagnostics: [String]
    }

    /// One string that may have been signed, with the diagnostic suffix naming it.
    private struct Candidate {
        var text: String
        var suffix: String
    }

    static func verify(call: String, request: HTTPRequest, secret: String, allowed: [HashAlgorithm],
                       namespace: String) -> Result {
        let query = request.rawQuery ?? ""
        // bbb.md §3.2 step 4: the POST form with an empty URL query is signed over the body.
        let formBody = BBBParameters.isFormPost(request) && query.isEmpty
        let signedRaw = formBody ? String(decoding: request.body, as: UTF8.self) : query

        // Step 1: presence.
        let values = rawChecksumValues(signedRaw)
        guard let first = values.first, !first.isEmpty else {
            return Result(outcome: .missing, diagnostics: ["checksumError: call \"\(call)\": no checksum parameter"])
        }
        guard values.count == 1 else {
            return Result(outcome: .mismatch, diagnostics: [
                "checksumError: call \"\(call)\": \(values.count) checksum parameters, only one is allowed",
            ])
        }
        // Step 2: length → algorithm.
        let received = first
        guard let algorithm = HashAlgorithm(hexLength: received.utf8.count) else {
            return Result(outcome: .mismatch, diagnostics: [
                "checksumError: call \"\(call)\": checksum has \(received.count) characters; expected 40 (sha1), 64 (sha256), 96 (sha384) or 128 (sha512)",
            ])
        }
        // Step 3: allowed in the namespace.
        guard allowed.contains(algorithm) else {
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            return Result(outcome: .mismatch, diagnostics: [
                "checksumError: call \"\(call)\": algorithm \(algorithm.rawValue) is not allowed in namespace \"\(namespace)\" (allowed: \(list))",
            ])
        }
        // Step 4: candidates.
        var candidates: [Candidate] = []
        if formBody {
            candidates.append(Candidate(text: canonicalForm(request.body), suffix: " [form, sorted]"))
            candidates.append(Candidate(text: removingChecksum(signedRaw, value: received), suffix: " [raw body]"))
        } else {
            candidates.append(Candidate(text: removingChecksum(query, value: received), suffix: ""))
        }
        // Step 5: compare, case-insensitively.
        let isHex = received.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
        }
        var diagnostics: [String] = []
        for candidate in candidates {
            let expected = algorithm.hexDigest(call + candidate.text + secret)
            if isHex, constantTimeEquals(expected, received.lowercased()) {
                return Result(outcome: .valid, diagnostics: [])
            }
            diagnostics.append(
                "checksumError: call \"\(call)\", algorithm \(algorithm.rawValue) (\(algorithm.hexLength) hex characters), hashed \"\(call)\(candidate.text)<secret>\", expected \(expected), received \(received)\(candidate.suffix)")
        }
        return Result(outcome: .mismatch, diagnostics: diagnostics)
    }

    /// Raw (undecoded) values of the parameters named exactly `checksum`.
    static func rawChecksumValues(_ raw: String) -> [String] {
        raw.split(separator: "&", omittingEmptySubsequences: true).compactMap { piece in
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first == "checksum" else { return nil }
            return parts.count > 1 ? String(parts[1]) : ""
        }
    }

    /// bbb.md §3.2 step 4: three literal replacements, each of every occurrence, in this order.
    static func removingChecksum(_ raw: String, value: String) -> String {
        raw.replacingOccurrences(of: "&checksum=\(value)", with: "")
            .replacingOccurrences(of: "checksum=\(value)&", with: "")
            .replacingOccurrences(of: "checksum=\(value)", with: "")
    }

    /// BBB's canonical string of a form body: parameters without `checksum`, names sorted by code point
    /// (repeated names keep their order), values encoded like Java `URLEncoder`.
    static func canonicalForm(_ body: [UInt8]) -> String {
        let pairs = FormDecoding.decode(body).filter { $0.name != "checksum" }
        let sorted = pairs.enumerated().sorted { lhs, rhs in
            let (left, right) = (Array(lhs.element.name.unicodeScalars.map(\.value)),
                                 Array(rhs.element.name.unicodeScalars.map(\.value)))
            if left != right { return left.lexicographicallyPrecedes(right) }
            return lhs.offset < rhs.offset
        }
        return sorted.map { "\($0.element.name)=\(javaURLEncode($0.element.value))" }.joined(separator: "&")
    }

    /// Java `URLEncoder.encode(value, UTF-8)`: `A-Z a-z 0-9 . - * _` kept, space → `+`, else `%XX`.
    static func javaURLEncode(_ value: String) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var out = String.UnicodeScalarView()
        for byte in value.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2E, 0x2D, 0x2A, 0x5F:
                out.append(Unicode.Scalar(byte))
            case 0x20:
                out.append("+")
            default:
                out.append("%")
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 15)])
            }
        }
        return String(out)
    }
}
