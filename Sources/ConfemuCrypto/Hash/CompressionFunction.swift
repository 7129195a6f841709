// The chaining state of a Merkle–Damgård hash and its block compression (FIPS 180-4 §6). `BlockHasher`
// does the buffering and padding around it.
protocol CompressionFunction: Sendable {
    // Bytes per block: 64 (SHA-1, SHA-256) or 128 (SHA-384, SHA-512).
    static var blockSize: Int { get }
    // Bytes of the message-length field at the end of the padding: 8 or 16 (FIPS 180-4 §5.1).
    static var lengthFieldSize: Int { get }

    // Processes exactly `blockSize` bytes starting at `block`'s first byte.
    mutating func compress(_ block: UnsafeRawBufferPointer)

    // The first `byteCount` bytes of the big-endian serialised state (SHA-384 truncates, §6.5).
    func digest(byteCount: Int) -> [UInt8]
}
