import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

extension Engine {
    /// `POST /_confemu/namespaces/NAME/faults`: validates and stores a rule (control-plane.md §4).
    package func addFault(namespace name: String, document: JSONValue) async throws -> FaultRule {
        guard namespace(name) != nil else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        var rule = try FaultRuleParser.parse(document, providers: providers)
        rule.id = faults.makeID()
        let position = faults.list(namespace: name).count
        let stored = rule
        try await store.write { db in
            try db.execute("INSERT INTO faults (namespace, id, position, rule, hits, matches) VALUES (?, ?, ?, ?, 0, 0)",
                           [.text(name), .text(stored.id), .integer(Int64(position)), .text(stored.document.jsonString())])
        }
        faults.add(rule, namespace: name)
        return rule
    }

    package func deleteFault(namespace name: String, id: String) async throws {
        guard faults.remove(namespace: name, id: id) else {
            throw EngineError.notFound("fault '\(id)' does not exist in namespace '\(name)'")
        }
        try await store.write { db in
            try db.execute("DELETE FROM faults WHERE namespace = ? AND id = ?", [.text(name), .text(id)])
        }
    }

    package func deleteAllFaults(namespace name: String) async throws {
        faults.removeAll(namespace: name)
        try await store.write { db in
            try db.execute("DELETE FROM faults WHERE namespace = ?", [.text(name)])
        }
    }

    /// Writes the counters of a namespace's rules after one fired or matched.
    func persistFaultCounters(namespace name: String) async {
        let counters = faults.counters(namespace: name)
        do {
            try await store.write { db in
                for counter in counters {
                    try db.execute("UPDATE faults SET hits = ?, matches = ? WHERE namespace = ? AND id = ?",
                                   [.integer(Int64(counter.hits)), .integer(Int64(counter.matches)), .text(name),
                                    .text(counter.id)])
                }
            }
        } catch {
            logger.error("could not persist fault counters of \(name): \(error)")
        }
    }

    func loadFaults() async throws {
        let providers = self.providers
        let rows = try await store.read { db in
            try db.query("SELECT namespace, id, rule, hits, matches FROM faults ORDER BY namespace, position", [])
                .map { (try $0.string("namespace"), try $0.string("id"), try $0.string("rule"),
                        try $0.int64("hits"), try $0.int64("matches")) }
        }
        var loaded: [String: [FaultRule]] = [:]
        for (namespace, id, text, hits, matches) in rows {
            guard let document = try? JSONValue(parsing: text),
                  var rule = try? FaultRuleParser.parse(document, providers: providers) else { continue }
            rule.id = id
            rule.hits = Int(hits)
            rule.matches = Int(matches)
            loaded[namespace, default: []].append(rule)
        }
        faults.load(loaded)
    }
}
