// Buffering and padding shared by the four SHA functions (FIPS 180-4 §5.1, §5.2). Whole blocks are compressed
// straight from the caller's buffer; only a partial block is copied, into `pending`, which is allocated once.
struct BlockHasher<Compression: CompressionFunction>: Sendable {
    private var state: Compression
    private var pending: [UInt8] = []
    private var totalBytes: UInt64 = 0

    init(_ initialState: Compression) {
        state = initialState
    }

    mutating func update(_ input: UnsafeRawBufferPointer) {
        guard !input.isEmpty else { return }
        let blockSize = Compression.blockSize
        totalBytes &+= UInt64(input.count)
        var offset = 0

        if !pending.isEmpty {
            let taken = min(blockSize - pending.count, input.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[0 ..< taken]))
            offset = taken
            guard pending.count == blockSize else { return }
            pending.withUnsafeBytes { state.compress($0) }
            pending.removeAll(keepingCapacity: true)
        }

        while input.count - offset >= blockSize {
            state.compress(UnsafeRawBufferPointer(rebasing: input[offset ..< offset + blockSize]))
            offset += blockSize
        }

        if offset < input.count {
            if pending.capacity < blockSize { pending.reserveCapacity(blockSize) }
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[offset...]))
        }
    }

    // FIPS 180-4 §5.1.1 / §5.1.2: append 0x80, zeros, then the message length in bits, big-endian, in a field
    // of 8 or 16 bytes, so that the total is a multiple of the block size (one or two more blocks).
    func finalize(byteCount: Int) -> [UInt8] {
        let blockSize = Compression.blockSize
        let lengthFieldSize = Compression.lengthFieldSize
        let tailSize = pending.count + 1 + lengthFieldSize <= blockSize ? blockSize : 2 * blockSize
        var state = self.state

        withUnsafeTemporaryAllocation(byteCount: tailSize, alignment: 8) { tail in
            tail.initializeMemory(as: UInt8.self, repeating: 0)
            pending.withUnsafeBytes { tail.copyMemory(from: $0) }
            tail[pending.count] = 0x80

            // Length in bits as a 128-bit big-endian number: high part, then low part (both zero-padded left).
            let lowBits = totalBytes &<< 3
            let highBits = totalBytes &>> 61
            for index in 0 ..< 8 {
                tail[tailSize - 1 - index] = UInt8(truncatingIfNeeded: lowBits &>> UInt64(8 * index))
            }
            if lengthFieldSize == 16 {
                for index in 0 ..< 8 {
                    tail[tailSize - 9 - index] = UInt8(truncatingIfNeeded: highBits &>> UInt64(8 * index))
                }
            }

            var offset = 0
            while offset < tailSize {
                state.compress(UnsafeRawBufferPointer(rebasing: tail[offset ..< offset + blockSize]))
                offset += blockSize
            }
        }
        return state.digest(byteCount: byteCount)
    }
}
