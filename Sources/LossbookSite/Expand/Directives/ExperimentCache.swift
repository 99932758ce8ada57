import LossEngine
import Synchronization

/// The experiments one build ran, by name and seed: a lab may show a figure and quote its numbers
/// inline, and the experiment runs once. Each build has its own (held by its `ComputeCache`), so
/// nothing computed for one build, or one course, is seen by another in the same process; across
/// builds, the compute cache on disk keeps the directives' output instead.
final class ExperimentCache: Sendable {
    private struct State {
        var results: [String: ExperimentResult] = [:]
        var runs = 0
    }

    private let state = Mutex(State())
    /// The result of experiment `name` with `seed`, run now unless this build ran it already.
    /// Two pages asking at once may both run it (experiments are deterministic, so both get the
    /// same result); the lock is not held while an experiment runs.
    func result(_ name: String, seed: UInt64) throws -> ExperimentResult {
        let key = "\(name)#\(seed)"
        if let cached = state.withLock({ $0.results[key] }) { return cached }
        let result = try ExperimentCatalog.run(name, seed: seed)
        state.withLock { state in
            state.results[key] = result
            state.runs += 1
        }
        return result
    }

    /// How many experiments this cache ran (each distinct name and seed once, barring a race).
    var runs: Int { state.withLock { $0.runs } }
}
