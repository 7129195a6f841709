import ConfemuStorage
import ConfemuSupport
import Foundation
import Testing

@Suite("Store")
struct StoreTests {
    static let schema = Migration(id: "test-001-items", sql: """
        CREATE TABLE items (id INTEGER PRIMARY KEY, value INTEGER NOT NULL UNIQUE)
        """)

    static func count(_ store: Store) async throws -> Int {
        try await store.read { database in try database.queryOne("SELECT count(*) AS n FROM items")?.int("n") ?? -1 }
    }

    @Test("Store.open runs migrations and checks the journal mode", arguments: [false, true])
    func openBothKinds(onDisk: Bool) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = onDisk ? directory.path("store.sqlite") : ":memory:"
        let store = try await Store.open(path: path, migrations: [Self.schema], logger: .discarding)
        let mode = try await store.read { database in try database.scalar("PRAGMA journal_mode")?.stringValue }
        #expect(mode == (onDisk ? "wal" : "memory"))
        #expect(try await Self.count(store) == 0)
        try await store.close()
    }

    @Test("closures run on the store's serial queue, not on the cooperative pool")
    func runsOnStoreQueue() async throws {
        let store = try await Store.open(path: ":memory:", logger: .discarding)
        #expect(!store.isOnStoreQueue)
        let inWrite = try await store.write { _ in store.isOnStoreQueue }
        let inRead = try await store.read { _ in store.isOnStoreQueue }
        #expect(inWrite)
        #expect(inRead)
        let other = try await Store.open(path: ":memory:", logger: .discarding)
        #expect(try await other.write { _ in store.isOnStoreQueue } == false)
    }

    @Test("200 concurrent writes from many tasks all land")
    func concurrentWrites() async throws {
        let store = try await Store.open(path: ":memory:", migrations: [Self.schema], logger: .discarding)
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for value in 0..<200 {
                group.addTask {
                    try await store.write { database in
                        try database.execute("INSERT INTO items (value) VALUES (?)", [SQLValue(value)])
                        return database.lastInsertRowID
                    }
                }
            }
            var ids: Set<Int64> = []
            for try await id in group {
                ids.insert(id)
            }
            return ids
        }
        #expect(ids.count == 200)
        #expect(try await Self.count(store) == 200)
        let sum = try await store.read { database in try database.scalar("SELECT sum(value) FROM items")?.int64Value }
        #expect(sum == 19_900)  // 0 + 1 + … + 199
    }

    @Test("a read after a write sees the committed row, also while other tasks write")
    func readsSeeCommittedData() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await Store.open(path: directory.path("reads.sqlite"), migrations: [Self.schema],
                                         logger: .discarding)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for value in 0..<40 {
                group.addTask {
                    let id = try await store.write { database in
                        try database.execute("INSERT INTO items (value) VALUES (?)", [SQLValue(value)])
                        return database.lastInsertRowID
                    }
                    let seen = try await store.read { database in
                        try database.queryOne("SELECT value FROM items WHERE id = ?", [.integer(id)])?.int("value")
                    }
                    #expect(seen == value)
                }
            }
            try await group.waitForAll()
        }
        #expect(try await Self.count(store) == 40)
        try await store.close()
    }

    @Test("a failed write rolls back, rethrows its first error, and the store keeps working")
    func failedWrite() async throws {
        let store = try await Store.open(path: ":memory:", migrations: [Self.schema], logger: .discarding)
        try await store.write { database in try database.execute("INSERT INTO items (value) VALUES (1)") }
        let error = await #expect(throws: StorageError.self) {
            try await store.write { database in
                try database.execute("INSERT INTO items (value) VALUES (?)", [2])
                try database.execute("INSERT INTO items (value) VALUES (?)", [1])  // UNIQUE violation
            }
        }
        #expect(error?.isUniqueViolation == true)
        let marker = await #expect(throws: MarkerError.self) {
            try await store.write { database in
                try database.execute("INSERT INTO items (value) VALUES (?)", [3])
                throw MarkerError(label: "stop")
            }
        }
        #expect(marker?.label == "stop")
        let values = try await store.read { database in
            try database.query("SELECT value FROM items ORDER BY value").map { try $0.int("value") }
        }
        #expect(values == [1])
    }

    @Test("a write closure nests atomic helpers with db.inTransaction (savepoints), without deadlock")
    func nestedWrite() async throws {
        let store = try await Store.open(path: ":memory:", migrations: [Self.schema], logger: .discarding)
        let inner = try await store.write { database in
            try database.execute("INSERT INTO items (value) VALUES (?)", [1])
            return try database.inTransaction {
                try database.execute("INSERT INTO items (value) VALUES (?)", [2])
                return database.isInTransaction
            }
        }
        #expect(inner)
        #expect(try await Self.count(store) == 2)
    }

    @Test("read refuses writes, and the next write still works")
    func readIsReadOnly() async throws {
        let store = try await Store.open(path: ":memory:", migrations: [Self.schema], logger: .discarding)
        let error = await #expect(throws: StorageError.self) {
            try await store.read { database in try database.execute("INSERT INTO items (value) VALUES (1)") }
        }
        #expect(error?.primaryCode == 8)  // SQLITE_READONLY
        try await store.write { database in try database.execute("INSERT INTO items (value) VALUES (7)") }
        #expect(try await Self.count(store) == 1)
    }

    @Test("a file database survives close and reopen, and close empties the WAL")
    func survivesReopen() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("durable.sqlite")
        let store = try await Store.open(path: path, migrations: [Self.schema], logger: .discarding)
        for value in 1...5 {
            try await store.write { database in
                try database.execute("INSERT INTO items (value) VALUES (?)", [SQLValue(value)])
            }
        }
        let walPath = path + "-wal"
        let walBefore = try FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int
        #expect((walBefore ?? 0) > 0)
        // A second connection (like `sqlite3` inspecting a live file) keeps the -wal file alive, so only the
        // checkpoint in close() can empty it.
        let observer = try Database(path: path)
        try await store.close()
        let walAfter = try FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int
        #expect(walAfter == 0)
        #expect(try observer.scalar("SELECT count(*) FROM items") == .integer(5))
        try observer.close()
        let reopened = try await Store.open(path: path, migrations: [Self.schema], logger: .discarding)
        #expect(try await Self.count(reopened) == 5)
        try await reopened.close()
    }

    @Test("after close every read and write throws closed; closing again is harmless")
    func closeMakesCallsThrow() async throws {
        let store = try await Store.open(path: ":memory:", migrations: [Self.schema], logger: .discarding)
        try await store.close()
        let writeError = await #expect(throws: StorageError.self) {
            try await store.write { database in try database.execute("SELECT 1") }
        }
        #expect(writeError?.kind == .closed)
        let readError = await #expect(throws: StorageError.self) {
            try await store.read { _ in 1 }
        }
        #expect(readError?.kind == .closed)
        #expect(readError?.description == "database \":memory:\" is closed")
        try await store.close()
    }

    @Test("open and close are logged at debug with the path")
    func logsOpenAndClose() async throws {
        let sink = MemoryLogSink()
        let store = try await Store.open(path: ":memory:", migrations: [Self.schema],
                                         logger: Logger(sink: sink, minimumLevel: .debug))
        try await store.close()
        #expect(sink.messages == ["applied migration", "database open", "database closed"])
        #expect(sink.all.allSatisfy { $0.level == .debug })
    }
}
