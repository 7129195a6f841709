import Dispatch

/// A task executor backed by a serial Dispatch queue. Dispatch queues get threads even while Swift's
/// width-limited cooperative pool is saturated by CPU-bound tests running in parallel, so an in-process
/// confemu and the test talking to it never miss a socket deadline because nothing could run them.
public final class DispatchTaskExecutor: TaskExecutor {
    private let queue: DispatchQueue

    public init(label: String = "confemu-testing") {
        queue = DispatchQueue(label: label)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
