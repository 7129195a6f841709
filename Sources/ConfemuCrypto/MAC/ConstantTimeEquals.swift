/// Compares two byte strings in time that depends only on their lengths, never on where they differ, so a
/// client cannot find a valid signature or token byte by byte from response times.
package func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    lhs.withUnsafeBytes { left in
        rhs.withUnsafeBytes { right in
            constantTimeEquals(left, right)
        }
    }
}

/// Compares the UTF-8 bytes of two strings like `constantTimeEquals(_:_:)` on byte arrays.
package func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    var lhs = lhs
    var rhs = rhs
    return lhs.withUTF8 { left in
        rhs.withUTF8 { right in
            constantTimeEquals(UnsafeRawBufferPointer(left), UnsafeRawBufferPointer(right))
        }
    }
}

// Every byte of the longer input is read; differences are OR-ed together and inspected once at the end.
@inline(never)
package func constantTimeEquals(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
    var difference: UInt8 = lhs.count == rhs.count ? 0 : 1
    let count = max(lhs.count, rhs.count)
    for index in 0 ..< count {
        let left: UInt8 = index < lhs.count ? lhs[index] : 0
        let right: UInt8 = index < rhs.count ? rhs[index] : 0
        difference |= left ^ right
    }
    return difference == 0
}
