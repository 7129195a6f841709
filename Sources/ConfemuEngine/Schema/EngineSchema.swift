import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

/// The engine's own tables (architecture.md §5 "State tables"). Provider tables come from providers.
package enum EngineSchema {
    package static let migrations: [Migration] = [
        Migration(id: "engine-001-namespaces", sql: """
            CREATE TABLE namespaces (
                name TEXT NOT NULL PRIMARY KEY,
                ordinal INTEGER NOT NULL UNIQUE,
                created_ms INTEGER NOT NULL,
                seed TEXT,
                fixtures TEXT NOT NULL,
                configurations TEXT NOT NULL,
                clock_offset_ms INTEGER NOT NULL DEFAULT 0,
                clock_frozen_ms INTEGER
            );
            """),
        Migration(id: "engine-002-clock-events", sql: """
            CREATE TABLE clock_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                namespace TEXT NOT NULL,
                provider TEXT NOT NULL,
                kind TEXT NOT NULL,
                due_ms INTEGER NOT NULL,
                key TEXT NOT NULL,
                subject TEXT NOT NULL,
                payload TEXT NOT NULL
            );
            CREATE INDEX clock_events_due ON clock_events (namespace, due_ms, id);
            """),
        Migration(id: "engine-003-faults", sql: """
            CREATE TABLE faults (
                namespace TEXT NOT NULL,
                id TEXT NOT NULL,
                position INTEGER NOT NULL,
                rule TEXT NOT NULL,
                hits INTEGER NOT NULL DEFAULT 0,
                matches INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (namespace, id)
            );
            """),
        Migration(id: "engine-004-outbox", sql: """
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                namespace TEXT NOT NULL,
                provider TEXT NOT NULL,
                kind TEXT NOT NULL,
                event TEXT NOT NULL,
                url TEXT,
                recipient TEXT,
                method TEXT NOT NULL,
                headers TEXT NOT NULL,
                body TEXT NOT NULL,
                details TEXT NOT NULL,
                attempts TEXT NOT NULL DEFAULT '[]',
                tries INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL,
                next_attempt_ms INTEGER,
                created_ms INTEGER NOT NULL
            );
            CREATE INDEX outbox_namespace ON outbox (namespace, id);
            CREATE INDEX outbox_pending ON outbox (state, next_attempt_ms);
            """),
        Migration(id: "engine-005-snapshots", sql: """
            CREATE TABLE snapshots (
                namespace TEXT NOT NULL,
                name TEXT NOT NULL,
                created_ms INTEGER NOT NULL,
                state TEXT NOT NULL,
                PRIMARY KEY (namespace, name)
            );
            """),
    ]
}
