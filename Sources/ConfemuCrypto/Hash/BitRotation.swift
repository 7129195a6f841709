// Circular right shift ROTR^n(x) of FIPS 180-4 §3.2; `n` is always a constant 1 ..< bit width.

@inline(__always)
func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &>> n) | (x &<< (32 &- n))
}

@inline(__always)
func rotateRight(_ x: UInt64, _ n: UInt64) -> UInt64 {
    (x &>> n) | (x &<< (64 &- n))
}
