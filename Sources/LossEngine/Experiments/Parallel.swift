import Dispatch
import Synchronization

/// Two independent computations of an experiment at once.
///
/// Only for work whose results do not depend on the order it runs in (two trainings from their
/// own copies of a model): each result is what a serial run gives, bit for bit, on any number of
/// cores. On a machine with one free core the two simply run one after the other.
enum Parallel {
    /// `a()` and `b()` on two threads; rethrows the first one's error, then the second's.
    static func both<A: Sendable, B: Sendable>(_ a: @Sendable () throws -> A, _ b: @Sendable () throws -> B) throws -> (A, B) {
        let first = Mutex<Result<A, any Error>?>(nil)
        let second = Mutex<Result<B, any Error>?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let result = Result { try a() }
                first.withLock { $0 = result }
            } else {
                let result = Result { try b() }
                second.withLock { $0 = result }
            }
        }
        // concurrentPerform returns only after both iterations ran, so both slots are filled.
        guard let resultA = first.withLock({ $0 }), let resultB = second.withLock({ $0 }) else {
            throw LossError.invalidArgument(argument: "experiment", reason: "a parallel task did not run")
        }
        return (try resultA.get(), try resultB.get())
    }
}
