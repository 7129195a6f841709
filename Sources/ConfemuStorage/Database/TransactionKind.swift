/// How a top-level transaction starts (https://sqlite.org/lang_transaction.html).
package enum TransactionKind: Sendable {
    /// Takes locks lazily; a read that later writes can fail with SQLITE_BUSY mid-transaction.
    case deferred
    /// Takes the write lock at BEGIN: what `Store.write` uses (architecture.md §4.3).
    case immediate
    case exclusive

    var beginSQL: String {
        switch self {
        case .deferred: "BEGIN DEFERRED TRANSACTION"
        case .immediate: "BEGIN IMMEDIATE TRANSACTION"
        case .exclusive: "BEGIN EXCLUSIVE TRANSACTION"
        }
    }
}
