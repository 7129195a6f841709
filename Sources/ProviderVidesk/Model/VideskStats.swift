import ConfemuFormats

/// The stats body of videsk.md §9.7 (confemu's own design).
enum VideskStats {
    static func render(_ room: VideskRoom, view: String, now: Int64) -> JSONValue {
        let records = room.participants
        let active = records.filter { $0.leftAt == nil }.count
        // Peak: sweep joins and leaves; at the same instant a leave counts first.
        var changes: [(time: Int64, delta: Int)] = []
        for record in records {
            changes.append((record.joinedAt, 1))
            if let left = record.leftAt { changes.append((left, -1)) }
        }
        changes.sort { $0.time != $1.time ? $0.time < $1.time : $0.delta < $1.delta }
        var present = 0
        var peak = 0
        for change in changes {
            present += change.delta
            peak = max(peak, present)
        }
        var duration: Int64 = 0
        if let earliest = records.map(\.joinedAt).min() {
            let latest = active > 0 ? now : (records.compactMap(\.leftAt).max() ?? now)
            duration = max(0, VideskDate.floorDiv(latest - earliest, 1000))
        }
        let listed = view == "snapshot" ? records.filter { $0.leftAt == nil } : records
        let peers: [JSONValue] = listed.map { record in
            let end = record.leftAt ?? now
            return .object([
                ("peerId", .string(record.peerId)), ("displayName", .string(record.displayName)),
                ("joinedAt", .string(VideskDate.format(record.joinedAt))),
                ("leftAt", record.leftAt.map { .string(VideskDate.format($0)) } ?? .null),
                ("durationSeconds", .integer(max(0, VideskDate.floorDiv(end - record.joinedAt, 1000)))),
            ])
        }
        return .object([
            ("roomId", .string(room.id)), ("externalId", .string(room.externalId)), ("view", .string(view)),
            ("generatedAt", .string(VideskDate.format(now))),
            ("participants", .object([("total", .integer(records.count)), ("active", .integer(active)),
                                      ("peak", .integer(peak))])),
            ("durationSeconds", .integer(duration)),
            ("peers", .array(peers)),
        ])
    }
}
