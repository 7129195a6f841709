import ConfemuSupport
import Testing
@testable import ConfemuHTTP

@Suite("ConnectionStateMachine with a manual clock (http.md 8, 9, 13)")
struct ConnectionStateMachineTests {
    let clock = ManualMonotonicClock()

    func machine() -> ConnectionStateMachine { ConnectionStateMachine(clock: clock, timeouts: .init()) }

    /// A machine that has answered one persistent request at the current time.
    func idleMachine() -> ConnectionStateMachine {
        var machine = machine()
        machine.requestBytesArrived()
        _ = machine.requestCompleted(keepAlive: true, isHTTP10: false)
        _ = machine.responseReady(.keepAlive)
        _ = machine.outputFlushed()
        return machine
    }

    @Test("a connection that never sends a byte is closed silently 10 s after accept")
    func silentNewConnection() {
        var machine = machine()
        #expect(machine.nextDeadline == clock.now().adding(milliseconds: 10_000))
        clock.advance(milliseconds: 9_999)
        #expect(machine.checkDeadlines() == .none)
        clock.advance(milliseconds: 1)
        #expect(machine.checkDeadlines() == .closeSilently)
        #expect(machine.phase == .closed)
    }

    @Test("the first request's head is due 10 s after accept, not after its first byte; then 408")
    func headerDeadlineFromAccept() {
        var machine = machine()
        clock.advance(milliseconds: 9_000)
        machine.requestBytesArrived()
        clock.advance(milliseconds: 999)
        #expect(machine.checkDeadlines() == .none)
        clock.advance(milliseconds: 1)
        #expect(machine.checkDeadlines() == .sendError(status: 408, slug: "request-timeout"))
        #expect(machine.phase == .responding)
        #expect(machine.closesAfterResponse)
    }

    @Test("an idle persistent connection closes silently after 30 s")
    func idleTimeout() {
        var machine = idleMachine()
        #expect(machine.isIdle)
        clock.advance(milliseconds: 29_999)
        #expect(machine.checkDeadlines() == .none)
        clock.advance(milliseconds: 1)
        #expect(machine.checkDeadlines() == .closeSilently)
    }

    @Test("a later request gets 10 s from its first byte, then 408")
    func headerDeadlineFromFirstByte() {
        var machine = idleMachine()
        clock.advance(milliseconds: 29_000)
        machine.requestBytesArrived()
        #expect(!machine.isIdle)
        clock.advance(milliseconds: 9_999)
        #expect(machine.checkDeadlines() == .none)
        clock.advance(milliseconds: 1)
        #expect(machine.checkDeadlines() == .sendError(status: 408, slug: "request-timeout"))
    }

    @Test("the body is due 30 s after the head, then 408")
    func bodyDeadline() {
        var machine = machine()
        machine.requestBytesArrived()
        clock.advance(milliseconds: 5_000)
        machine.headReceived()
        clock.advance(milliseconds: 29_999)
        #expect(machine.checkDeadlines() == .none)
        clock.advance(milliseconds: 1)
        #expect(machine.checkDeadlines() == .sendError(status: 408, slug: "request-timeout"))
    }

    @Test("deadlines are suspended while a handler runs")
    func handlerSuspendsDeadlines() {
        var machine = machine()
        machine.requestBytesArrived()
        #expect(machine.requestCompleted(keepAlive: true, isHTTP10: false) == .startHandler)
        #expect(machine.nextDeadline == nil)
        clock.advance(milliseconds: 3_600_000)
        #expect(machine.checkDeadlines() == .none)
        #expect(machine.phase == .handling)
    }

    @Test("a response not written within 30 s is aborted without drain")
    func writeDeadline() {
        var machine = machine()
        _ = machine.requestCompleted(keepAlive: true, isHTTP10: false)
        #expect(machine.responseReady(.keepAlive) == .sendResponse(.none))
        clock.advance(milliseconds: 29_999)
        #expect(machine.checkDeadlines() == .none)
        clock.advance(milliseconds: 1)
        #expect(machine.checkDeadlines() == .abort)
    }

    @Test("an interim 100 Continue is under the write deadline too")
    func interimWriteDeadline() {
        var machine = machine()
        machine.requestBytesArrived()
        machine.headReceived()
        clock.advance(milliseconds: 1_000)
        machine.interimQueued()
        #expect(machine.nextDeadline == clock.now().adding(milliseconds: 29_000))
        #expect(machine.outputFlushed() == .none)
        #expect(machine.nextDeadline == clock.now().adding(milliseconds: 29_000))
    }

    @Test("a closing response is followed by shutdown(SHUT_WR) and a drain of at most 2 s")
    func drainByTime() {
        var machine = machine()
        _ = machine.requestCompleted(keepAlive: false, isHTTP10: false)
        #expect(machine.responseReady(.keepAlive) == .sendResponse(.close))
        #expect(machine.outputFlushed() == .shutdownWriteAndDrain)
        #expect(machine.phase == .draining)
        #expect(machine.wantsInput)
        clock.advance(milliseconds: 1_999)
        #expect(machine.checkDeadlines() == .none)
        clock.advance(milliseconds: 1)
        #expect(machine.checkDeadlines() == .close)
    }

    @Test("the drain ends after 1 MiB or at EOF")
    func drainByBytes() {
        var machine = machine()
        _ = machine.parserFailed(status: 400, slug: "bad-request-line")
        #expect(machine.outputFlushed() == .shutdownWriteAndDrain)
        #expect(machine.drained(bytes: 1_048_575) == .none)
        #expect(machine.drained(bytes: 1) == .close)

        var other = self.machine()
        _ = other.parserFailed(status: 400, slug: "bad-request-line")
        _ = other.outputFlushed()
        #expect(other.endOfInput() == .close)
    }

    @Test("a persistent response returns to idle and asks to parse the next request")
    func keepAliveCycle() {
        var machine = machine()
        machine.requestBytesArrived()
        _ = machine.requestCompleted(keepAlive: true, isHTTP10: true)
        #expect(machine.responseReady(.keepAlive) == .sendResponse(.keepAlive))
        #expect(machine.outputFlushed() == .continueProcessing)
        #expect(machine.phase == .awaitingRequest)
        #expect(machine.idleSince == clock.now())
    }

    @Test("a handler's .close, a non-persistent request and HTTP/1.0 without keep-alive all close")
    func closingResponses() {
        var byHandler = machine()
        _ = byHandler.requestCompleted(keepAlive: true, isHTTP10: false)
        #expect(byHandler.responseReady(.close) == .sendResponse(.close))
        var byRequest = machine()
        _ = byRequest.requestCompleted(keepAlive: false, isHTTP10: true)
        #expect(byRequest.responseReady(.keepAlive) == .sendResponse(.close))
    }

    @Test("connection faults: reset, silent close, and a hang capped at 5 minutes")
    func connectionFaults() {
        var reset = machine()
        _ = reset.requestCompleted(keepAlive: true, isHTTP10: false)
        #expect(reset.responseReady(.reset) == .reset)
        var silent = machine()
        _ = silent.requestCompleted(keepAlive: true, isHTTP10: false)
        #expect(silent.responseReady(.closeSilently) == .closeSilently)

        var hang = machine()
        _ = hang.requestCompleted(keepAlive: true, isHTTP10: false)
        #expect(hang.responseReady(.hang(maxSeconds: 5)) == .hang)
        #expect(!hang.wantsInput)
        clock.advance(milliseconds: 4_999)
        #expect(hang.checkDeadlines() == .none)
        clock.advance(milliseconds: 1)
        #expect(hang.checkDeadlines() == .close)

        var long = machine()
        _ = long.requestCompleted(keepAlive: true, isHTTP10: false)
        _ = long.responseReady(.hang(maxSeconds: 100_000))
        #expect(long.nextDeadline == clock.now().adding(milliseconds: 300_000))
        #expect(long.endOfInput() == .close)
    }

    @Test("EOF before or in the middle of a request closes silently")
    func endOfInputMidRequest() {
        var fresh = machine()
        #expect(fresh.endOfInput() == .closeSilently)
        var partial = machine()
        partial.requestBytesArrived()
        partial.headReceived()
        #expect(partial.endOfInput() == .closeSilently)
    }

    @Test("EOF after a complete request: it is still answered, with close, and no drain follows")
    func halfClose() {
        var machine = machine()
        _ = machine.requestCompleted(keepAlive: true, isHTTP10: false)
        #expect(machine.endOfInput() == .none)
        #expect(!machine.wantsInput)
        #expect(machine.responseReady(.keepAlive) == .sendResponse(.close))
        #expect(machine.outputFlushed() == .close)
    }

    @Test("EOF while a persistent response is written: the connection closes once it is written")
    func endOfInputWhileResponding() {
        var machine = machine()
        _ = machine.requestCompleted(keepAlive: true, isHTTP10: false)
        #expect(machine.responseReady(.keepAlive) == .sendResponse(.none))
        #expect(machine.endOfInput() == .none)
        #expect(machine.outputFlushed() == .close)
    }

    @Test("a peer reset while the handler runs aborts the connection")
    func peerReset() {
        var machine = machine()
        _ = machine.requestCompleted(keepAlive: true, isHTTP10: false)
        #expect(machine.peerFailed() == .abort)
        #expect(machine.responseReady(.keepAlive) == .none)
    }

    @Test("shutdown closes idle and hanging connections at once and lets in-flight ones finish with close")
    func shutdown() {
        var idle = idleMachine()
        #expect(idle.beginShutdown() == .closeSilently)

        var handling = machine()
        _ = handling.requestCompleted(keepAlive: true, isHTTP10: false)
        #expect(handling.beginShutdown() == .none)
        #expect(handling.responseReady(.keepAlive) == .sendResponse(.close))

        var responding = machine()
        _ = responding.requestCompleted(keepAlive: true, isHTTP10: false)
        _ = responding.responseReady(.keepAlive)
        #expect(responding.beginShutdown() == .none)
        #expect(responding.outputFlushed() == .shutdownWriteAndDrain)

        var partial = machine()
        partial.requestBytesArrived()
        #expect(partial.beginShutdown() == .none)
        _ = partial.requestCompleted(keepAlive: true, isHTTP10: false)
        #expect(partial.responseReady(.keepAlive) == .sendResponse(.close))
        #expect(partial.forceClose() == .abort)
    }

    @Test("backpressure applies only while a handler runs or a response is written")
    func readsAhead() {
        var machine = machine()
        #expect(!machine.readsAhead)
        _ = machine.requestCompleted(keepAlive: true, isHTTP10: false)
        #expect(machine.readsAhead)
        #expect(machine.wantsInput)
    }
}
