// SHA-1 state and compression, FIPS 180-4 §5.3.1 (initial hash), §6.1.2 (computation), §4.1.1 (functions).
struct SHA1Compression: CompressionFunction {
    static let blockSize = 64
    static let lengthFieldSize = 8

    private var h0: UInt32 = 0x6745_2301
    private var h1: UInt32 = 0xEFCD_AB89
    private var h2: UInt32 = 0x98BA_DCFE
    private var h3: UInt32 = 0x1032_5476
    private var h4: UInt32 = 0xC3D2_E1F0

    mutating func compress(_ block: UnsafeRawBufferPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            for t in 0 ..< 16 {
                w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
            }
            for t in 16 ..< 80 {
                w[t] = rotateRight(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 31)  // ROTL^1
            }

            var a = h0, b = h1, c = h2, d = h3, e = h4
            for t in 0 ..< 80 {
                let f: UInt32
                let k: UInt32
                switch t {
                case 0 ..< 20: f = (b & c) | (~b & d); k = 0x5A82_7999  // Ch
                case 20 ..< 40: f = b ^ c ^ d; k = 0x6ED9_EBA1  // Parity
                case 40 ..< 60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC  // Maj
                default: f = b ^ c ^ d; k = 0xCA62_C1D6  // Parity
                }
                let temp = rotateRight(a, 27) &+ f &+ e &+ k &+ w[t]  // ROTL^5(a)
                e = d
                d = c
                c = rotateRight(b, 2)  // ROTL^30(b)
                b = a
                a = temp
            }
            h0 &+= a
            h1 &+= b
            h2 &+= c
            h3 &+= d
            h4 &+= e
        }
    }

    func digest(byteCount: Int) -> [UInt8] {
        bigEndianBytes(of: [h0, h1, h2, h3, h4], byteCount: byteCount)
    }
}
