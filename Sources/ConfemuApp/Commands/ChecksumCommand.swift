import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// `confemu checksum <call> <query> --secret S [--algorithm A]`: prints the query with its BBB
/// checksum appended (bbb.md §3.2), ready to paste after `?`.
enum ChecksumCommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try ArgumentParser(arguments, valued: ["secret", "algorithm"])
        guard parsed.positionals.count == 2 || parsed.positionals.count == 1 else {
            throw ArgumentError.usage("usage: confemu checksum <call> <query> --secret S [--algorithm sha1|sha256|sha384|sha512]")
        }
        guard let secret = parsed.values["secret"] else { throw ArgumentError.missingValue("--secret") }
        let call = parsed.positionals[0]
        let query = parsed.positionals.count == 2 ? parsed.positionals[1] : ""
        let algorithmName = parsed.values["algorithm"] ?? "sha1"
        let input = Array((call + query + secret).utf8)
        let checksum: String
        switch algorithmName {
        case "sha1": checksum = Hex.encode(SHA1.hash(input))
        case "sha256": checksum = Hex.encode(SHA256.hash(input))
        case "sha384": checksum = Hex.encode(SHA384.hash(input))
        case "sha512": checksum = Hex.encode(SHA512.hash(input))
        default:
            throw ArgumentError.invalidValue(flag: "--algorithm", value: algorithmName, expected: "sha1|sha256|sha384|sha512")
        }
        print(query.isEmpty ? "checksum=\(checksum)" : "\(query)&checksum=\(checksum)")
        return 0
    }
}
