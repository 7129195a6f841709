import ConfemuControlPlane
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import ConfemuTesting
import Testing

@Suite("Control-plane guards, CORS, routing results and the admin token (http.md 10.2, 10.3, §15)")
struct GuardTests {
    static let corsFields = ["Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
                             "Access-Control-Max-Age", "Vary", "Access-Control-Allow-Credentials"]

    @Test("C01: a preflight on /health from an allowed origin is 204 echoing the origin")
    func c01() async throws {
        let h = try await Harness.make()
        let r = await h.control(.OPTIONS, "/_confemu/health",
                                headers: [("Origin", "http://localhost:3000"), ("Access-Control-Request-Method", "GET")])
        #expect(r.status == 204)
        #expect(r.header("Access-Control-Allow-Origin") == "http://localhost:3000")
        #expect(r.header("Vary") == "Origin")
        #expect(r.header("Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS")
        #expect(r.header("Access-Control-Allow-Headers") == "Authorization, Content-Type")
        #expect(r.header("Access-Control-Max-Age") == "600")
        #expect(r.header("Access-Control-Allow-Credentials") == nil)
        #expect(r.connectionAction == .keepAlive)
        await h.close()
    }

    @Test("C02, C03, C07: a foreign or null Origin is 403 origin-not-allowed without CORS fields",
          arguments: [(HTTPMethod.OPTIONS, "/_confemu/namespaces", "https://evil.example"),
                      (.POST, "/_confemu/namespaces/default/requests/count", "https://evil.example"),
                      (.POST, "/_confemu/namespaces/default/requests/count", "null")])
    func foreignOrigin(method: HTTPMethod, path: String, origin: String) async throws {
        let h = try await Harness.make()
        var headers = [("Origin", origin)]
        if method == .OPTIONS { headers.append(("Access-Control-Request-Method", "POST")) }
        let r = await h.control(method, path, json: method == .POST ? .object([]) : nil, headers: headers)
        #expect(r.status == 403)
        #expect(r.json["error"]?["code"] == "origin-not-allowed")
        for field in Self.corsFields { #expect(r.header(field) == nil) }
        #expect(r.connectionAction == .keepAlive)
        await h.close()
    }

    @Test("C04: a foreign Host without an admin token is 403 host-not-allowed; /health stays open")
    func c04() async throws {
        let h = try await Harness.make()
        let r = await h.control(.GET, "/_confemu/namespaces", headers: [("Host", "attacker.example")])
        #expect(r.status == 403)
        #expect(r.json["error"]?["code"] == "host-not-allowed")
        #expect(await h.control(.GET, "/_confemu/health", headers: [("Host", "attacker.example")]).status == 200)
        for host in ["localhost:8080", "app.localhost", "127.1.2.3:9", "[::1]:8080", "LOCALHOST"] {
            #expect(await h.control(.GET, "/_confemu/namespaces", headers: [("Host", host)]).status == 200)
        }
        let withToken = try await Harness.make(adminToken: "s3cret")
        let allowed = await withToken.control(.GET, "/_confemu/namespaces",
                                              headers: [("Host", "attacker.example"), ("Authorization", "Bearer s3cret")])
        #expect(allowed.status == 200)
        await h.close()
        await withToken.close()
    }

    @Test("C05: a plain OPTIONS on a known path is 204 with Allow; unknown path 404")
    func c05() async throws {
        let h = try await Harness.make()
        let r = await h.control(.OPTIONS, "/_confemu/health")
        #expect(r.status == 204)
        #expect(r.header("Allow") == "GET, HEAD, OPTIONS")
        let ns = await h.control(.OPTIONS, "/_confemu/namespaces/default")
        #expect(ns.header("Allow") == "GET, HEAD, DELETE, OPTIONS")
        #expect(await h.control(.OPTIONS, "/_confemu/nope").status == 404)
        await h.close()
    }

    @Test("C06: an allowed origin gets Access-Control-Allow-Origin and Vary on the answer")
    func c06() async throws {
        let h = try await Harness.make()
        let r = await h.control(.GET, "/_confemu/namespaces/default", headers: [("Origin", "http://127.0.0.1:5173")])
        #expect(r.status == 200)
        #expect(r.header("Access-Control-Allow-Origin") == "http://127.0.0.1:5173")
        #expect(r.header("Vary") == "Origin")
        #expect(r.header("Access-Control-Allow-Credentials") == nil)
        // On /health a foreign origin is not guarded, and gets no CORS fields either.
        let health = await h.control(.GET, "/_confemu/health", headers: [("Origin", "https://evil.example")])
        #expect(health.status == 200)
        #expect(health.header("Access-Control-Allow-Origin") == nil)
        await h.close()
    }

    @Test("M03: PUT /health is 405 method-not-allowed with Allow GET, HEAD, OPTIONS")
    func m03() async throws {
        let h = try await Harness.make()
        let r = await h.control(.PUT, "/_confemu/health")
        #expect(r.status == 405)
        #expect(r.json["error"]?["code"] == "method-not-allowed")
        #expect(r.header("Allow") == "GET, HEAD, OPTIONS")
        #expect(r.connectionAction == .keepAlive)
        await h.close()
    }

    @Test("M04, M05, M06: 404 not-found, percent-decoded segments match, no dot-segment removal")
    func m04to06() async throws {
        let h = try await Harness.make()
        let missing = await h.control(.GET, "/_confemu/nope")
        #expect(missing.status == 404)
        #expect(missing.json["error"]?["code"] == "not-found")
        #expect(await h.control(.GET, "/_confemu/%68ealth").status == 200)
        #expect(await h.control(.GET, "/_confemu/./health").status == 404)
        #expect(await h.control(.GET, "/other").status == 0)  // not the control plane's path: nil
        await h.close()
    }

    @Test("HEAD runs the GET route")
    func head() async throws {
        let h = try await Harness.make()
        let r = await h.control(.HEAD, "/_confemu/health")
        #expect(r.status == 200)
        await h.close()
    }

    @Test("with an admin token every call but /health needs the bearer token; preflights do not")
    func adminToken() async throws {
        let h = try await Harness.make(adminToken: "s3cret")
        let refused = await h.control(.GET, "/_confemu/namespaces")
        #expect(refused.status == 401)
        #expect(refused.json["error"]?["code"] == "unauthorized")
        #expect(refused.header("WWW-Authenticate") == "Bearer realm=\"confemu\"")
        #expect(await h.control(.GET, "/_confemu/namespaces", headers: [("Authorization", "Bearer wrong")]).status == 401)
        #expect(await h.control(.GET, "/_confemu/namespaces", headers: [("Authorization", "Bearer s3cret")]).status == 200)
        #expect(await h.control(.GET, "/_confemu/health").status == 200)
        // Provider credentials never authorize control-plane calls.
        #expect(await h.control(.GET, "/_confemu/namespaces", headers: [("Authorization", "Bearer default-key")]).status == 401)
        let preflight = await h.control(.OPTIONS, "/_confemu/namespaces",
                                        headers: [("Origin", "http://localhost:3000"), ("Access-Control-Request-Method", "POST")])
        #expect(preflight.status == 204)
        await h.close()
    }

    @Test("an invalid JSON body is 400 invalid-json")
    func invalidJSON() async throws {
        let h = try await Harness.make()
        let request = await h.controlPlane.handle(TestRequest.make(.POST, "/_confemu/namespaces", body: Array("{".utf8)))
        #expect(request?.status == 400)
        #expect(request?.json["error"]?["code"] == "invalid-json")
        await h.close()
    }
}
