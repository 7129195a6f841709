import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

/// The `/archives` operations (proconf.md §7).
enum ProConfArchiveHandlers {
    typealias Key = ProConfKey

    /// §7.2: at most 50, newest first.
    @Sendable static func list(_ call: ProConfCall) async throws -> HTTPResponse {
        let items = try await call.context.read { tx in
            try ProConfStore.archives(includeDeleted: false, tx).prefix(50).map { ProConfLifecycle.wrapped($0.meta) }
        }
        return ProConfResponse.json(.object([("count", .integer(items.count)), ("items", .array(items))]))
    }

    /// §7.3 steps 1–2 (inside a transaction).
    static func linked(_ archiveId: String, deletedArchive500: Bool,
                       _ tx: TransactionContext) throws -> ProConfStore.StoredArchive {
        guard try ProConfStore.session(archiveId: archiveId, tx) != nil else { throw ProviderError(Key.archiveNotFound) }
        guard let stored = try ProConfStore.archive(archiveId, tx), !stored.deleted else {
            // Intended 404; upstream hides Vonage's "not found" as a 500 (quirk `deletedArchive500`).
            if deletedArchive500 {
                throw ProviderError(Key.internalError, diagnostics: ["archive: \(archiveId) was deleted (deletedArchive500)"])
            }
            throw ProviderError(Key.archiveNotFound)
        }
        return stored
    }

    @Sendable static func get(_ call: ProConfCall) async throws -> HTTPResponse {
        let archiveId = call.parameter("archiveId")
        let quirk = call.behaviours.contains(Key.deletedArchive500)
        let meta = try await call.context.read { tx in try linked(archiveId, deletedArchive500: quirk, tx).meta }
        return ProConfResponse.json(ProConfLifecycle.wrapped(meta))
    }

    @Sendable static func delete(_ call: ProConfCall) async throws -> HTTPResponse {
        let archiveId = call.parameter("archiveId")
        let quirk = call.behaviours.contains(Key.deletedArchive500)
        try await call.context.write { tx in
            let stored = try linked(archiveId, deletedArchive500: quirk, tx)
            let status = stored.meta["status"]?.stringValue ?? ""
            // §7.3 step 4: Vonage refuses other statuses and the service hides it.
            guard status == "available" || status == "uploaded" else {
                throw ProviderError(Key.internalError, diagnostics: ["archive: status \(status) cannot be deleted"])
            }
            try ProConfStore.updateArchive(archiveId, meta: stored.meta, deleted: true, tx)
        }
        return ProConfResponse.noContent
    }

    /// §7.4.
    @Sendable static func storageTarget(_ call: ProConfCall) async throws -> HTTPResponse {
        let body = call.object
        let name = body["name"]?.stringValue
        func nonEmpty(_ key: String) -> String? {
            guard let text = body[key]?.stringValue, !text.isEmpty else { return nil }
            return text
        }
        var failure: String?
        if name != "AWSS3" && name != "AZURE" {
            failure = Key.unsupportedStorageType
        } else if name == "AWSS3", nonEmpty("bucket") == nil {
            failure = Key.s3BucketRequired
        } else if name == "AZURE", nonEmpty("accountName") == nil {
            failure = Key.azureAccountRequired
        }
        if let failure {
            if call.behaviours.contains(Key.storageTargetUnvalidated500) {
                throw ProviderError(Key.internalError, diagnostics: ["storage target: \(failure) (storageTargetUnvalidated500)"])
            }
            throw ProviderError(failure)
        }
        let fallback: JSONValue = body["fallback"].flatMap { $0.stringValue.map(JSONValue.string) } ?? "none"
        let target: JSONValue = name == "AWSS3"
            ? .object([("type", "S3"), ("config", .object([("bucket", JSONValue(nonEmpty("bucket"))),
                                                            ("endpoint", JSONValue(body["endpoint"]?.stringValue))])),
                       ("fallback", fallback)])
            : .object([("type", "Azure"), ("config", .object([("accountName", JSONValue(nonEmpty("accountName"))),
                                                               ("domain", JSONValue(body["domain"]?.stringValue))])),
                       ("fallback", fallback)])
        try await call.context.write { tx in
            try ProConfStore.setStorageTarget(target, tx)
            try ProConfLifecycle.replanProcessing(tx)
        }
        return ProConfResponse.noContent
    }
}
