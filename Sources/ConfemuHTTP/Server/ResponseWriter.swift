import ConfemuSupport

/// Serialises an `HTTPResponse` into the bytes of one write (http.md §11, 8.7).
package enum ResponseWriter {
    /// The `Connection` field the connection's state asks for (http.md 8.1, 8.2, 11.2).
    package enum ConnectionField: Sendable, Equatable {
        /// Persistent HTTP/1.1: no field.
        case none
        /// The connection closes after this response.
        case close
        /// Persistent HTTP/1.0 (http.md 8.1).
        case keepAlive
    }

    /// The serialised response. `body` is empty unless the body exceeds `gatherThreshold`, in which
    /// case head and body go out with one gathered `sendmsg` instead of being copied together (8.7).
    package struct Output: Sendable {
        package var head: [UInt8]
        package var body: [UInt8]
        /// The status actually written (500 when the response was replaced, 11.6).
        package var status: Int
        /// The handler's response was invalid and replaced by the 500 of 11.6.
        package var replaced = false

        package var count: Int { head.count + body.count }

        /// Both parts as one array (tests, small responses).
        package var bytes: [UInt8] { head + body }
    }

    /// Bodies above this size are sent from their own buffer with a gathered write (8.7).
    package static let gatherThreshold = 65536

    /// The interim response, exactly (http.md 11.8).
    package static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Fields the writer owns; a handler's copies are dropped (http.md 11.5).
    private static let ownedFields = ["content-length", "transfer-encoding", "connection", "date", "server"]

    /// - Parameters:
    ///   - omitBody: the request was HEAD (http.md 10.1): fields as for GET, no body bytes.
    ///   - date: the current IMF-fixdate (http.md 11.3).
    package static func serialize(_ response: HTTPResponse, omitBody: Bool, connection: ConnectionField,
                                  date: String, logger: Logger) -> Output {
        if let problem = validationProblem(response) {
            // http.md 11.6, RFC 9112 §11.1: never let a handler split the response; replace it whole.
            logger.error("response replaced by 500: \(problem)", [("slug", "invalid-response-header")])
            let replacement = HTTPResponse.protocolError(status: 500, slug: "invalid-response-header", close: false)
            var output = build(replacement, omitBody: omitBody, connection: connection, date: date, logger: logger)
            output.replaced = true
            return output
        }
        return build(response, omitBody: omitBody, connection: connection, date: date, logger: logger)
    }

    private static func build(_ response: HTTPResponse, omitBody: Bool, connection: ConnectionField,
                              date: String, logger: Logger) -> Output {
        let status = response.status
        let informational = (100...199).contains(status)
        // RFC 9110 §8.6, http.md 11.5: no Content-Length on 1xx and 204; RFC 9110 §15.3.5, §15.4.5:
        // 1xx, 204 and 304 carry no content.
        let hasContentLength = !informational && status != 204
        let sendsBody = !omitBody && !informational && status != 204 && status != 304

        var head: [UInt8] = []
        head.reserveCapacity(256)
        // http.md 2.7, 11.1: always HTTP/1.1 with the RFC 9110 reason phrase.
        append("HTTP/1.1 \(status) \(HTTPStatus.reason(status))\r\n", to: &head)
        if !informational {
            // http.md 11.2 order: Date, Server, the handler's fields, Content-Length, Connection.
            append("Date: \(date)\r\nServer: confemu\r\n", to: &head)
        }
        for field in response.headers {
            if ownedFields.contains(field.name.lowercased()) {
                logger.debug("dropped handler field owned by the writer", [("field", field.name)])
                continue
            }
            append(field.name, to: &head)
            append(": ", to: &head)
            append(field.value, to: &head)
            append("\r\n", to: &head)
        }
        if hasContentLength {
            append("Content-Length: \(response.body.count)\r\n", to: &head)
        }
        switch connection {
        case .none: break
        case .close: append("Connection: close\r\n", to: &head)
        case .keepAlive: append("Connection: keep-alive\r\n", to: &head)
        }
        append("\r\n", to: &head)

        guard sendsBody, !response.body.isEmpty else { return Output(head: head, body: [], status: status) }
        if response.body.count > gatherThreshold {
            return Output(head: head, body: response.body, status: status)
        }
        head.append(contentsOf: response.body)
        return Output(head: head, body: [], status: status)
    }

    /// Why a handler's response cannot be written as is (http.md 11.6), or nil.
    static func validationProblem(_ response: HTTPResponse) -> String? {
        guard (100...999).contains(response.status) else { return "status \(response.status) is not three digits" }
        for field in response.headers {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(isTokenCharacter) else {
                return "field name is not a token"
            }
            if field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
                return "value of \(field.name) contains CR, LF or NUL"
            }
        }
        return nil
    }

    /// tchar of RFC 9110 §5.6.2.
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func append(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: text.utf8)
    }
}
