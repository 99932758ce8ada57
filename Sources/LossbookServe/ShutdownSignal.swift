import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM as an awaitable event: the first asks for a clean stop, a second one ends
/// the process at once (status 130), as people expect of Ctrl-C pressed twice.
final class ShutdownSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var received = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var sources: [DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.receive() }
            source.resume()
            sources.append(source)
        }
    }

    private func receive() {
        lock.lock()
        received += 1
        let count = received
        let resumed = waiters
        waiters = []
        lock.unlock()
        if count > 1 { exit(130) }
        resumed.forEach { $0.resume() }
    }

    /// Returns once a signal has arrived.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if received > 0 {
                lock.unlock()
                continuation.resume()
            } else {
                waiters.append(continuation)
                lock.unlock()
            }
        }
    }
}
