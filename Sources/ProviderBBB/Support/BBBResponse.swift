import ConfemuFormats
import ConfemuHTTP

/// The HTTP shapes of bbb.md §4.1.
enum BBBResponse {
    static let xmlContentType = "text/xml;charset=utf-8"
    static let htmlContentType = "text/html; charset=utf-8"

    /// HTTP 200 (or `status`) XML with `Cache-Control: no-cache`.
    static func xml(_ body: String, status: Int = 200) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.set("Content-Type", xmlContentType)
        headers.set("Cache-Control", "no-cache")
        return HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    /// 302 with `Location`, `Cache-Control: no-cache` and an empty body.
    static func redirect(_ location: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.set("Location", location)
        headers.set("Cache-Control", "no-cache")
        return HTTPResponse(status: 302, headers: headers, body: [])
    }

    static func html(_ body: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: htmlContentType, body: body)
    }

    /// The single-error envelope of bbb.md §4.2.
    static func failedEnvelope(messageKey: String, message: String) -> String {
        XMLBuilder.response { xml in
            xml.element("returncode", "FAILED")
            xml.element("messageKey", messageKey)
            xml.element("message", message)
        }
    }

    /// A small HTML page (bbb.md §6.3, §8.4).
    static func page(title: String, body: String) -> String {
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(htmlEscape(title))</title></head><body>\(body)</body></html>\n"
    }

    static func htmlEscape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
