// Serialises hash words big-endian (FIPS 180-4 §3.1 item 3), stopping after `byteCount` bytes.
func bigEndianBytes<Word: FixedWidthInteger & UnsignedInteger>(of words: [Word], byteCount: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(byteCount)
    for word in words {
        for shift in stride(from: Word.bitWidth - 8, through: 0, by: -8) where bytes.count < byteCount {
            bytes.append(UInt8(truncatingIfNeeded: word &>> Word(shift)))
        }
    }
    return bytes
}
