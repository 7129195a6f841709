import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
import Foundation
import ProviderJitsiAdmin
import Testing

/// Shared helpers: an engine with only this provider, requests with the default key.
enum J {
    static let key = ("Authorization", "Bearer TestApi")
    static let form = ("Content-Type", "application/x-www-form-urlencoded")

    static func engine(fixtures: JSONValue? = nil) async throws -> TestEngine {
        try await TestEngine.make(providers: [JitsiAdminProvider()], fixtures: fixtures)
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static func json(_ response: HTTPResponse) throws -> JSONValue {
        try JSONValue(parsing: text(response))
    }

    /// Creates a room through the wiki-style query and returns its uid.
    static func create(_ t: TestEngine, name: String = "Weekly Sync", start: String = "2027-01-20T10:00",
                       duration: String = "45", email: String = "test@local.de", server: String = "meet.jit.si2",
                       prefix: String = "", headers: [(String, String)] = [key]) async throws -> String {
        let query = "email=\(enc(email))&name=\(enc(name))&duration=\(duration)&server=\(enc(server))&start=\(enc(start))"
        let response = await t.send(.POST, "\(prefix)/api/v1/room?\(query)", headers: headers)
        let value = try json(response)
        let uid = try #require(value["uid"]?.stringValue, "create failed: \(text(response))")
        return uid
    }

    static func enc(_ text: String) -> String { FormDecoding.percentEncode(text, spaceAsPlus: true) }

    static func mails(_ t: TestEngine, namespace: String = "default") async throws -> [OutboxEntry] {
        try await t.engine.outbox(namespace: namespace, filter: OutboxFilter(kind: "mail"))
    }

    static func journal(_ t: TestEngine, namespace: String = "default") -> [JournalEntry] {
        t.engine.journal.list(namespace: namespace, filter: JournalFilter(), limit: nil)
    }

    static func isHex32(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
