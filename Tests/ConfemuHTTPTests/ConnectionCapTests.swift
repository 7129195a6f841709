import ConfemuSupport
import Testing
@testable import ConfemuHTTP

@Suite("Connection cap (http.md 9.6)")
struct ConnectionCapTests {
    let clock = ManualMonotonicClock()

    @Test("the cap is min(1024, soft limit − 64)")
    func limit() {
        #expect(ConnectionCap(maximum: 1024, softFileLimit: 20_000, reserve: 64).limit == 1024)
        #expect(ConnectionCap(maximum: 1024, softFileLimit: 256, reserve: 64).limit == 192)
        #expect(ConnectionCap(maximum: 1024, softFileLimit: nil, reserve: 64).limit == 1024)
    }

    @Test("at the cap the longest-idle connection is evicted, fresh silent connections included")
    func evictsLongestIdle() {
        let cap = ConnectionCap(limit: 3)
        // A fresh silent connection accepted first, a busy one, then one idle after a response.
        let fresh = ConnectionStateMachine(clock: clock)
        clock.advance(milliseconds: 1_000)
        var busy = ConnectionStateMachine(clock: clock)
        _ = busy.requestCompleted(keepAlive: true, isHTTP10: false)
        clock.advance(milliseconds: 1_000)
        var answered = ConnectionStateMachine(clock: clock)
        _ = answered.requestCompleted(keepAlive: true, isHTTP10: false)
        _ = answered.responseReady(.keepAlive)
        _ = answered.outputFlushed()

        let machines: [(UInt64, ConnectionStateMachine)] = [(10, fresh), (11, busy), (12, answered)]
        let idle = machines.filter { $0.1.isIdle }.map { (id: $0.0, since: $0.1.idleSince) }
        #expect(idle.map(\.id) == [10, 12])
        #expect(cap.admit(openCount: 2, idle: idle) == .accept)
        #expect(cap.admit(openCount: 3, idle: idle) == .evict(10))
    }

    @Test("at the cap with nothing idle the new connection is rejected (503 server-busy)")
    func rejectsWhenNothingIdle() {
        let cap = ConnectionCap(limit: 2)
        var first = ConnectionStateMachine(clock: clock)
        first.requestBytesArrived()
        var second = ConnectionStateMachine(clock: clock)
        _ = second.requestCompleted(keepAlive: true, isHTTP10: false)
        let idle = [(UInt64(1), first), (UInt64(2), second)].filter { $0.1.isIdle }
            .map { (id: $0.0, since: $0.1.idleSince) }
        #expect(idle.isEmpty)
        #expect(cap.admit(openCount: 2, idle: idle) == .reject)

        var rejected = ConnectionStateMachine(clock: clock)
        #expect(rejected.parserFailed(status: 503, slug: "server-busy") == .sendError(status: 503, slug: "server-busy"))
        #expect(rejected.outputFlushed() == .shutdownWriteAndDrain)
    }
}
