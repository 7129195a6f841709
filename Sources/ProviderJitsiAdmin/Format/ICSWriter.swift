import Foundation
import ConfemuSupport

/// The `.ics` attachment of jitsi-admin.md §8.
enum ICSWriter {
    static func calendar(room: RoomRecord, body: String, method: String, moderator: UserRecord?, joinBrowser: String,
                         nowSeconds: Int64, startInstant: Int64, endInstant: Int64) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//h2-invent//ics//EN", "CALSCALE:GREGORIAN",
            "METHOD:\(method)", "BEGIN:VEVENT",
            // The UID ends with a bare `@`: API rooms have no host URL upstream.
            "UID:\(MD5.hex(room.conferenceID))@",
            "DTSTAMP:\(utc(nowSeconds))", "DTSTART:\(utc(startInstant))", "DTEND:\(utc(endInstant))",
        ]
        if room.name != "", room.name != "0" { lines.append("SUMMARY:\(text(room.name))") }
        let cn = "\(moderator?.firstName ?? "") \(moderator?.lastName ?? "")"
        lines += [
            "LOCATION:meetling", "DESCRIPTION:\(text(body))", "SEQUENCE:0", "CLASS:PUBLIC", "TRANSP:OPAQUE",
            "ORGANIZER;CN=\(commonName(cn)):MAILTO:\(asciiLower(moderator?.email ?? ""))",
            "URL:\(text(joinBrowser))",
            "X-MICROSOFT-CDO-ONLINE-MEETING:YES",
            "X-MICROSOFT-CDO-ONLINE-MEETING-CONFLINK:\(text(joinBrowser))",
            "X-MICROSOFT-CDO-ONLINE-MEETING-EXTERNALLINK:\(text(joinBrowser))",
            "X-MICROSOFT-DISALLOW-COUNTER:FALSE", "X-MS-OLK-CONFTYPE:0",
            "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT10M", "DESCRIPTION:\(text(room.name))", "END:VALARM",
            "END:VEVENT", "END:VCALENDAR",
        ]
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `yyyyMMddTHHmmssZ`.
    static func utc(_ seconds: Int64) -> String {
        let c = CivilTime(epochSeconds: seconds)
        return "\(NaiveTime.pad(c.year, 4))\(NaiveTime.pad(c.month))\(NaiveTime.pad(c.day))T"
            + "\(NaiveTime.pad(c.hour))\(NaiveTime.pad(c.minute))\(NaiveTime.pad(c.second))Z"
    }

    /// TEXT escaping: `\` `;` `,` newline.
    static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func commonName(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            if scalar == "\\" || scalar == "\"" || scalar == ";" || scalar == ":" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    static func asciiLower(_ value: String) -> String {
        String(decoding: value.utf8.map { (0x41...0x5A).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// RFC 5545 §3.1: at most 75 octets per line, continuation lines start with one space, never split
    /// inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var current = ""
        var currentBytes = 0
        var limit = 75
        for character in line.unicodeScalars {
            let size = String(character).utf8.count
            if currentBytes + size > limit {
                out += current + "\r\n "
                current = ""
                currentBytes = 0
                limit = 74
            }
            current.unicodeScalars.append(character)
            currentBytes += size
        }
        return out + current
    }

    /// The name lower-cased, only `a-z 0-9 space`, spaces as `_`, 10 characters, `.ics`.
    static func filename(_ name: String) -> String {
        let kept = asciiLower(name).unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == " " }
        let text = String(String.UnicodeScalarView(kept)).replacingOccurrences(of: " ", with: "_")
        return String(text.prefix(10)) + ".ics"
    }
}
