extension Duration {
    /// Whole milliseconds, 0 for negative durations.
    var wholeMilliseconds: UInt64 {
        let parts = components
        guard parts.seconds >= 0 else { return 0 }
        return UInt64(parts.seconds) &* 1000 &+ UInt64(parts.attoseconds / 1_000_000_000_000_000)
    }
}
