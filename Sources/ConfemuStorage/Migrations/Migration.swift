/// One named schema step. Providers list theirs (`videsk-001-rooms`, ...); the engine concatenates the lists and
/// hands them to `Store.open`, which applies the pending ones in order, each in its own transaction
/// (architecture.md §5). The body runs inside that transaction: it must not BEGIN/COMMIT itself, and pragmas
/// that SQLite ignores inside transactions (`foreign_keys`) have no effect there.
package struct Migration: Sendable {
    package let id: String
    let apply: @Sendable (Database) throws -> Void

    /// A migration written as an SQL script (several statements allowed).
    package init(id: String, sql: String) {
        self.id = id
        self.apply = { database in try database.execute(sql) }
    }

    /// A migration written as code (data back-fills, conditional steps).
    package init(id: String, _ apply: @escaping @Sendable (Database) throws -> Void) {
        self.id = id
        self.apply = apply
    }
}
