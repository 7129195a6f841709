import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport

/// The Jitsi-Admin REST API (jitsi-admin.md).
package struct JitsiAdminProvider: Provider {
    package init() {}

    package var id: ProviderID { .jitsiAdmin }

    package var operations: [String] { JitsiOperation.all }

    package var eventKinds: [String] { [JitsiEvent.roomStarted, JitsiEvent.roomEnded] }

    package var migrations: [Migration] { JitsiSchema.migrations }

    package var internalErrorKey: String { JitsiKey.upstreamCrash500 }

    package var catalogue: ErrorCatalogue { JitsiCatalogue.catalogue }

    /// jitsi-admin.md §1: `/api/v1/...` and the join pages. Registration order gives the `Allow` order of §1
    /// (`POST, DELETE, PUT` for `/api/v1/room`).
    package var mounts: [ProviderMount] {
        let handlers = JitsiHandlers()
        return [
            Mount(prefix: "/api/v1", owner: ProviderID.jitsiAdmin.rawValue, routes: [
                Route(.GET, "/info/{uid}", operation: JitsiOperation.info, handler: handlers.info),
                Route(.GET, "/server/getRooms", operation: JitsiOperation.getRooms, handler: handlers.getRooms),
                Route(.POST, "/room", operation: JitsiOperation.roomCreate, handler: handlers.create),
                Route(.DELETE, "/room", operation: JitsiOperation.roomDelete, handler: handlers.delete),
                Route(.PUT, "/room", operation: JitsiOperation.roomEdit, handler: handlers.edit),
                Route(.POST, "/room/move/{uid}", operation: JitsiOperation.roomMove, handler: handlers.move),
                Route(.POST, "/room/move", operation: JitsiOperation.roomMove, handler: handlers.move),
                Route(.POST, "/user", operation: JitsiOperation.userAdd, handler: handlers.userAdd),
                Route(.DELETE, "/user", operation: JitsiOperation.userRemove, handler: handlers.userRemove),
                Route(.POST, "/server/create", operation: JitsiOperation.serverCreate, handler: handlers.serverCreate),
                Route(.GET, "/serverInfo", operation: JitsiOperation.serverInfo, handler: handlers.serverInfo),
            ]),
            Mount(prefix: "/room/join", owner: ProviderID.jitsiAdmin.rawValue, routes: [
                Route(.GET, "/b/{roomDbId}", operation: JitsiOperation.join, handler: handlers.join),
                Route(.GET, "/a/{roomDbId}", operation: JitsiOperation.join, handler: handlers.join),
            ]),
        ]
    }
}
