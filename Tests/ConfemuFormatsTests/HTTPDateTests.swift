import ConfemuFormats
import Foundation
import Testing

@Suite("HTTPDate")
struct HTTPDateTests {
    @Test("IMF-fixdate text (RFC 9110 §5.6.7)", arguments: [
        (Int64(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT"),
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (1_795_341_600, "Sun, 22 Nov 2026 10:00:00 GMT"),
        (1_709_210_096, "Thu, 29 Feb 2024 12:34:56 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"),
    ])
    func format(seconds: Int64, text: String) {
        #expect(HTTPDate.imfFixdate(epochSeconds: seconds) == text)
        #expect(HTTPDate.imfFixdateBytes(epochSeconds: seconds) == Array(text.utf8))
        #expect(HTTPDate.parseIMFFixdate(text) == seconds)
    }

    @Test("a Date is formatted with the fraction dropped")
    func fromDate() {
        #expect(HTTPDate.imfFixdate(Date(timeIntervalSince1970: 784_111_777.999)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.imfFixdate(Date(timeIntervalSince1970: -0.5)) == "Wed, 31 Dec 1969 23:59:59 GMT")
        #expect(HTTPDate.epochSeconds(of: Date(timeIntervalSince1970: 1.9)) == 1)
    }

    @Test("absurd inputs are clamped instead of trapping")
    func extremes() {
        #expect(!HTTPDate.imfFixdate(epochSeconds: Int64.min).isEmpty)
        #expect(!HTTPDate.imfFixdate(epochSeconds: Int64.max).isEmpty)
        #expect(!HTTPDate.imfFixdate(Date(timeIntervalSince1970: .infinity)).isEmpty)
        #expect(!HTTPDate.imfFixdate(Date(timeIntervalSince1970: -.greatestFiniteMagnitude)).isEmpty)
    }

    @Test("only exact IMF-fixdate parses", arguments: [
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Sun, 06 Nov 1994 08:49:37 gmt",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Mon, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Thu, 30 Feb 2024 00:00:00 GMT",
        "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT ",
        "",
    ])
    func rejects(text: String) {
        #expect(HTTPDate.parseIMFFixdate(text) == nil)
    }

    @Test("the cache formats once per second")
    func cache() {
        var cache = HTTPDateCache()
        let first = cache.bytes(epochSeconds: 784_111_777)
        #expect(first == Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8))
        #expect(cache.bytes(epochSeconds: 784_111_777) == first)
        #expect(cache.string(epochSeconds: 784_111_778) == "Sun, 06 Nov 1994 08:49:38 GMT")
        #expect(cache.string(epochSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
