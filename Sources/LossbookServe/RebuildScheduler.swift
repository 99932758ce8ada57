import Foundation

/// Runs builds one at a time on a thread of its own, a short quiet period after the last change.
///
/// Editors save in bursts (write a temporary file, rename, touch), and `git checkout` changes
/// many files at once: each change restarts a 100 ms quiet period, and one build follows. A
/// change during a build is remembered and causes exactly one more build after it. Builds run
/// on a dedicated thread, not in Swift concurrency's small pool, so that a build of several
/// seconds never holds up the server's connections.
final class RebuildScheduler: @unchecked Sendable {
    private let condition = NSCondition()
    private let quietPeriod: TimeInterval
    private let build: @Sendable ([String]) -> Void
    private var pending: Set<String> = []
    private var dirty = false
    private var lastChange = Date.distantPast
    private var building = false
    private var stopping = false
    private var finished = false
    private var completed = 0

    init(quietPeriod: TimeInterval = 0.1, build: @escaping @Sendable ([String]) -> Void) {
        self.quietPeriod = quietPeriod
        self.build = build
    }

    func start() {
        let thread = Thread { [self] in self.loop() }
        thread.name = "lossbook-rebuild"
        thread.start()
    }

    /// Something changed: build after the quiet period.
    func changed(_ paths: [String]) {
        condition.lock()
        pending.formUnion(paths)
        dirty = true
        lastChange = Date()
        condition.broadcast()
        condition.unlock()
    }

    /// Builds now, without a quiet period, and returns when that build is done. Used for the
    /// first build, so that the watcher can already be running: a change made during it is
    /// built afterwards instead of being missed, and never alongside it.
    func buildNowAndWait() {
        condition.lock()
        defer { condition.unlock() }
        let target = completed + (building ? 2 : 1)
        dirty = true
        lastChange = .distantPast
        condition.broadcast()
        while completed < target && !finished { condition.wait() }
    }

    /// Stops after the build in progress, if any, has finished, waiting at most `timeout`.
    /// Returns false when a build was still running then.
    @discardableResult
    func stop(timeout: TimeInterval) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        let deadline = Date().addingTimeInterval(timeout)
        while !finished {
            if !condition.wait(until: deadline) { return finished }
        }
        return true
    }

    private func loop() {
        condition.lock()
        while true {
            while !dirty && !stopping { condition.wait() }
            if stopping { break }
            // Wait for a quiet period after the last change.
            var quietUntil = lastChange.addingTimeInterval(quietPeriod)
            while Date() < quietUntil && !stopping {
                _ = condition.wait(until: quietUntil)
                quietUntil = lastChange.addingTimeInterval(quietPeriod)
            }
            if stopping { break }
            let paths = pending.sorted()
            pending = []
            dirty = false
            building = true
            condition.unlock()
            build(paths)
            condition.lock()
            building = false
            completed += 1
            condition.broadcast()
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
