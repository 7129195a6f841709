import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

extension Engine {
    /// `GET /_confemu/namespaces/NAME/state`: the whole namespace state as a fixtures document.
    package func exportState(namespace name: String) async throws -> JSONValue {
        guard let info = namespace(name) else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        let providers = self.providers
        let random = randomSource
        let nowMilliseconds = nowMilliseconds(namespace: info)
        let sections: [(key: String, value: JSONValue)] = try await store.read { db in
            try providers.map { provider in
                let transaction = TransactionContext(db: db, namespace: name, provider: provider.id,
                                                     nowMilliseconds: nowMilliseconds, randomSource: random)
                return (provider.id.rawValue,
                        try provider.exportState(configuration: info.configuration(provider.id), in: transaction))
            }
        }
        return .object(sections)
    }

    /// Replaces the provider state of a namespace with a fixtures document's state; credentials stay.
    func replaceState(namespace name: String, with document: JSONValue) async throws {
        guard var info = namespace(name) else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        try Self.validateFixturesShape(document)
        info.fixtures = document
        let providers = self.providers
        let random = randomSource
        let nowMilliseconds = nowMilliseconds(namespace: info)
        let target = info
        let earliest: Int64? = try await store.write { db in
            for provider in providers {
                try provider.deleteState(in: TransactionContext(db: db, namespace: name, provider: provider.id,
                                                                nowMilliseconds: nowMilliseconds, randomSource: random))
            }
            try db.execute("DELETE FROM clock_events WHERE namespace = ?", [.text(name)])
            try Engine.applyFixtures(target, providers: providers, nowMilliseconds: nowMilliseconds, random: random,
                                     db: db)
            return try Engine.earliestDue(namespace: name, db: db)
        }
        noteEarliestDue(namespace: name, earliest)
    }

    /// `POST .../snapshots`: saves the state under a name (201); an existing name is replaced.
    package func createSnapshot(namespace name: String, snapshot: String) async throws -> SnapshotInfo {
        guard !snapshot.isEmpty, snapshot.utf8.count <= 128 else {
            throw EngineError(400, "invalidRequest", "name: required, at most 128 characters")
        }
        let state = try await exportState(namespace: name)
        let createdMilliseconds = NamespaceClock.milliseconds(wallClock.now())
        try await store.write { db in
            try db.execute("INSERT OR REPLACE INTO snapshots (namespace, name, created_ms, state) VALUES (?, ?, ?, ?)",
                           [.text(name), .text(snapshot), .integer(createdMilliseconds), .text(state.jsonString())])
        }
        return SnapshotInfo(name: snapshot, createdMilliseconds: createdMilliseconds)
    }

    package func snapshots(namespace name: String) async throws -> [SnapshotInfo] {
        guard namespace(name) != nil else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        return try await store.read { db in
            try db.query("SELECT name, created_ms FROM snapshots WHERE namespace = ? ORDER BY created_ms DESC, name",
                         [.text(name)])
                .map { SnapshotInfo(name: try $0.string("name"), createdMilliseconds: try $0.int64("created_ms")) }
        }
    }

    package func restoreSnapshot(namespace name: String, snapshot: String) async throws {
        guard namespace(name) != nil else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        let text: String? = try await store.read { db in
            try db.query("SELECT state FROM snapshots WHERE namespace = ? AND name = ?", [.text(name), .text(snapshot)])
                .first.map { try $0.string("state") }
        }
        guard let text, let document = try? JSONValue(parsing: text) else {
            throw EngineError.notFound("snapshot '\(snapshot)' does not exist in namespace '\(name)'")
        }
        try await replaceState(namespace: name, with: document)
    }

    package func deleteSnapshot(namespace name: String, snapshot: String) async throws {
        let removed: Bool = try await store.write { db in
            try db.execute("DELETE FROM snapshots WHERE namespace = ? AND name = ?", [.text(name), .text(snapshot)])
            return db.changes > 0
        }
        guard removed else { throw EngineError.notFound("snapshot '\(snapshot)' does not exist in namespace '\(name)'") }
    }
}

/// A saved snapshot as listed.
package struct SnapshotInfo: Sendable {
    package var name: String
    package var createdMilliseconds: Int64
}
