import Testing
@testable import ConfemuHTTP

@Suite("HTTPDate (http.md 11.3)")
struct HTTPDateTests {
    @Test("IMF-fixdate of known instants")
    func knownDates() {
        #expect(HTTPDate.format(epochSeconds: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(epochSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(epochSeconds: 1_795_341_600) == "Sun, 22 Nov 2026 10:00:00 GMT")
    }

    @Test("the cached text changes only when the second changes")
    func cache() {
        var date = HTTPDate()
        #expect(date.string(epochSeconds: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(date.string(epochSeconds: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(date.string(epochSeconds: 61) == "Thu, 01 Jan 1970 00:01:01 GMT")
    }
}
