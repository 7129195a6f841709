import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage

/// ProCONF: the SourceLoop Video Conferencing Service and the ProCONF Admin Control API sharing one state
/// per namespace (proconf.md).
package struct ProConfProvider: Provider {
    package init() {}

    package var id: ProviderID { .proconf }

    package var catalogue: ErrorCatalogue { ProConfCatalogue.catalogue }

    package var operations: [String] { ProConfOperation.all }

    package var eventKinds: [String] { ProConfEvent.all }

    package var migrations: [Migration] { ProConfStore.migrations }

    package var internalErrorKey: String { ProConfKey.internalError }

    /// proconf.md §3.4: 413 comes after 415 and is answered by the routes.
    package var handlesOversizedBodies: Bool { true }

    package var mounts: [ProviderMount] {
        typealias Op = ProConfOperation
        typealias P = ProConfPermission
        let owner = ProviderID.proconf.rawValue
        // proconf.md §1: a single trailing slash is ignored; `/api` is shorter than Jitsi-Admin's `/api/v1`.
        return [
            Mount(prefix: "/session", owner: owner, cors: .loopback, ignoresTrailingSlash: true,
                  bodyLimit: ProConfBody.limit, routes: [
                      Route(.POST, "", operation: Op.sessionCreate,
                            handler: ProConfSessionHandlers.route(Op.sessionCreate, P.createMeetingSession, body: true,
                                                                  ProConfSessionHandlers.create)),
                      Route(.POST, "/{meetingLinkId}/token", operation: Op.sessionToken,
                            handler: ProConfSessionHandlers.route(Op.sessionToken, P.generateMeetingToken, body: true,
                                                                  ProConfSessionHandlers.token)),
                      Route(.PATCH, "/{meetingLinkId}", operation: Op.sessionEdit,
                            handler: ProConfSessionHandlers.route(Op.sessionEdit, P.editMeeting, body: true,
                                                                  ProConfSessionHandlers.edit)),
                      Route(.PATCH, "/{meetingLinkId}/end", operation: Op.sessionEnd,
                            handler: ProConfSessionHandlers.route(Op.sessionEnd, P.stopMeeting, body: false,
                                                                  ProConfSessionHandlers.end)),
                      Route(.GET, "/{meetingLinkId}/attendees", operation: Op.sessionAttendees,
                            handler: ProConfSessionHandlers.route(Op.sessionAttendees, P.getMeetingAttendees,
                                                                  body: false, ProConfSessionHandlers.attendees)),
                  ]),
            Mount(prefix: "/archives", owner: owner, cors: .loopback, ignoresTrailingSlash: true,
                  bodyLimit: ProConfBody.limit, routes: [
                      Route(.GET, "", operation: Op.archivesList,
                            handler: ProConfSessionHandlers.route(Op.archivesList, P.getMeetingArchives, body: false,
                                                                  ProConfArchiveHandlers.list)),
                      Route(.GET, "/{archiveId}", operation: Op.archivesGet,
                            handler: ProConfSessionHandlers.route(Op.archivesGet, P.getMeetingArchives, body: false,
                                                                  ProConfArchiveHandlers.get)),
                      Route(.DELETE, "/{archiveId}", operation: Op.archivesDelete,
                            handler: ProConfSessionHandlers.route(Op.archivesDelete, P.deleteMeetingArchive,
                                                                  body: false, ProConfArchiveHandlers.delete)),
                      Route(.PUT, "/storage-target", operation: Op.archivesStorageTarget,
                            handler: ProConfSessionHandlers.route(Op.archivesStorageTarget, P.setMeetingUploadTarget,
                                                                  body: true, ProConfArchiveHandlers.storageTarget)),
                  ]),
            Mount(prefix: "/webhooks", owner: owner, cors: .loopback, ignoresTrailingSlash: true,
                  bodyLimit: ProConfBody.limit, routes: [
                      Route(.POST, "/session", operation: Op.webhookSession,
                            handler: ProConfSessionHandlers.route(Op.webhookSession, nil, body: true,
                                                                  ProConfWebhookHandler.handle)),
                  ]),
            Mount(prefix: "/api", owner: owner, cors: .none, ignoresTrailingSlash: true, routes: [
                Route(.GET, "/meetings", operation: Op.adminMeetings,
                      handler: ProConfAdminHandlers.route(ProConfAdminHandlers.meetings)),
                Route(.POST, "/proconf-token", operation: Op.adminToken,
                      handler: ProConfAdminHandlers.route(ProConfAdminHandlers.token)),
                Route(.GET, "/configuration", operation: Op.adminConfiguration,
                      handler: ProConfAdminHandlers.route(ProConfAdminHandlers.configuration)),
                Route(.GET, "/sessions-status/{room}", operation: Op.adminSessionsStatus,
                      handler: ProConfAdminHandlers.route(ProConfAdminHandlers.sessionsStatus)),
                Route(.GET, "/sessions-status", operation: Op.adminSessionsStatus,
                      handler: ProConfAdminHandlers.route(ProConfAdminHandlers.sessionsStatus)),
                Route(.GET, "/call-catchup/{room}", operation: Op.adminCallCatchup,
                      handler: ProConfAdminHandlers.route(ProConfAdminHandlers.callCatchup)),
                Route(.GET, "/call-catchup", operation: Op.adminCallCatchup,
                      handler: ProConfAdminHandlers.route(ProConfAdminHandlers.callCatchup)),
                Route(.GET, "/call-summary/{room}", operation: Op.adminCallSummary,
                      handler: ProConfAdminHandlers.route(ProConfAdminHandlers.callSummary)),
                Route(.GET, "/call-summary", operation: Op.adminCallSummary,
                      handler: ProConfAdminHandlers.route(ProConfAdminHandlers.callSummary)),
            ]),
        ]
    }

    package var controlRoutes: [Route<RouteHandler>] { ProConfControlHandlers.routes }

    // MARK: State

    package func handle(_ event: ClockEvent, in transaction: TransactionContext) throws {
        try ProConfLifecycle.handle(event, transaction)
    }

    package func applyFixtures(_ section: JSONValue?, configuration: JSONValue, in transaction: TransactionContext) throws {
        try ProConfFixtures.apply(section, config: ProConfConfiguration(configuration), transaction)
    }

    package func exportState(configuration: JSONValue, in transaction: TransactionContext) throws -> JSONValue {
        try ProConfFixtures.export(config: ProConfConfiguration(configuration), transaction)
    }

    package func deleteState(in transaction: TransactionContext) throws {
        try ProConfStore.deleteAll(transaction)
    }
}
