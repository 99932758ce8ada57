import Foundation

/// Runs builds one at a time on a thread of its own, a short quiet period after the last change.
///
/// Editors save in bursts (write a temporary file, rename, touch), and `git checkout` changes
/// many files at once: each change restarts a 100 ms quiet period, and one build follows. A
/// change during a build is remembered and causes exactly one more build after it. Builds run
/// on a dedicated thread, not in Swift concurrency's small pool, so that a build of several
/// seconds never holds up the server's connections.
final class RebuildScheduler: Sendable {
    private struct State {
        var pending: Set<String> = []
        var dirty = false
        var lastChange = Date.distantPast
        var building = false
        var stopping = false
        var finished = false
        var completed = 0
    }

    private let state = Monitor(State())
    private let quietPeriod: TimeInterval
    private let build: @Sendable ([String]) -> Void

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
        state.update { state in
            state.pending.formUnion(paths)
            state.dirty = true
            state.lastChange = Date()
        }
    }

    /// Builds now, without a quiet period, and returns when that build is done. Used for the
    /// first build, so that the watcher can already be running: a change made during it is
    /// built afterwards instead of being missed, and never alongside it.
    func buildNowAndWait() {
        let target = state.update { state in
            state.dirty = true
            state.lastChange = .distantPast
            return state.completed + (state.building ? 2 : 1)
        }
        state.wait { $0.completed >= target || $0.finished }
    }

    /// Stops after the build in progress, if any, has finished, waiting at most `timeout`.
    /// Returns false when a build was still running then.
    @discardableResult
    func stop(timeout: TimeInterval) -> Bool {
        state.update { $0.stopping = true }
        return state.wait(until: Date().addingTimeInterval(timeout)) { $0.finished }
    }

    private func loop() {
        while let paths = nextBuild() {
            build(paths)
            state.update { state in
                state.building = false
                state.completed += 1
            }
        }
        state.update { $0.finished = true }
    }

    /// Waits for a change and then for a quiet period after the last one; the paths to build,
    /// or nil when the scheduler is stopping.
    private func nextBuild() -> [String]? {
        state.wait { $0.dirty || $0.stopping }
        while true {
            let (stopping, quietUntil) = state.read { ($0.stopping, $0.lastChange.addingTimeInterval(quietPeriod)) }
            if stopping { return nil }
            if Date() >= quietUntil { break }
            // A later change moves the end of the quiet period: read it again after waking.
            state.wait(until: quietUntil) { $0.stopping }
        }
        return state.update { (state: inout State) -> [String]? in
            if state.stopping { return nil }
            let paths = state.pending.sorted()
            state.pending = []
            state.dirty = false
            state.building = true
            return paths
        }
    }
}
