/// The four SHA functions chosen at run time, e.g. from a BBB checksum's length (bbb.md 3.2 step 2) or a
/// namespace's `checksumAlgorithms` list. Raw values are the names the specs use.
package enum HashAlgorithm: String, CaseIterable, Sendable, CustomStringConvertible {
    case sha1
    case sha256
    case sha384
    case sha512

    /// The algorithm whose digest has `hexLength` hex characters: 40, 64, 96 or 128 (bbb.md 3.2 step 2).
    package init?(hexLength: Int) {
        guard let algorithm = Self.allCases.first(where: { $0.hexLength == hexLength }) else { return nil }
        self = algorithm
    }

    package var description: String { rawValue }

    package var digestSize: Int {
        switch self {
        case .sha1: SHA1.digestSize
        case .sha256: SHA256.digestSize
        case .sha384: SHA384.digestSize
        case .sha512: SHA512.digestSize
        }
    }

    package var hexLength: Int { digestSize * 2 }

    package func hash(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: SHA1.hash(bytes)
        case .sha256: SHA256.hash(bytes)
        case .sha384: SHA384.hash(bytes)
        case .sha512: SHA512.hash(bytes)
        }
    }

    /// The digest of the UTF-8 bytes of `string`.
    package func hash(_ string: String) -> [UInt8] {
        switch self {
        case .sha1: SHA1.hash(string)
        case .sha256: SHA256.hash(string)
        case .sha384: SHA384.hash(string)
        case .sha512: SHA512.hash(string)
        }
    }

    /// The digest as lowercase hex.
    package func hexDigest(_ bytes: [UInt8]) -> String {
        Hex.encode(hash(bytes))
    }

    /// The digest of the UTF-8 bytes of `string`, as lowercase hex.
    package func hexDigest(_ string: String) -> String {
        Hex.encode(hash(string))
    }

    /// HMAC (RFC 2104) with this hash function.
    package func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: HMAC<SHA1>.authenticationCode(for: message, key: key)
        case .sha256: HMAC<SHA256>.authenticationCode(for: message, key: key)
        case .sha384: HMAC<SHA384>.authenticationCode(for: message, key: key)
        case .sha512: HMAC<SHA512>.authenticationCode(for: message, key: key)
        }
    }
}
