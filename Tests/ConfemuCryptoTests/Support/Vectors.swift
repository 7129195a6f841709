import ConfemuCrypto
import Foundation
import Testing

// The shapes of the files in fixtures/vectors/, decoded for parameterised tests.

struct DigestSet: Decodable, Sendable {
    let sha1: String?
    let sha256: String?
    let sha384: String?
    let sha512: String?

    func hex(for algorithm: HashAlgorithm) -> String? {
        switch algorithm {
        case .sha1: sha1
        case .sha256: sha256
        case .sha384: sha384
        case .sha512: sha512
        }
    }
}

// sha.json: FIPS 180-4 examples. `message` repeated `repeat` times (one million "a").
struct SHAVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let message: String
    let repeatCount: Int
    let digests: DigestSet

    var testDescription: String { name }

    private enum CodingKeys: String, CodingKey {
        case name, message, repeatCount = "repeat"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        message = try container.decode(String.self, forKey: .message)
        repeatCount = try container.decodeIfPresent(Int.self, forKey: .repeatCount) ?? 1
        digests = try DigestSet(from: decoder)
    }

    static func all() throws -> [SHAVector] {
        try VectorFiles.load(VectorList<SHAVector>.self, from: "sha.json").vectors
    }
}

// sha-padding-boundaries.json: messages byte[i] = i mod 251 of the given length.
struct PaddingVector: Decodable, Sendable, CustomTestStringConvertible {
    let length: Int
    let digests: DigestSet

    var testDescription: String { "\(length) bytes" }
    var message: [UInt8] { (0 ..< length).map { UInt8($0 % 251) } }

    private enum CodingKeys: String, CodingKey { case length }

    init(from decoder: any Decoder) throws {
        length = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .length)
        digests = try DigestSet(from: decoder)
    }

    static func all() throws -> [PaddingVector] {
        try VectorFiles.load(VectorList<PaddingVector>.self, from: "sha-padding-boundaries.json").vectors
    }
}

// hmac-rfc4231.json and hmac-rfc2202.json.
struct HMACVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let keyHex: String
    let data: String?
    let dataHex: String?
    let truncateToBytes: Int?
    let sha1: String?
    let sha256: String?
    let sha384: String?
    let sha512: String?

    var testDescription: String { name }

    var digests: DigestSet { DigestSet(sha1: sha1, sha256: sha256, sha384: sha384, sha512: sha512) }

    func key() throws -> [UInt8] {
        try #require(Hex.decode(keyHex), "key of \(name)")
    }

    func message() throws -> [UInt8] {
        if let data { return Array(data.utf8) }
        return try #require(dataHex.flatMap(Hex.decode), "data of \(name)")
    }

    static func rfc4231() throws -> [HMACVector] {
        try VectorFiles.load(VectorList<HMACVector>.self, from: "hmac-rfc4231.json").vectors
    }

    static func rfc2202() throws -> [HMACVector] {
        try VectorFiles.load(VectorList<HMACVector>.self, from: "hmac-rfc2202.json").vectors
    }
}

// jws-rfc7515.json: RFC 7515 Appendix A.1.
struct JWSExample: Decodable, Sendable {
    struct ExpectedClaims: Decodable, Sendable {
        let iss: String
        let exp: Double
        let trueClaim: String
    }

    let keyBase64URL: String
    let header: String
    let headerOctets: [UInt8]
    let headerBase64URL: String
    let payload: String
    let payloadBase64URL: String
    let signatureOctets: [UInt8]
    let token: String
    let expectedClaims: ExpectedClaims

    func key() throws -> [UInt8] {
        try #require(Base64URL.decode(keyBase64URL))
    }

    static func load() throws -> JWSExample {
        try VectorFiles.load(JWSExample.self, from: "jws-rfc7515.json")
    }
}

// bbb-checksum.json: the seed vector of bbb.md 3.2.
struct BBBChecksumExample: Decodable, Sendable {
    let call: String
    let query: String
    let secret: String
    let sha1: String
    let sha256: String

    static func load() throws -> BBBChecksumExample {
        try VectorFiles.load(BBBChecksumExample.self, from: "bbb-checksum.json")
    }
}

struct VectorList<Vector: Decodable & Sendable>: Decodable, Sendable {
    let vectors: [Vector]
}
