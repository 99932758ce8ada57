import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM as an awaitable event: the first asks for a clean stop, a second one ends
/// the process at once (status 130), as people expect of Ctrl-C pressed twice.
///
/// Lives in the command line, not in LossbookServe: how the process reacts to signals is the
/// program's decision, and a library that installed handlers would take it from whoever embeds it.
final class ShutdownSignal: Sendable {
    private struct State {
        var received = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        /// Kept alive here: a signal source that is released stops delivering.
        var sources: [any DispatchSourceSignal] = []
    }

    private let state = Mutex(State())

    /// Takes over SIGINT and SIGTERM for the rest of the process.
    init() {
        state.withLock { state in
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [weak self] in self?.receive() }
                source.resume()
                state.sources.append(source)
            }
        }
    }

    private func receive() {
        let (count, resumed) = state.withLock { state in
            state.received += 1
            let resumed = state.waiters
            state.waiters = []
            return (state.received, resumed)
        }
        if count > 1 { exit(130) }
        resumed.forEach { $0.resume() }
    }

    /// Returns once a signal has arrived.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let arrived = state.withLock { state in
                if state.received > 0 { return true }
                state.waiters.append(continuation)
                return false
            }
            if arrived { continuation.resume() }
        }
    }
}
