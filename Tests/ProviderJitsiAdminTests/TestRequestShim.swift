import ConfemuHTTP
import ConfemuTesting

enum TestRequestShim {
    static func request(headers: [(String, String)]) -> HTTPRequest {
        TestRequest.make(.GET, "/api/v1/serverInfo", headers: headers)
    }
}
