import ConfemuControlPlane
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuTesting
import Foundation
import ProviderProConf
import Testing

/// The proconf.md §15 checklist items not covered by the other suites.
@Suite("ProCONF checklist: archives without attendees, room status, error listing")
struct ChecklistTests {
    func sessionId(_ h: ProConfHarness, _ link: String) async throws -> String {
        let response = await h.send(.POST, "/session/\(link)/token", headers: h.bearer(), body: "{}")
        return try #require(response.json["sessionId"]?.stringValue)
    }

    @Test("an archived session ended with no attendees creates no archive and plans no processing (§15.13)")
    func noAttendeesNoArchive() async throws {
        let h = try await ProConfHarness.make()
        let link = try await h.createSession(#"{"enableArchiving":true}"#)
        #expect(await h.send(.PATCH, "/session/\(link)/end", headers: h.bearer()).status == 204)
        let list = await h.send(.GET, "/archives", headers: h.bearer())
        #expect(list.status == 200)
        #expect(list.text == #"{"count":0,"items":[]}"#)
        #expect(try await h.advance(60).isEmpty)
        #expect(await h.send(.GET, "/archives", headers: h.bearer()).text == #"{"count":0,"items":[]}"#)
    }

    @Test("sessions-status: recording_status false without archiving, without an active attendee, unknown or ended (§8.6)")
    func sessionsStatusFalse() async throws {
        let h = try await ProConfHarness.make()
        let off = #"{"error":null,"data":{"transcript_status":false,"recording_status":false}}"#
        let on = #"{"error":null,"data":{"transcript_status":false,"recording_status":true}}"#
        #expect(await h.send(.GET, "/api/sessions-status/nowhere", headers: h.admin).text == off)

        // Archiving on, no attendee yet: false; one active attendee: true; it leaves: false again.
        let archived = try await h.createSession(#"{"enableArchiving":true}"#)
        #expect(await h.send(.GET, "/api/sessions-status/\(archived)", headers: h.admin).text == off)
        let sid = try await sessionId(h, archived)
        _ = await h.send(.POST, "/webhooks/session",
                         body: #"{"sessionId":"\#(sid)","event":"connectionCreated","connection":{"data":"alice"}}"#)
        #expect(await h.send(.GET, "/api/sessions-status/\(archived)", headers: h.admin).text == on)
        _ = await h.send(.POST, "/webhooks/session",
                         body: #"{"sessionId":"\#(sid)","event":"connectionDestroyed","connection":{"data":"alice"}}"#)
        #expect(await h.send(.GET, "/api/sessions-status/\(archived)", headers: h.admin).text == off)

        // Archiving off with an active attendee: false.
        let plain = try await h.createSession()
        let plainSid = try await sessionId(h, plain)
        _ = await h.send(.POST, "/webhooks/session",
                         body: #"{"sessionId":"\#(plainSid)","event":"connectionCreated","connection":{"data":"bob"}}"#)
        #expect(await h.send(.GET, "/session/\(plain)/attendees?active=true", headers: h.bearer()).json.count == 1)
        #expect(await h.send(.GET, "/api/sessions-status/\(plain)", headers: h.admin).text == off)

        // Archived with an active attendee but ended: false.
        _ = await h.send(.POST, "/webhooks/session",
                         body: #"{"sessionId":"\#(sid)","event":"connectionCreated","connection":{"data":"carol"}}"#)
        #expect(await h.send(.GET, "/api/sessions-status/\(archived)", headers: h.admin).text == on)
        #expect(await h.send(.PATCH, "/session/\(archived)/end", headers: h.bearer()).status == 204)
        #expect(await h.send(.GET, "/api/sessions-status/\(archived)", headers: h.admin).text == off)
    }

    @Test("call-summary answers 404 Meeting not found for a running room, then the summary once it ends (§8.6)")
    func callSummaryRunning() async throws {
        let h = try await ProConfHarness.make()
        let link = try await h.createSession()
        let running = await h.send(.GET, "/api/call-summary/\(link)", headers: h.admin)
        #expect(running.status == 404)
        #expect(running.text == #"{"error":{"code":404,"message":"Meeting not found"},"data":null}"#)
        #expect(await h.send(.PATCH, "/session/\(link)/end", headers: h.bearer()).status == 204)
        let ended = await h.send(.GET, "/api/call-summary/\(link)", headers: h.admin)
        #expect(ended.status == 200)
        #expect(ended.json["data"]?["room_name"]?.stringValue == link)
    }

    @Test("/_confemu/errors?provider=proconf lists every catalogue key, with both surface rows of the shared keys (§13)")
    func errorListing() async throws {
        let h = try await ProConfHarness.make()
        let controlPlane = ControlPlane(engine: h.t.engine, server: nil, settings: ControlPlane.Settings(
            adminToken: nil, boundHost: "127.0.0.1", publicURL: "http://127.0.0.1:8080", configuration: .object([])))
        let response = try #require(await controlPlane.handle(TestRequest.make(.GET, "/_confemu/errors?provider=proconf")))
        #expect(response.status == 200)
        let items = try #require(response.json["items"]?.arrayValue)
        #expect(items.allSatisfy { $0["provider"]?.stringValue == "proconf" })
        let keys = items.compactMap { $0["key"]?.stringValue }
        let expected = [
            "unauthorized", "malformedAuthorization", "tokenExpired", "passwordExpired", "forbidden", "apiNotFound",
            "malformedJson", "payloadTooLarge", "unsupportedMediaType", "validationFailed", "internalError",
            "scheduleTimeNotSet", "scheduleTimeInvalid", "scheduleTimeInPast", "e2eWithArchiving",
            "meetingLinkInvalid", "expireTimeInvalid", "expireTimeInPast", "sessionDoesNotExist", "meetingExpired",
            "meetingNotStartable", "meetingLinkNotFound", "editScheduleTimeRequired", "editScheduleTimeInvalid",
            "editScheduleTimeInPast", "endMeetingLinkInvalid", "meetingNotFound", "meetingAlreadyEnded",
            "archiveNotFound", "unsupportedStorageType", "s3BucketRequired", "azureAccountRequired", "notFound",
            "domainNotFound", "roomNameRequired", "tokenRoomRequired", "upstreamWebhook500", "webhookFormPost415",
            "archiveNeverLinked404", "isoExpireTimeRejected", "patchIgnoresIsScheduled", "emptyBody500",
            "deletedArchive500", "storageTargetUnvalidated500",
        ]
        #expect(Set(keys) == Set(expected))
        // 44 keys, three of them with a row per surface.
        #expect(items.count == 47)
        let bodies: [String: Set<String>] = [
            "unauthorized": [#"{"error":{"statusCode":401,"name":"UnauthorizedError","message":"Bearer realm=\"Users\""}}"#,
                             #"{"data":null,"error":{"code":401,"message":"Unauthorized"}}"#],
            "internalError": [#"{"error":{"statusCode":500,"message":"Internal Server Error"}}"#,
                              #"{"error":{"code":500,"message":"Internal server error"},"data":null}"#],
            "meetingNotFound": [#"{"error":{"statusCode":404,"name":"NotFoundError","message":"Meeting Not Found"}}"#,
                                #"{"error":{"code":404,"message":"Meeting not found"},"data":null}"#],
        ]
        for (key, expectedBodies) in bodies {
            let rows = items.filter { $0["key"]?.stringValue == key }
            #expect(rows.count == 2, "\(key)")
            #expect(Set(rows.compactMap { $0["body"]?.stringValue }) == expectedBodies, "\(key)")
            let operations = rows.map { Set($0["operations"]?.arrayValue?.compactMap(\.stringValue) ?? []) }
            #expect(operations.count == 2 && operations[0].isDisjoint(with: operations[1]), "\(key)")
            #expect(operations.contains { $0.contains { $0.hasPrefix("admin.") } }, "\(key)")
            #expect(operations.contains { !$0.contains { $0.hasPrefix("admin.") } }, "\(key)")
        }
    }
}
