import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
import Foundation
import ProviderJitsiAdmin
import Testing

@Suite("Jitsi-Admin faults, pages and namespaces")
struct PipelineTests {
    @Test("a fault rule renders once with no side effects, then normal service resumes")
    func faultRule() async throws {
        let t = try await J.engine()
        _ = try await t.engine.addFault(namespace: "default", document: [
            "match": ["provider": "jitsiAdmin", "operation": "room.create"],
            "effect": ["error": "noServerFound"],
        ])
        let before = try await J.mails(t).count
        let faulted = await t.send(.POST, "/api/v1/room?email=x@y.de&name=a&duration=1&server=1", headers: [J.key])
        #expect(J.text(faulted) == #"{"error":true,"text":"No Server found"}"#)
        #expect(J.text(await t.send(.GET, "/api/v1/serverInfo?email=x@y.de")) == #"{"error":true,"text":"No User found"}"#)
        #expect(try await J.mails(t).count == before)
        _ = try await J.create(t)
    }

    @Test("match.params on the uid selects the request")
    func faultParams() async throws {
        let t = try await J.engine()
        let uid = try await J.create(t)
        _ = try await t.engine.addFault(namespace: "default", document: [
            "match": ["provider": "jitsiAdmin", "operation": "info", "params": ["uid": .string(uid)]],
            "effect": ["error": "noRoomFound"],
        ])
        #expect(J.text(await t.send(.GET, "/api/v1/info/other")) == #"{"error":true,"text":"no Room found"}"#)
        #expect(try J.json(await t.send(.GET, "/api/v1/info/\(uid)"))["error"]?.boolValue == true)
        #expect(try J.json(await t.send(.GET, "/api/v1/info/\(uid)"))["error"]?.boolValue == false)
    }

    @Test("X-Confemu-Fault upstreamCrash500 gives the HTML page, or RFC 7807 JSON with Accept JSON")
    func crashPages() async throws {
        let t = try await J.engine()
        let html = await t.send(.GET, "/api/v1/info/nope", headers: [("X-Confemu-Fault", "upstreamCrash500")])
        #expect(html.status == 500)
        #expect(html.headers.first("Content-Type") == "text/html; charset=UTF-8")
        #expect(html.headers.first("Vary") == "Accept")
        #expect(J.text(html).contains("<b style=\"font-size: 32px; font-weight: bold\">500 - Internal error</b>"))
        #expect(J.text(html).hasSuffix("</html>"))
        let json = await t.send(.GET, "/api/v1/info/nope", headers: [("X-Confemu-Fault", "upstreamCrash500"),
                                                                     ("Accept", "application/json")])
        #expect(json.status == 500)
        #expect(J.text(json) == #"{"type":"https:\/\/tools.ietf.org\/html\/rfc2616#section-10","title":"An error occurred","status":500,"detail":"Internal Server Error"}"#)
        #expect(J.text(await t.send(.GET, "/api/v1/info/nope")) == #"{"error":true,"text":"no Room found"}"#)
    }

    @Test("the catalogue lists every key of §12")
    func catalogue() {
        let keys = JitsiAdminProvider().catalogue.keys
        for key in ["noServerFound", "roomNoFound", "roomNotFound", "noRoomFound", "emailIncorrect", "userIncorrect",
                    "createFailed", "startIncorrect", "durationIncorrect", "nameIncorrect", "urlIncorrect",
                    "minutesIncorrect", "noUserFound", "cloneNotAllowed", "moveRoomNotFound", "accessDenied",
                    "newServerNotFound", "unauthorized", "upstreamCrash500", "routeNotFound", "methodNotAllowed"] {
            #expect(keys.contains(key), "missing \(key)")
        }
    }

    @Test("404 page for unknown paths and trailing slashes, 405 with Allow")
    func errorPages() async throws {
        let t = try await J.engine()
        let notFound = await t.send(.GET, "/api/v1/room/")
        #expect(notFound.status == 404)
        let expected = """
            <!DOCTYPE html>
            <html lang="de">
            <head>
                <meta charset="UTF-8">
                <title>404 - Jitsi-Admin</title>
            </head>
            <body>
            <div class="container">
                <div class="row justify-content-center">
                    <div class="col-lg-6">
                        <div class="card">
                            <div class="card-body d-flex flex-row align-items-center">
                                <div class="image me-3">
                                    <img src="/images/error/error_undefined.svg">
                                </div>
                                <div class="text">
                                    <b style="font-size: 32px; font-weight: bold">404 - Seite nicht gefunden</b>
                                    <p>Huch? Wo wolltest du denn hin. Die Seite hat der Meetling leider nicht gefunden.</p>
                                    <a class="btn btn-primary" href="/">Zur Startseite</a>
                                </div>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
            </body>
            </html>
            """
        #expect(J.text(notFound) == expected)
        let notAllowed = await t.send(.GET, "/api/v1/room")
        #expect(notAllowed.status == 405)
        #expect(notAllowed.headers.first("Allow") == "POST, DELETE, PUT")
        #expect(J.text(notAllowed).contains("405 - Allgemeiner Fehler"))
        let user = await t.send(.OPTIONS, "/api/v1/user")
        #expect(user.status == 405)
        #expect(user.headers.first("Allow") == "POST, DELETE")
        #expect(J.journal(t).first?.operation == "unmatched")
    }

    @Test("join pages show the room, unknown ids get the 404 page")
    func joinPages() async throws {
        let t = try await J.engine()
        _ = try await J.create(t, name: "A & B")
        let page = await t.send(.GET, "/room/join/a/1")
        #expect(page.status == 200)
        #expect(page.headers.first("Content-Type") == "text/html; charset=UTF-8")
        let text = J.text(page)
        #expect(text.contains("<title>A &amp; B - Jitsi-Admin</title>"))
        #expect(text.contains("<p>Start: 2027-01-20CET10:00:00</p>\n<p>End: 2027-01-20CET10:45:00</p>\n<p>State: scheduled</p>\n<p>Opened with: app</p>\n</body>\n</html>"))
        #expect(await t.send(.GET, "/room/join/b/99").status == 404)
        #expect(await t.send(.GET, "/room/join/c/1").status == 404)
    }

    @Test("isolation: a second namespace has its own rooms and key, credential routing, unknown namespace")
    func isolation() async throws {
        let t = try await J.engine()
        let info = try await t.engine.createNamespace(name: "ci-1", seed: 3, fixtures: nil)
        let document = t.engine.document(info)
        let key = try #require(document["jitsiAdmin"]?["servers"]?[0]?["apiKey"]?.stringValue)
        #expect(key != "TestApi")
        #expect(key.count == 26)
        #expect(document["jitsiAdmin"]?["baseURL"]?.stringValue == "http://127.0.0.1:8080/ns/ci-1/api/v1")
        let uid = try await J.create(t, headers: [("Authorization", "Bearer \(key)")])
        let routed = await t.send(.GET, "/api/v1/server/getRooms?minutes=100000", headers: [("Authorization", "Bearer \(key)")])
        #expect(routed.headers.first("X-Confemu-Namespace") == "ci-1")
        #expect(try J.json(routed)["room_ids"]?.arrayValue?.count == 1)
        #expect(J.text(await t.send(.GET, "/api/v1/info/\(uid)")) == #"{"error":true,"text":"no Room found"}"#)
        #expect(try J.json(await t.send(.GET, "/ns/ci-1/api/v1/info/\(uid)"))["error"]?.boolValue == false)
        let crossKey = await t.send(.GET, "/api/v1/server/getRooms?minutes=5",
                                    headers: [("Authorization", "Bearer \(key)"), ("X-Confemu-Namespace", "default")])
        #expect(J.text(crossKey) == #"{"error":true,"text":"No Server found"}"#)
        let unknown = await t.send(.GET, "/api/v1/server/getRooms?minutes=5",
                                   headers: [J.key, ("X-Confemu-Namespace", "missing")])
        #expect(J.text(unknown) == #"{"error":true,"text":"No Server found"}"#)
        #expect(unknown.headers.first("X-Confemu-Diagnostic") == #"namespace "missing" named by X-Confemu-Namespace does not exist"#)
    }

    @Test("exported state round-trips into a new namespace")
    func stateRoundTrip() async throws {
        let t = try await J.engine()
        let uid = try await J.create(t)
        let state = try await t.engine.exportState(namespace: "default")
        let section = try #require(state["jitsiAdmin"])
        #expect(section["rooms"]?[0]?["uid"]?.stringValue == uid)
        #expect(section["rooms"]?[0]?["start"]?.stringValue == "2027-01-20T10:00:00")
        var servers = try #require(section["servers"]?.arrayValue)
        _ = servers[0].set("apiKey", "CopyKey")
        var copy = section
        _ = copy.set("servers", .array(servers))
        _ = try await t.engine.createNamespace(name: "copy", seed: nil, fixtures: .object([("jitsiAdmin", copy)]))
        let info = try J.json(await t.send(.GET, "/ns/copy/api/v1/info/\(uid)"))
        #expect(info["start"]?.stringValue == "2027-01-20CET10:00:00")
        #expect(info["teilnehmer"]?.arrayValue?.count == 1)
    }
}

@Suite("Jitsi-Admin classroom fixtures")
struct ClassroomFixturesTests {
    @Test("the classroom section loads: a scheduled room in 30 minutes with both users")
    func classroom() async throws {
        let t = try await J.engine()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/jitsiAdmin/classroom-section.json")
        let section = try JSONValue(parsing: String(decoding: try Data(contentsOf: url), as: UTF8.self))
        _ = try await t.engine.createNamespace(name: "classroom", seed: 5, fixtures: .object([("jitsiAdmin", section)]))
        let rooms = try J.json(await t.send(.GET, "/api/v1/server/getRooms?minutes=30",
                                            headers: [("Authorization", "Bearer ClassroomApi")]))
        let uid = try #require(rooms["room_ids"]?[0]?.stringValue)
        let info = try J.json(await t.send(.GET, "/ns/classroom/api/v1/info/\(uid)"))
        #expect(info["name"]?.stringValue == "Physics 101")
        #expect(info["start"]?.stringValue == "2026-11-22CET11:30:00")
        #expect(info["teilnehmer"]?.arrayValue?.compactMap(\.stringValue) == ["test@local.de", "student@school.example"])
    }

    @Test("fixtures problems name the JSON path")
    func invalidFixtures() async throws {
        let t = try await J.engine()
        await #expect(throws: (any Error).self) {
            _ = try await t.engine.createNamespace(name: "bad", seed: 1, fixtures: [
                "jitsiAdmin": ["timeZone": "Mars/Base"],
            ])
        }
        do {
            _ = try await t.engine.createNamespace(name: "bad2", seed: 1, fixtures: [
                "jitsiAdmin": ["servers": [["name": "x"]]],
            ])
            Issue.record("accepted a server without url")
        } catch {
            #expect("\(error)".contains("jitsiAdmin.servers[0].url: required"))
        }
    }
}

@Suite("Jitsi-Admin fault keys outside their operations")
struct FaultKeyTests {
    @Test("a key on an operation it does not list still renders; unauthorized follows the operation")
    func unlistedKey() async throws {
        let t = try await J.engine()
        let page = await t.send(.GET, "/api/v1/serverInfo?email=test@local.de", headers: [("X-Confemu-Fault", "routeNotFound")])
        #expect(page.status == 404)
        let move = await t.send(.POST, "/api/v1/room/move/x", headers: [("X-Confemu-Fault", "unauthorized")])
        #expect(move.status == 403)
        #expect(J.text(move) == #"{"error":true,"message":"Access denied"}"#)
        let info = await t.send(.GET, "/api/v1/info/x", headers: [("X-Confemu-Fault", "unauthorized")])
        #expect(J.text(info) == #"{"error":true,"text":"no Room found"}"#)
        #expect(info.headers.first("Access-Control-Allow-Origin") == "*")
    }
}

@Suite("Jitsi-Admin crash quirks")
struct CrashQuirkTests {
    @Test("without the fault a crash step answers the handled error with B2; with it, the 500 page (Q5 keeps the user)")
    func deletedRoomAdd() async throws {
        let t = try await J.engine()
        let uid = try await J.create(t)
        _ = await t.send(.DELETE, "/api/v1/room?uid=\(uid)", headers: [J.key])
        let handled = await t.send(.POST, "/api/v1/user?uid=\(uid)&email=late@x.de", headers: [J.key])
        #expect(J.text(handled) == #"{"error":true,"text":"no Room found"}"#)
        #expect(handled.headers.first("X-Confemu-Diagnostic")?.hasPrefix("upstream answers HTTP 500 here (user.add on a deleted room)") == true)
        #expect(J.text(await t.send(.GET, "/api/v1/serverInfo?email=late@x.de")) == #"{"error":true,"text":"No User found"}"#)
        let crashed = await t.send(.POST, "/api/v1/user?uid=\(uid)&email=late@x.de",
                                   headers: [J.key, ("X-Confemu-Fault", "upstreamCrash500")])
        #expect(crashed.status == 500)
        #expect(J.text(await t.send(.GET, "/api/v1/serverInfo?email=late@x.de"))
                    == #"{"server":[],"email":"late@x.de","error":false}"#)
    }
}
