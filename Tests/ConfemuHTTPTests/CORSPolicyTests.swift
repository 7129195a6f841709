import Testing
@testable import ConfemuHTTP

@Suite("CORSPolicy (http.md 10.4)")
struct CORSPolicyTests {
    func request(_ method: HTTPMethod, headers: HTTPHeaders = HTTPHeaders()) -> HTTPRequest {
        HTTPRequest(method: method, rawTarget: "/vpaas/rooms", rawPath: "/vpaas/rooms", rawQuery: nil,
                    pathSegments: ["vpaas", "rooms"], query: QueryParameters(), headers: headers)
    }

    func fields(_ response: HTTPResponse?) -> [String] {
        response.map { $0.headers.fields.map { "\($0.name): \($0.value)" } } ?? []
    }

    @Test("Node cors defaults: every OPTIONS is a 204 preflight echoing the requested headers")
    func nodeDefaultsPreflight() {
        let preflight = CORSPolicy.nodeDefaults.preflightResponse(for: request(.OPTIONS, headers: [
            "Origin": "http://app.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,authorization",
        ]))
        #expect(preflight?.status == 204)
        #expect(preflight?.body.isEmpty == true)
        #expect(fields(preflight) == [
            "Access-Control-Allow-Origin: *", "Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE",
            "Vary: Access-Control-Request-Headers", "Access-Control-Allow-Headers: content-type,authorization",
        ])
        // Without Access-Control-Request-Method or -Headers it is still a preflight (videsk.md §2).
        #expect(fields(CORSPolicy.nodeDefaults.preflightResponse(for: request(.OPTIONS))) == [
            "Access-Control-Allow-Origin: *", "Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE",
            "Vary: Access-Control-Request-Headers",
        ])
        #expect(CORSPolicy.nodeDefaults.preflightResponse(for: request(.GET)) == nil)
        #expect(CORSPolicy.nodeDefaults.answersPreflight)
    }

    @Test("Node cors defaults: other responses always carry Allow-Origin *")
    func nodeDefaultsFields() {
        let added = CORSPolicy.nodeDefaults.responseFields(for: request(.GET), operation: "rooms.list", status: 401)
        #expect(added.map(\.name) == ["Access-Control-Allow-Origin"])
        #expect(added.map(\.value) == ["*"])
    }

    @Test("LoopBack: credentials and max-age on the preflight; fields on other responses only with Origin")
    func loopback() {
        let preflight = CORSPolicy.loopback.preflightResponse(for: request(.OPTIONS, headers: [
            "Origin": "http://app.example", "Access-Control-Request-Headers": "x-a",
        ]))
        #expect(fields(preflight) == [
            "Access-Control-Allow-Origin: *", "Access-Control-Allow-Credentials: true",
            "Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE", "Access-Control-Allow-Headers: x-a",
            "Access-Control-Max-Age: 86400",
        ])
        #expect(CORSPolicy.loopback.responseFields(for: request(.GET), operation: nil, status: 200).isEmpty)
        let withOrigin = CORSPolicy.loopback.responseFields(
            for: request(.GET, headers: ["Origin": "http://app.example"]), operation: nil, status: 404)
        #expect(withOrigin.map { "\($0.name): \($0.value)" } == [
            "Access-Control-Allow-Origin: *", "Access-Control-Allow-Credentials: true",
        ])
    }

    @Test("Jitsi-Admin: no preflight, Allow-Origin * only on the info operation's 200 responses")
    func jitsi() {
        let policy = CORSPolicy.jitsiInfoOnly(operation: "info")
        #expect(!policy.answersPreflight)
        #expect(policy.preflightResponse(for: request(.OPTIONS)) == nil)
        #expect(policy.responseFields(for: request(.GET), operation: "info", status: 200).map(\.value) == ["*"])
        #expect(policy.responseFields(for: request(.GET), operation: "info", status: 500).isEmpty)
        #expect(policy.responseFields(for: request(.GET), operation: "room.create", status: 200).isEmpty)
    }

    @Test("none adds nothing")
    func none() {
        #expect(CORSPolicy.none.preflightResponse(for: request(.OPTIONS)) == nil)
        #expect(CORSPolicy.none.responseFields(for: request(.GET, headers: ["Origin": "x"]), operation: nil,
                                               status: 200).isEmpty)
    }
}
