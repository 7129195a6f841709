import ConfemuCrypto
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
import Foundation
import Testing
@testable import ProviderBBB

@Suite("BBB checksum and routing")
struct ChecksumTests {
    @Test("the seed vector of bbb.md 3.2 reproduces")
    func seedVector() {
        let secret = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
        let input = "create" + "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444" + secret
        #expect(HashAlgorithm.sha1.hexDigest(input) == "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17")
        #expect(HashAlgorithm.sha256.hexDigest(input)
            == "da9185f7f333cfdfcd6eeac32dca3777510c4c436020d8b887ba5515bd1d189e")
    }

    @Test("the root answers version 2.0 on every API prefix", arguments: [
        "/test/api", "/test/api/", "/bigbluebutton/api", "/bigbluebutton/api/", "/test/bigbluebutton/api",
    ])
    func index(path: String) async throws {
        let t = try await BBB.make()
        let response = await t.send(.GET, path)
        #expect(response.status == 200)
        #expect(response.headers.first("Content-Type") == "text/xml;charset=utf-8")
        #expect(BBB.text(response) == "<response><returncode>SUCCESS</returncode><version>2.0</version><apiVersion>2.0</apiVersion><bbbVersion></bbbVersion></response>")
    }

    @Test("every algorithm and upper-case hex verify", arguments: HashAlgorithm.allCases)
    func algorithms(algorithm: HashAlgorithm) async throws {
        let t = try await BBB.make()
        let checksum = algorithm.hexDigest("getMeetings" + BBB.secret).uppercased()
        let response = await t.send(.GET, "/bigbluebutton/api/getMeetings?checksum=\(checksum)")
        #expect(BBB.text(response) == (try BBB.golden("getMeetings-empty.xml")))
        #expect(response.headers.first("X-Confemu-Namespace") == "default")
    }

    @Test("checksum first, middle, last and ?&checksum= verify; the key is not hashed")
    func positions() async throws {
        let t = try await BBB.make()
        let sum = SHA1.hexDigest("isMeetingRunning" + "meetingID=ab&x=1" + BBB.secret)
        for query in ["checksum=\(sum)&meetingID=ab&x=1", "meetingID=ab&checksum=\(sum)&x=1",
                      "meetingID=ab&x=1&checksum=\(sum)"] {
            let response = await t.send(.GET, "/test/api/isMeetingRunning?\(query)")
            #expect(BBB.element("running", in: response) == "false", "\(query)")
        }
        let empty = SHA1.hexDigest("getMeetings" + BBB.secret)
        let response = await t.send(.GET, "/test/api/getMeetings?&checksum=\(empty)")
        #expect(BBB.element("returncode", in: response) == "SUCCESS")
    }

    @Test("checksum failures answer the per-call messages with HTTP 200")
    func failures() async throws {
        let t = try await BBB.make()
        let missing = await t.send(.GET, "/test/api/getMeetingInfo?meetingID=x")
        #expect(missing.status == 200)
        #expect(BBB.text(missing) == BBB.failed("checksumError", "You must provide the checksum"))
        let wrong = await t.send(.GET, "/test/api/getMeetingInfo?meetingID=x&checksum=" + String(repeating: "0", count: 40))
        #expect(BBB.text(wrong) == BBB.failed("checksumError", "Checksums do not match"))
        let sum = SHA1.hexDigest("getMeetingInfo" + "meetingID=x" + BBB.secret)
        let duplicate = await t.send(.GET, "/test/api/getMeetingInfo?meetingID=x&checksum=\(sum)&checksum=\(sum)")
        #expect(BBB.text(duplicate) == BBB.failed("checksumError", "Checksums do not match"))
        let length = await t.send(.GET, "/test/api/getMeetingInfo?meetingID=x&checksum=abc")
        #expect(BBB.text(length) == BBB.failed("checksumError", "Checksums do not match"))
        let recording = await t.send(.GET, "/test/api/getRecordings?checksum=abc")
        #expect(BBB.text(recording) == BBB.failed("checksumError", "You did not pass the checksum security check"))
        let recordingMissing = await t.send(.GET, "/test/api/getRecordings")
        #expect(BBB.text(recordingMissing) == BBB.failed("checksumError", "You did not pass the checksum security check"))
    }

    @Test("a disallowed algorithm is a mismatch")
    func disallowed() async throws {
        let t = try await BBB.make()
        _ = try await t.engine.updateSettings(namespace: "default", provider: .bbb,
                                              patch: ["checksumAlgorithms": ["sha256"]])
        let response = await BBB.call(t, "getMeetings", "")
        #expect(BBB.text(response) == BBB.failed("checksumError", "Checksums do not match"))
        #expect(response.headers.first("X-Confemu-Diagnostic")
            == "checksumError: call \"getMeetings\": algorithm sha1 is not allowed in namespace \"default\" (allowed: sha256)")
    }

    @Test("the checksum is checked before required parameters; unknown keys are checksum errors")
    func checksumFirst() async throws {
        let t = try await BBB.make()
        let response = await t.send(.GET, "/test/api/create?checksum=" + String(repeating: "1", count: 40))
        #expect(BBB.text(response) == BBB.failed("checksumError", "Checksums do not match"))
        let unknown = await BBB.call(t, "getMeetings", "", prefix: "/nokey/api")
        #expect(BBB.text(unknown) == BBB.failed("checksumError", "Checksums do not match"))
        #expect(unknown.headers.first("X-Confemu-Diagnostic") == "checksumError: unknown bbb key \"nokey\"")
        let root = await t.send(.GET, "/nokey/api")
        #expect(BBB.text(root) == BBB.failed("checksumError", "Checksums do not match"))
        let valid = await BBB.call(t, "create", "")
        #expect(BBB.text(valid) == BBB.failed("missingParamMeetingID", "You must provide a meeting ID"))
    }

    @Test("a failing checksum journals the exact diagnostic with <secret>")
    func diagnostics() async throws {
        let t = try await BBB.make()
        let received = String(repeating: "0", count: 40)
        let response = await t.send(.GET, "/test/api/getMeetingInfo?meetingID=x&checksum=\(received)")
        let expected = SHA1.hexDigest("getMeetingInfomeetingID=x" + BBB.secret)
        let line = "checksumError: call \"getMeetingInfo\", algorithm sha1 (40 hex characters), hashed \"getMeetingInfomeetingID=x<secret>\", expected \(expected), received \(received)"
        #expect(response.headers.first("X-Confemu-Diagnostic") == line)
        let entry = t.engine.journal.list(namespace: "default", filter: JournalFilter(), limit: 1).first
        #expect(entry?.diagnostics == [line])
        #expect(entry?.operation == "getMeetingInfo")
    }

    @Test("POST form bodies verify by the sorted canonical string and by the raw body")
    func postForm() async throws {
        let t = try await BBB.make()
        let form = [("Content-Type", "application/x-www-form-urlencoded")]
        let raw = "meetingID=abc&name=My+Room"
        let rawSum = SHA1.hexDigest("create" + raw + BBB.secret)
        let first = await t.send(.POST, "/test/api/create", headers: form, body: Array("\(raw)&checksum=\(rawSum)".utf8))
        #expect(BBB.element("returncode", in: first) == "SUCCESS")
        let canonical = "meetingID=xyz&name=Other+Room"
        let sortedSum = SHA1.hexDigest("create" + canonical + BBB.secret)
        let second = await t.send(.POST, "/test/api/create", headers: form,
                                  body: Array("name=Other%20Room&checksum=\(sortedSum)&meetingID=xyz".utf8))
        #expect(BBB.element("meetingID", in: second) == "xyz")
        // An XML body keeps the URL checksum.
        let xml = "<modules><module name=\"presentation\"><document url=\"https://h/a.pdf\" filename=\"a.pdf\"/></module></modules>"
        let third = await t.send(.POST, "/test/api/create?\(BBB.signed("create", BBB.createQuery("withdoc")))",
                                 headers: [("Content-Type", "application/xml")], body: Array(xml.utf8))
        #expect(BBB.element("returncode", in: third) == "SUCCESS")
        let state = try await t.engine.exportState(namespace: "default")
        let meeting = state["bbb"]?["meetings"]?.arrayValue?.first { $0["meetingID"]?.stringValue == "withdoc" }
        #expect(meeting?["documents"]?[0]?["filename"]?.stringValue == "a.pdf")
    }

    @Test("/bigbluebutton/api picks the namespace whose secret verifies; /ns and the header select too")
    func namespaceSelection() async throws {
        let t = try await BBB.make()
        _ = try await t.engine.createNamespace(name: "ci-42", seed: 1,
                                               fixtures: ["bbb": ["key": "other", "secret": "s3cr3t"]])
        let byChecksum = await BBB.call(t, "getMeetings", "", prefix: "/bigbluebutton/api", secret: "s3cr3t")
        #expect(byChecksum.headers.first("X-Confemu-Namespace") == "ci-42")
        #expect(BBB.element("returncode", in: byChecksum) == "SUCCESS")
        let byPrefix = await BBB.call(t, "getMeetings", "", prefix: "/ns/ci-42/bigbluebutton/api", secret: "s3cr3t")
        #expect(byPrefix.headers.first("X-Confemu-Namespace") == "ci-42")
        let byHeader = await BBB.call(t, "getMeetings", "", prefix: "/other/api", secret: "s3cr3t",
                                      headers: [("X-Confemu-Namespace", "ci-42")])
        #expect(BBB.element("returncode", in: byHeader) == "SUCCESS")
        // Isolation: the second secret does not verify on the first key.
        let cross = await BBB.call(t, "getMeetings", "", prefix: "/test/api", secret: "s3cr3t")
        #expect(BBB.text(cross) == BBB.failed("checksumError", "Checksums do not match"))
        let foreignKey = await BBB.call(t, "getMeetings", "", prefix: "/test/api", secret: "s3cr3t",
                                        headers: [("X-Confemu-Namespace", "ci-42")])
        #expect(foreignKey.headers.first("X-Confemu-Diagnostic")
            == "checksumError: bbb key \"test\" does not belong to namespace \"ci-42\"")
        let unknown = await BBB.call(t, "getMeetings", "", headers: [("X-Confemu-Namespace", "nope")])
        #expect(BBB.text(unknown) == BBB.failed("checksumError", "Checksums do not match"))
        #expect(unknown.headers.first("X-Confemu-Diagnostic") == "checksumError: unknown namespace \"nope\"")
    }

    @Test("deeper API paths and unknown calls are unsupported; other paths stay with their mounts")
    func routing() async throws {
        let t = try await BBB.make()
        let unsupported = BBB.failed("unsupportedRequest", "This request is not supported.")
        #expect(BBB.text(await t.send(.GET, "/bigbluebutton/api/hooks/create")) == unsupported)
        #expect(BBB.text(await t.send(.GET, "/test/api/getRecordingTextTracks")) == unsupported)
        #expect(BBB.text(await t.send(.DELETE, "/test/api/getMeetings?checksum=x")) == BBB.failed("checksumError", "Checksums do not match"))
        let dummy: RouteHandler = { _ in HTTPResponse(status: 204) }
        let mounts = BBBProvider().mounts + [
            Mount(prefix: "/api/v1", owner: "jitsiAdmin", routes: [Route(.GET, "/x", operation: "x", handler: dummy)]),
            Mount(prefix: "/vpaas", owner: "videsk", routes: []),
            Mount(prefix: "/session", owner: "proconf", routes: []),
        ]
        let router = Router(mounts: mounts)
        #expect(router.match(method: .GET, segments: ["api", "v1", "x"]).mount?.owner == "jitsiAdmin")
        #expect(router.match(method: .GET, segments: ["vpaas", "api"]).mount?.owner == "videsk")
        #expect(router.match(method: .GET, segments: ["session", "api", "create"]).mount?.owner == "proconf")
        #expect(router.match(method: .GET, segments: ["k1", "api", "create"]).route?.operation == "create")
        #expect(router.match(method: .POST, segments: ["bigbluebutton", "api", "join", ""]).route?.operation == "join")
    }
}
