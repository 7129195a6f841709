import ConfemuFormats
import ConfemuHTTP

/// bbb.md §5.3.3: join errors are XML when `redirect` parses as false, else a 302 carrying `errors=`.
enum JoinErrorRule {
    /// bbb.md §5.3.2: absent, empty or `true` (any case) redirects; anything else is XML.
    static func redirects(_ parameters: BBBParameters) -> Bool {
        guard let value = parameters["redirect"], !value.isEmpty else { return true }
        return value.lowercased() == "true"
    }

    static func respond(_ spec: BBBErrorSpec, parameters: BBBParameters, baseURL: String) -> HTTPResponse {
        switch spec.join {
        case .alwaysXML:
            return BBBResponse.xml(spec.body, status: spec.status)
        case .rule where !redirects(parameters):
            return BBBResponse.xml(spec.body, status: spec.status)
        case .rule, .alwaysRedirect:
            let base = parameters.nonEmpty("errorRedirectUrl") ?? parameters.nonEmpty("logoutURL") ?? baseURL
            return BBBResponse.redirect(location(base: base, messageKey: spec.messageKey, message: spec.message))
        }
    }

    /// The base URL with `errors=<percent-encoded JSON>` appended before any fragment.
    static func location(base: String, messageKey: String, message: String) -> String {
        let json = "[{\"message\":\(JSONWriter.standard.quoted(message)),\"key\":\(JSONWriter.standard.quoted(messageKey))}]"
        let parameter = "errors=" + FormDecoding.percentEncode(json)
        var url = Substring(base)
        var fragment = ""
        if let hash = url.firstIndex(of: "#") {
            fragment = String(url[hash...])
            url = url[..<hash]
        }
        let separator = url.contains("?") ? "&" : "?"
        return String(url) + separator + parameter + fragment
    }
}
