import ConfemuFormats
import Foundation
@testable import ProviderJitsiAdmin
import Testing

@Suite("Jitsi-Admin formats")
struct FormatTests {
    @Test("JSONWriter.php matches the escaping table of §1.3")
    func phpEscaping() {
        let value: JSONValue = .string("/\"'<>&\\\u{08}\u{0C}\n\r\t\u{1F}\u{7F}öäüß😀")
        #expect(JSONWriter.php.string(value)
                    == #""\/\u0022\u0027\u003C\u003E\u0026\\\b\f\n\r\t\u001f"# + "\u{7F}" + #"\u00f6\u00e4\u00fc\u00df\ud83d\ude00""#)
    }

    @Test("PHP parameter rules: last duplicate wins, dots and spaces become underscores, arrays are missing")
    func parameters() {
        let decoded = PHPParameters.decode(Array("a=1&a=2&x.y=3&p+q=4&email[]=z&bad=%zz&s=%20x".utf8))
        #expect(decoded["a"] == .some("2"))
        #expect(decoded["x_y"] == .some("3"))
        #expect(decoded["p_q"] == .some("4"))
        #expect(decoded["email"] == .some(nil))
        #expect(decoded["bad"] == .some("%zz"))
        #expect(decoded["s"] == .some(" x"))
    }

    @Test("start forms of §2.2", arguments: [
        ("2021-02-01T13:00", "2021-02-01 13:00:00"), ("2021-02-01 13:00:05.123", "2021-02-01 13:00:05"),
        ("01.02.2021 13:00", "2021-02-01 13:00:00"), ("2021-02-30", "2021-03-02 00:00:00"),
        ("  2021-02-01t13:00z ", "2021-02-01 13:00:00"), ("2021-02-01T13:00+05:30", "2021-02-01 13:00:00"),
        ("@0", "1970-01-01 00:00:00"), ("tomorrow", "2026-11-23 00:00:00"),
    ])
    func startForms(input: String, stored: String) throws {
        let now = NaiveTime(year: 2026, month: 11, day: 22, hour: 11)
        let result = try #require(StartParser.parse(input, now: now))
        switch result {
        case .wall(let wall), .offsetDropped(let wall): #expect(wall.stored == stored)
        }
    }

    @Test("invalid start forms", arguments: ["garbage", "2021-13-01", "2021-02-01T25:00", "999-01-01", "2021-02-01T13"])
    func invalidStart(input: String) {
        #expect(StartParser.parse(input, now: NaiveTime(seconds: 0)) == nil)
    }

    @Test("duration and minutes")
    func numbers() {
        #expect(NumberParser.duration(" +45 ") == 45)
        for bad in ["", "abc", "45.5", "-5", "1e2", "12345678"] { #expect(NumberParser.duration(bad) == nil) }
        #expect(NumberParser.minutes("-15") == -15)
        #expect(NumberParser.minutes("15abc") == nil)
    }

    @Test("e-mail validation of §2.4")
    func emails() {
        for good in ["user+tag@example.com", "o'neil@example.com"] { #expect(EmailValidator.isValid(good)) }
        for bad in ["a@b", "ä@x.de", " a@b.de", ".a@b.de", "a..b@c.de", "a@-b.de"] { #expect(!EmailValidator.isValid(bad)) }
    }

    @Test("bearer token rule of §3")
    func bearer() {
        func token(_ value: String) -> String? {
            BearerToken(TestRequestShim.request(headers: [("Authorization", value)])).token
        }
        #expect(token("Bearer abc") == "abc")
        #expect(token("Bearer:abc") == "abc")
        for bad in ["bearer abc", "Bearer  abc", "Bearer: abc", "Token abc"] { #expect(token(bad) == nil) }
    }

    @Test("tzdata abbreviations, including instants after the last transition")
    func zones() throws {
        let berlin = try #require(ZoneRules(identifier: "Europe/Berlin"))
        #expect(berlin.period(at: 1_612_180_800).abbreviation == "CET")
        #expect(berlin.period(at: 1_625_140_800).abbreviation == "CEST")
        #expect(berlin.period(at: 4_118_000_000).abbreviation == "CEST") // 2100-06
        let sao = try #require(ZoneRules(identifier: "America/Sao_Paulo"))
        #expect(sao.period(at: 1_612_180_800).abbreviation == "-03")
        #expect(ZoneRules(identifier: "Mars/Base") == nil)
    }

    @Test("md5 and ICS helpers")
    func md5() {
        #expect(MD5.hex("a") == "0cc175b9c0f1b6a831c399e269772661")
        #expect(ICSWriter.filename("Weekly Sync") == "weekly_syn.ics")
        let long = ICSWriter.fold("DESCRIPTION:" + String(repeating: "ä", count: 60))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    }
}
