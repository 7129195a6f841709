import Dispatch

/// Holds a Dispatch source across concurrency domains. @unchecked because Dispatch sources are
/// thread-safe objects (resume, cancel and handler setting may be called from any thread) that the
/// Dispatch overlay does not mark Sendable.
struct SendableDispatchSource<Source>: @unchecked Sendable {
    let source: Source
}
