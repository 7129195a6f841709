import ConfemuFormats
import Foundation
import Testing

@Suite("ISO8601")
struct ISO8601Tests {
    @Test("toISOString text from epoch milliseconds", arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_723_658_400_000, "2024-08-14T18:00:00.000Z"),
        (1_718_871_014_123, "2024-06-20T08:10:14.123Z"),
        (1_795_341_600_007, "2026-11-22T10:00:00.007Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
        (-62_198_755_200_000, "-000001-01-01T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (253_402_300_800_000, "+010000-01-01T00:00:00.000Z"),
        (8_640_000_000_000_000, "+275760-09-13T00:00:00.000Z"),
    ])
    func javaScriptString(millis: Int64, text: String) {
        #expect(ISO8601.javaScriptString(epochMilliseconds: millis) == text)
    }

    @Test("whole-second form truncates the milliseconds (proconf.md admin rooms)")
    func wholeSeconds() {
        #expect(ISO8601.javaScriptStringWholeSeconds(epochMilliseconds: 1_718_871_014_999) == "2024-06-20T08:10:14.000Z")
        #expect(ISO8601.javaScriptStringWholeSeconds(epochMilliseconds: -1) == "1969-12-31T23:59:59.000Z")
    }

    @Test("Date to milliseconds does not lose a millisecond to Double rounding")
    func dateMilliseconds() {
        #expect(ISO8601.epochMilliseconds(of: Date(timeIntervalSince1970: 1_718_871_014.123)) == 1_718_871_014_123)
        #expect(ISO8601.epochMilliseconds(of: ISO8601.date(epochMilliseconds: 1_795_341_600_007)) == 1_795_341_600_007)
        #expect(ISO8601.epochMilliseconds(of: Date(timeIntervalSince1970: 0.0019)) == 1)
        #expect(ISO8601.epochMilliseconds(of: Date(timeIntervalSince1970: -0.0005)) == -1)
        #expect(ISO8601.epochMilliseconds(of: Date(timeIntervalSince1970: .infinity)) == ISO8601.maxTime)
        #expect(ISO8601.javaScriptString(Date(timeIntervalSince1970: 1_723_658_400.5)) == "2024-08-14T18:00:00.500Z")
    }

    @Test("every millisecond of a second survives Date and back")
    func roundTripMilliseconds() {
        for millis in Int64(1_718_871_014_000)...Int64(1_718_871_014_999) {
            #expect(ISO8601.epochMilliseconds(of: ISO8601.date(epochMilliseconds: millis)) == millis)
        }
    }

    @Test("lexical forms and their instants", arguments: [
        ("2030-01-01T12:00:00+02:00", Int64(1_893_492_000_000)),
        ("2030-01-01t10:00:00z", 1_893_492_000_000),
        ("2030-01-01 10:00:00Z", 1_893_492_000_000),
        ("2030-01-01T10:00:00.123456789Z", 1_893_492_000_123),
        ("2030-01-01T10:00:00.5Z", 1_893_492_000_500),
        ("2030-01-01T10:00Z", 1_893_492_000_000),
        ("2030-01-01T10:00", 1_893_492_000_000),
        ("2030-01-01T11:30+0130", 1_893_492_000_000),
        ("2030-01-01T07:00-03", 1_893_492_000_000),
        ("2030-01-01", 1_893_456_000_000),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
    ])
    func instants(text: String, millis: Int64) throws {
        let parts = try #require(ISO8601.parse(text))
        #expect(parts.epochMilliseconds == millis)
    }

    @Test("parts keep how the text was written")
    func parts() throws {
        let full = try #require(ISO8601.parse("2030-01-01T12:00:00.120+02:00"))
        #expect(full.separator == "T")
        #expect(full.second == 0)
        #expect(full.fraction == "120")
        #expect(full.zone == .offset(minutes: 120, style: .colon))
        #expect(full.isRFC3339DateTime)
        let compact = try #require(ISO8601.parse("2030-01-01 12:00-0330"))
        #expect(compact.separator == " ")
        #expect(compact.second == nil)
        #expect(compact.zone == .offset(minutes: -210, style: .compact))
        #expect(!compact.isRFC3339DateTime)
        let date = try #require(ISO8601.parse("2030-01-01"))
        #expect(date.separator == nil && date.hour == nil && date.zone == nil)
        #expect(!date.isRFC3339DateTime)
        #expect(try #require(ISO8601.parse("2030-01-01 12:00:00Z")).isRFC3339DateTime == false)
        #expect(try #require(ISO8601.parse("2030-01-01t12:00:00z")).isRFC3339DateTime)
        #expect(try #require(ISO8601.parse("2030-01-01T12:00:00+02")).isRFC3339DateTime == false)
    }

    @Test("lexically malformed text gives no parts", arguments: [
        "", "2030", "2030-1-01", "2030-01-01T", "2030-01-01T1:00", "2030-01-01T10", "2030-01-01T10:00:0",
        "2030-01-01T10:00:00.", "2030-01-01T10:00:00ZZ", "2030-01-01T10:00:00+2", "2030-01-01T10:00:00+02:0",
        "2030-01-01X10:00", " 2030-01-01", "2030-01-01T10:00:00+02:00 ", "20300-01-01", "2030-01-01T10:00:00.+01",
        "+2030-01-01", "2030-01-01T10:00:00+01:60", "2030-01-01T10:00:00+0160",
    ])
    func malformed(text: String) {
        #expect(ISO8601.parse(text) == nil)
    }

    @Test("calendar checks: no Feb 30, no hour 24, no leap second, offsets up to 23:59", arguments: [
        "2030-02-29", "2028-02-30", "2030-13-01", "2030-00-10", "2030-04-31", "2030-01-00",
        "2030-01-01T24:00:00Z", "2030-01-01T10:60:00Z", "2030-01-01T10:00:60Z", "2030-01-01T10:00:00+24:00",
    ])
    func calendar(text: String) throws {
        let parts = try #require(ISO8601.parse(text))
        #expect(!parts.isCalendarValid)
        #expect(parts.epochMilliseconds == nil)
    }

    @Test("days in month follow the Gregorian leap rule")
    func daysInMonth() {
        #expect(ISO8601.daysInMonth(year: 2024, month: 2) == 29)
        #expect(ISO8601.daysInMonth(year: 1900, month: 2) == 28)
        #expect(ISO8601.daysInMonth(year: 2000, month: 2) == 29)
        #expect(ISO8601.daysInMonth(year: 2030, month: 4) == 30)
        #expect(ISO8601.daysInMonth(year: 2030, month: 13) == 0)
    }
}
