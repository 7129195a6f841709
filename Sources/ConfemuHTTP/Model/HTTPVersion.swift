/// `HTTP/major.minor` as received; every response says HTTP/1.1 (http.md 2.7).
package struct HTTPVersion: Sendable, Hashable {
    package var major: Int
    package var minor: Int

    package init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    package static let http10 = HTTPVersion(major: 1, minor: 0)
    package static let http11 = HTTPVersion(major: 1, minor: 1)
}
