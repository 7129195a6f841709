import Dispatch

/// A SerialExecutor that runs every job on one serial DispatchQueue (GRDB's DispatchQueueActor shape,
/// architecture.md §4.3): SQLite work then never occupies a thread of the cooperative pool.
final class StoreExecutor: SerialExecutor {
    private let queue: DispatchQueue
    private let key = DispatchSpecificKey<Bool>()

    init(label: String) {
        queue = DispatchQueue(label: label)  // serial
        queue.setSpecific(key: key, value: true)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async {
            job.runSynchronously(on: self.asUnownedSerialExecutor())
        }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Called by the runtime only for `assumeIsolated`/`preconditionIsolated` checks, whose contract is to stop
    /// the process when the caller is not on this executor; no request path calls those.
    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }

    /// True when the current code runs on this executor's queue.
    var isCurrent: Bool {
        DispatchQueue.getSpecific(key: key) ?? false
    }
}
