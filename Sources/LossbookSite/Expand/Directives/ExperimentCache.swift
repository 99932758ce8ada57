import Dispatch
import LossEngine
import Synchronization

/// The experiments one build ran, by name and seed: a lab may show a figure and quote its numbers
/// inline, and the experiment runs once. Each build has its own (held by its `ComputeCache`), so
/// nothing computed for one build, or one course, is seen by another in the same process; across
/// builds, the compute cache on disk keeps the directives' output instead.
///
/// A build may start the experiments its pages will need before it reaches them (`prefetch`),
/// so that the long trainings run while other pages are parsed and node renders formulas; a page
/// asking for an experiment that is running waits for that run instead of starting another.
final class ExperimentCache: Sendable {
    private struct State {
        var results: [String: Result<ExperimentResult, any Error>] = [:]
        /// Runs under way, each with the group its waiters wait on.
        var running: [String: DispatchGroup] = [:]
        var runs = 0
    }

    private enum Step {
        case done(Result<ExperimentResult, any Error>)
        case wait(DispatchGroup)
        case run(DispatchGroup)
    }

    private let state = Mutex(State())

    /// The result of experiment `name` with `seed`: the one this build has, the one running now
    /// (waited for), or run now. Experiments are deterministic, so whichever thread runs it, every
    /// page gets the same result; the lock is not held while an experiment runs.
    func result(_ name: String, seed: UInt64) throws -> ExperimentResult {
        let key = Self.key(name, seed)
        let step = state.withLock { state -> Step in
            if let result = state.results[key] { return .done(result) }
            if let group = state.running[key] { return .wait(group) }
            let group = DispatchGroup()
            group.enter()
            state.running[key] = group
            return .run(group)
        }
        switch step {
        case .done(let result):
            return try result.get()
        case .wait(let group):
            group.wait()
            // The runner stores the result before it leaves the group.
            guard let result = state.withLock({ $0.results[key] }) else {
                throw LossError.invalidArgument(argument: "experiment", reason: "the run of '\(name)' left no result")
            }
            return try result.get()
        case .run(let group):
            let result = Result { try ExperimentCatalog.run(name, seed: seed) }
            state.withLock { state in
                state.results[key] = result
                state.running[key] = nil
                state.runs += 1
            }
            group.leave()
            return try result.get()
        }
    }

    /// Starts `wanted` (name and seed pairs, in the order given) on one background thread and
    /// returns at once. Each runs unless this build has it or is running it; a page that asks for
    /// one before its turn runs it itself (the background thread then skips it), so a build
    /// never waits for the prefetch to reach an experiment. Errors are kept for the page that
    /// asks, which reports them at its directive.
    func prefetch(_ wanted: [(name: String, seed: UInt64)]) {
        guard !wanted.isEmpty else { return }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            for (name, seed) in wanted {
                let started = state.withLock { $0.results[Self.key(name, seed)] != nil || $0.running[Self.key(name, seed)] != nil }
                if !started { _ = try? result(name, seed: seed) }
            }
        }
    }

    /// How many experiments this cache ran (each distinct name and seed once).
    var runs: Int { state.withLock { $0.runs } }

    /// Whether this build has experiment `name` with `seed` (finished, with its result or error).
    func has(_ name: String, seed: UInt64) -> Bool {
        state.withLock { $0.results[Self.key(name, seed)] != nil }
    }

    private static func key(_ name: String, _ seed: UInt64) -> String { "\(name)#\(seed)" }
}
