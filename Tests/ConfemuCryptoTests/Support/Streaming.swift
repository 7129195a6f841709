import ConfemuCrypto

// Feeds `chunks` one after the other to a fresh hasher of `algorithm` through the streaming API.
func streamedDigest(_ algorithm: HashAlgorithm, _ chunks: [[UInt8]]) -> [UInt8] {
    switch algorithm {
    case .sha1: streamedDigest(SHA1.self, chunks)
    case .sha256: streamedDigest(SHA256.self, chunks)
    case .sha384: streamedDigest(SHA384.self, chunks)
    case .sha512: streamedDigest(SHA512.self, chunks)
    }
}

func streamedDigest<H: HashFunction>(_: H.Type, _ chunks: [[UInt8]]) -> [UInt8] {
    var hasher = H()
    for chunk in chunks {
        hasher.update(chunk)
    }
    return hasher.finalize()
}

// Like `streamedDigest`, for HMAC.
func streamedMAC(_ algorithm: HashAlgorithm, key: [UInt8], _ chunks: [[UInt8]]) -> [UInt8] {
    switch algorithm {
    case .sha1: streamedMAC(SHA1.self, key: key, chunks)
    case .sha256: streamedMAC(SHA256.self, key: key, chunks)
    case .sha384: streamedMAC(SHA384.self, key: key, chunks)
    case .sha512: streamedMAC(SHA512.self, key: key, chunks)
    }
}

func streamedMAC<H: HashFunction>(_: H.Type, key: [UInt8], _ chunks: [[UInt8]]) -> [UInt8] {
    var mac = HMAC<H>(key: key)
    for chunk in chunks {
        mac.update(chunk)
    }
    return mac.finalize()
}
