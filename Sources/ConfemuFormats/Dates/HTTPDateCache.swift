/// The `Date` field value for the current second, formatted once per second (http.md 11.3): the server asks
/// for every response and pays for formatting only when the second changes. A value type for the one
/// thread that writes responses.
package struct HTTPDateCache: Sendable {
    private var cachedSecond: Int64?
    private var cachedBytes: [UInt8] = []

    package init() {}

    /// The IMF-fixdate bytes for the second `epochSeconds`.
    package mutating func bytes(epochSeconds: Int64) -> [UInt8] {
        if cachedSecond != epochSeconds {
            cachedBytes = HTTPDate.imfFixdateBytes(epochSeconds: epochSeconds)
            cachedSecond = epochSeconds
        }
        return cachedBytes
    }

    package mutating func string(epochSeconds: Int64) -> String {
        String(decoding: bytes(epochSeconds: epochSeconds), as: UTF8.self)
    }
}
