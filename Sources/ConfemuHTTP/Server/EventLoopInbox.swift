#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The one way into the I/O thread from elsewhere (architecture.md 4.1, 4.2): handler tasks post
/// their responses, `shutdown()` posts its request; an `eventfd` wakes `epoll_wait`.
final class EventLoopInbox: Sendable {
    enum Message: Sendable {
        case response(connectionID: UInt64, HTTPResponse)
        case shutdown
    }

    private struct State {
        var messages: [Message] = []
        var closed = false
    }

    let eventDescriptor: Int32
    private let state = Mutex(State())

    init(eventDescriptor: Int32) { self.eventDescriptor = eventDescriptor }

    /// Queues a message and wakes the loop. After `close()` messages are dropped (a cancelled handler
    /// finishing late); the check and the write happen under the lock, so the eventfd is never
    /// written after it was closed (its number may already belong to someone else).
    func post(_ message: Message) {
        state.withLock { state in
            guard !state.closed else { return }
            let wasEmpty = state.messages.isEmpty
            state.messages.append(message)
            if wasEmpty {
                var one: UInt64 = 1
                _ = write(eventDescriptor, &one, MemoryLayout<UInt64>.size)
            }
        }
    }

    /// Resets the eventfd counter, then takes every queued message (I/O thread only).
    func takeAll() -> [Message] {
        var counter: UInt64 = 0
        _ = read(eventDescriptor, &counter, MemoryLayout<UInt64>.size)
        return state.withLock { state in
            let messages = state.messages
            state.messages.removeAll()
            return messages
        }
    }

    /// Closes the eventfd; later posts are dropped.
    func close() {
        state.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            state.messages.removeAll()
            _ = Glibc.close(eventDescriptor)
        }
    }
}
