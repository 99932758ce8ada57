import Foundation
import Synchronization

/// State shared between threads, with waiting until it changes. The state lives in a `Mutex`, so
/// the compiler checks that it is only touched under the lock; the condition variable only puts
/// waiting threads to sleep and wakes them. Every change is made while holding the condition's
/// lock and followed by a broadcast, so a waiter cannot miss one between its test and its sleep.
final class Monitor<State: Sendable>: Sendable {
    private let state: Mutex<State>
    private let condition = NSCondition()

    init(_ initial: State) {
        state = Mutex(initial)
    }

    /// Changes the state and wakes every waiter.
    func update<Result>(_ body: (inout State) -> Result) -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return state.withLock { body(&$0) }
    }

    /// Reads the state.
    func read<Result>(_ body: (State) -> Result) -> Result {
        state.withLock { body($0) }
    }

    /// Waits until `ready` holds (or `deadline` passes); returns whether it holds.
    @discardableResult
    func wait(until deadline: Date? = nil, for ready: (State) -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !state.withLock({ ready($0) }) {
            if let deadline {
                if !condition.wait(until: deadline) { return state.withLock { ready($0) } }
            } else {
                condition.wait()
            }
        }
        return true
    }
}
