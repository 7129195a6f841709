#if canImport(Glibc)
import Glibc
#endif
import CEpoll

/// Process-wide settings the server needs before its first socket (http.md 8.6, 9.6).
package enum ProcessResources {
    /// `SIGPIPE` ignored: a peer that vanished must never kill the process (http.md 8.6). Idempotent.
    package static func ignoreBrokenPipe() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    /// Raises the `RLIMIT_NOFILE` soft limit to the hard limit and returns the soft limit now in
    /// effect (http.md 9.6). Returns nil if the limit cannot be read.
    package static func raiseFileLimit() -> Int? {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        return limit.rlim_cur >= rlim_t(Int.max) ? Int.max : Int(limit.rlim_cur)
    }
}
