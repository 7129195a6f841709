import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
import Foundation
@testable import ProviderBBB

/// Shared helpers: the default namespace's credentials and signed requests.
enum BBB {
    static let secret = "9184e6b9-e778-45f5-9c69-d0dfb6246264"

    static func make() async throws -> TestEngine { try await TestEngine.make(providers: [BBBProvider()]) }

    /// `query&checksum=…` for `call`.
    static func signed(_ call: String, _ query: String, secret: String = secret,
                       algorithm: HashAlgorithm = .sha1) -> String {
        let checksum = algorithm.hexDigest(call + query + secret)
        return query.isEmpty ? "checksum=\(checksum)" : "\(query)&checksum=\(checksum)"
    }

    static func call(_ t: TestEngine, _ call: String, _ query: String, prefix: String = "/test/api",
                     secret: String = secret, method: HTTPMethod = .GET,
                     headers: [(String, String)] = []) async -> HTTPResponse {
        await t.send(method, "\(prefix)/\(call)?\(signed(call, query, secret: secret))", headers: headers)
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static func golden(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: FixturesLocator.url("bbb/\(name)")), as: UTF8.self)
    }

    static func failed(_ key: String, _ message: String) -> String {
        "<response><returncode>FAILED</returncode><messageKey>\(key)</messageKey><message>\(message)</message></response>"
    }

    /// The value of `<name>` in a flat XML answer.
    static func element(_ name: String, in response: HTTPResponse) -> String? {
        let body = text(response)
        guard let start = body.range(of: "<\(name)>"), let end = body.range(of: "</\(name)>", range: start.upperBound..<body.endIndex)
        else { return nil }
        return String(body[start.upperBound..<end.lowerBound])
    }

    static func createQuery(_ id: String, _ extra: String = "") -> String {
        "name=\(id)&meetingID=\(id)&attendeePW=ap&moderatorPW=mp" + (extra.isEmpty ? "" : "&" + extra)
    }
}
