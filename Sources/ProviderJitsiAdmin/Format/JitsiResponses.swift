import ConfemuFormats
import ConfemuHTTP

/// Response builders (jitsi-admin.md §1.2, §1.3, §2.5).
enum JitsiResponses {
    /// `application/json` exactly, `Cache-Control: no-cache, private`, PHP escaping.
    static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Cache-Control", "no-cache, private")
        headers.add("Content-Type", "application/json")
        return HTTPResponse(status: status, headers: headers, body: JSONWriter.php.bytes(value))
    }

    static func html(_ text: String, status: Int) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Cache-Control", "no-cache, private")
        headers.add("Content-Type", "text/html; charset=UTF-8")
        return HTTPResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    enum Page {
        case crash
        case notFound
        case methodNotAllowed
    }

    /// The 404/405/500 page or its RFC 7807 JSON variant (jitsi-admin.md §2.5), with `Vary: Accept`.
    static func errorPage(_ page: Page, request: HTTPRequest?, allow: String? = nil) -> HTTPResponse {
        let status: Int
        let image: String
        let header: String
        let content: String
        let home: String
        let detail: String
        switch page {
        case .crash:
            (status, image, header, detail, home) = (500, "/images/error/error_1.svg", "Internal error",
                                                     "Internal Server Error", "Go to the homepage")
            content = "Oh, oh - what&#039;s happening here? The Conference seems to be broken. Don&#039;t worry he "
                + "is already trying to fix this."
        case .notFound:
            (status, image, header, detail, home) = (404, "/images/error/error_undefined.svg", "Seite nicht gefunden",
                                                     "Not Found", "Zur Startseite")
            content = "Huch? Wo wolltest du denn hin. Die Seite hat der Meetling leider nicht gefunden."
        case .methodNotAllowed:
            (status, image, header, detail, home) = (405, "/images/error/error_undefined.svg", "Allgemeiner Fehler",
                                                     "Method Not Allowed", "Zur Startseite")
            content = "Hier ist was schief gelaufen. Tut uns Leid"
        }
        var response: HTTPResponse
        if let request, AcceptNegotiation.prefersJSON(request.headers.combined("Accept")) {
            let body: JSONValue = [
                "type": "https://tools.ietf.org/html/rfc2616#section-10",
                "title": "An error occurred",
                "status": .integer(status),
                "detail": .string(detail),
            ]
            response = json(body, status: status)
        } else {
            let text = """
                <!DOCTYPE html>
                <html lang="de">
                <head>
                    <meta charset="UTF-8">
                    <title>\(status) - Jitsi-Admin</title>
                </head>
                <body>
                <div class="container">
                    <div class="row justify-content-center">
                        <div class="col-lg-6">
                            <div class="card">
                                <div class="card-body d-flex flex-row align-items-center">
                                    <div class="image me-3">
                                        <img src="\(image)">
                                    </div>
                                    <div class="text">
                                        <b style="font-size: 32px; font-weight: bold">\(status) - \(header)</b>
                                        <p>\(content)</p>
                                        <a class="btn btn-primary" href="/">\(home)</a>
                                    </div>
                                </div>
                            </div>
                        </div>
                    </div>
                </div>
                </body>
                </html>
                """
            response = html(text, status: status)
        }
        response.headers.add("Vary", "Accept")
        if let allow { response.headers.add("Allow", allow) }
        return response
    }
}
