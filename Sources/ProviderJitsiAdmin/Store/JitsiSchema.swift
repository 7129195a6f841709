import ConfemuStorage

/// The provider's tables (prefix `jitsi_`, namespace first in every primary key).
enum JitsiSchema {
    static let migrations = [
        Migration(id: "jitsiAdmin-001-tables", sql: """
            CREATE TABLE jitsi_servers (
                namespace TEXT NOT NULL, id INTEGER NOT NULL, url TEXT NOT NULL, name TEXT NOT NULL,
                api_key TEXT, app_id TEXT, app_secret TEXT, clone_allowed INTEGER NOT NULL DEFAULT 0,
                administrator TEXT, PRIMARY KEY (namespace, id));
            CREATE TABLE jitsi_server_members (
                namespace TEXT NOT NULL, server_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
                PRIMARY KEY (namespace, server_id, user_id));
            CREATE TABLE jitsi_users (
                namespace TEXT NOT NULL, id INTEGER NOT NULL, email TEXT NOT NULL, username TEXT NOT NULL,
                keycloak_id TEXT, first_name TEXT NOT NULL DEFAULT '', last_name TEXT NOT NULL DEFAULT '',
                time_zone TEXT, PRIMARY KEY (namespace, id));
            CREATE TABLE jitsi_rooms (
                namespace TEXT NOT NULL, id INTEGER NOT NULL, uid TEXT NOT NULL, conference_id TEXT NOT NULL,
                name TEXT NOT NULL, duration INTEGER NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL,
                server_id INTEGER NOT NULL, moderator_id INTEGER, time_zone TEXT, sequence INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (namespace, id));
            CREATE UNIQUE INDEX jitsi_rooms_uid ON jitsi_rooms (namespace, uid);
            CREATE TABLE jitsi_participants (
                namespace TEXT NOT NULL, room_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
                PRIMARY KEY (namespace, room_id, user_id));
            """),
    ]
}
