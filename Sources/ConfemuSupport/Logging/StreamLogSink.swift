import Foundation
import Synchronization

/// Writes one line per record to a file descriptor (stdout by default), as text or JSON lines.
package final class StreamLogSink: LogSink {
    package enum Format: String, Sendable { case text, json }

    private let format: Format
    private let fileDescriptor: Int32
    private let lock = Mutex<Void>(())

    package init(format: Format, fileDescriptor: Int32 = 1) {
        self.format = format
        self.fileDescriptor = fileDescriptor
    }

    package func write(_ record: LogRecord) {
        let line = format == .json ? Self.jsonLine(record) : Self.textLine(record)
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        lock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { raw in
                    Foundation.write(fileDescriptor, raw.baseAddress, raw.count)
                }
                if written <= 0 { break }
                offset += written
            }
        }
    }

    package static func textLine(_ record: LogRecord) -> String {
        var line = "\(Timestamp.rfc3339Milliseconds(record.time)) \(record.level) \(record.message)"
        for (key, value) in record.metadata {
            let needsQuotes = value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" })
            line += needsQuotes ? " \(key)=\"\(value.replacingOccurrences(of: "\"", with: "\\\""))\"" : " \(key)=\(value)"
        }
        return line
    }

    package static func jsonLine(_ record: LogRecord) -> String {
        var line = "{\"time\":\(quote(Timestamp.rfc3339Milliseconds(record.time)))"
        line += ",\"level\":\(quote(record.level.description)),\"message\":\(quote(record.message))"
        for (key, value) in record.metadata {
            line += ",\(quote(key)):\(quote(value))"
        }
        return line + "}"
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
