import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// The control plane's Host and Origin guards, CORS fields and admin token (http.md 10.3,
/// control-plane.md §11).
struct RequestGuards: Sendable {
    let adminToken: String?
    let allowedHosts: Set<String>

    init(adminToken: String?, boundHost: String, publicURL: String) {
        self.adminToken = adminToken
        var hosts: Set<String> = ["localhost", "[::1]", "::1"]
        hosts.insert(Self.bareHost(boundHost).lowercased())
        if let publicHost = Self.host(ofURL: publicURL) { hosts.insert(publicHost.lowercased()) }
        allowedHosts = hosts
    }

    /// 403 `host-not-allowed` (only without an admin token) or `origin-not-allowed`; nil to continue.
    func refusal(for request: HTTPRequest) -> HTTPResponse? {
        if adminToken == nil {
            let authority = request.authority ?? ""
            guard isAllowed(host: Self.bareHost(Self.stripPort(authority))) else {
                return ControlJSON.error(403, "host-not-allowed",
                                         "the Host of this request is not a loopback name; set --admin-token to allow it")
            }
        }
        if let origin = request.headers.first("Origin") {
            guard origin != "null", let host = Self.host(ofURL: origin), isAllowed(host: host) else {
                return ControlJSON.error(403, "origin-not-allowed", "cross-site requests to the control plane are refused")
            }
        }
        return nil
    }

    /// The request's `Origin` when it is on the allow-list (http.md 10.3 e: only those get CORS fields).
    func allowedOrigin(of request: HTTPRequest) -> String? {
        guard let origin = request.headers.first("Origin"), origin != "null",
              let host = Self.host(ofURL: origin), isAllowed(host: host) else { return nil }
        return origin
    }

    /// 401 when an admin token is configured and the request does not carry it.
    func adminTokenRefusal(for request: HTTPRequest) -> HTTPResponse? {
        guard let adminToken else { return nil }
        let given = request.headers.first("Authorization") ?? ""
        let expected = "Bearer " + adminToken
        guard constantTimeEquals(Array(given.utf8), Array(expected.utf8)) else {
            var response = ControlJSON.error(401, "unauthorized",
                                             "the control plane needs Authorization: Bearer <admin-token>")
            // RFC 9110 §11.6.1: a 401 carries a challenge.
            response.headers.set("WWW-Authenticate", "Bearer realm=\"confemu\"")
            return response
        }
        return nil
    }

    func addCORS(_ response: inout HTTPResponse, origin: String) {
        response.headers.set("Access-Control-Allow-Origin", origin)
        response.headers.set("Vary", "Origin")
    }

    private func isAllowed(host: String) -> Bool {
        let lowered = host.lowercased()
        if allowedHosts.contains(lowered) || lowered.hasSuffix(".localhost") { return true }
        return Self.isLoopbackIPv4(lowered)
    }

    static func isLoopbackIPv4(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in part.count <= 3 && !part.isEmpty && part.allSatisfy(\.isNumber) && (Int(part) ?? 256) < 256 }
    }

    /// `host[:port]` → host (keeping `[v6]` brackets).
    static func stripPort(_ authority: String) -> String {
        if authority.hasPrefix("[") {
            if let close = authority.firstIndex(of: "]") { return String(authority[...close]) }
            return authority
        }
        if let colon = authority.lastIndex(of: ":") { return String(authority[..<colon]) }
        return authority
    }

    static func bareHost(_ host: String) -> String {
        host == "::1" ? "[::1]" : host
    }

    /// The host of `scheme://host[:port]/...`, nil when the text is not such a URL.
    static func host(ofURL url: String) -> String? {
        let lowered = url.lowercased()
        let rest: Substring
        if lowered.hasPrefix("http://") {
            rest = url.dropFirst(7)
        } else if lowered.hasPrefix("https://") {
            rest = url.dropFirst(8)
        } else {
            return nil
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        return stripPort(String(authority))
    }
}
