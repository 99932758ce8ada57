import Foundation
import LossEngine
import LossPlot
import Synchronization

/// The one cache for everything the build computes through the engine: plots, loss tables,
/// checks, experiments and inline values. A result is keyed by the directive's name and exact
/// text plus the identity of the program that computed it (engine, plotting and generator
/// versions, and the lossbook executable itself), so a rebuild after editing one page recomputes
/// only that page's directives, and a rebuilt lossbook recomputes everything.
///
/// Only successful results are stored; a directive with errors runs again, so its diagnostics
/// are always reported. Deleting the cache changes nothing but the time a build takes.
final class ComputeCache: Sendable {
    /// Results on disk, in the formula cache's bucketed segments: a thousand plots are a few
    /// files, not a thousand (creating files is what ext4 makes slow).
    private struct State {
        var store: RenderCache
        var hits = 0
        var misses = 0
    }

    private let state: Mutex<State>
    /// The engine's experiments this build ran, by name and seed: one build, one run of each,
    /// however many pages show or quote it. Owned here so that it lives and dies with the build.
    let experiments: ExperimentCache

    /// `experiments` is the build's own unless given: a caller that expands pages one by one,
    /// each with its own compute cache, may share one run of each experiment between them.
    init(directory: URL?, experiments: ExperimentCache = ExperimentCache()) {
        state = Mutex(State(store: RenderCache(directory: directory, buckets: 16)))
        self.experiments = experiments
    }

    /// Results served from the cache, and results computed, so far.
    var hits: Int { state.withLock { $0.hits } }
    var misses: Int { state.withLock { $0.misses } }

    /// What every key includes: a change to any of these must invalidate every stored result.
    static let programIdentity: String = {
        var parts = [EngineVersion.string, LossPlotVersion.string]
        if let executable = Bundle.main.executableURL,
           let attributes = try? FileManager.default.attributesOfItem(atPath: executable.path) {
            parts.append("\(attributes[.size] ?? 0)")
            parts.append("\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)")
        }
        return parts.joined(separator: "/")
    }()

    func key(_ kind: String, _ text: String) -> String {
        FNV1a128.hex(of: [Self.programIdentity, kind, text])
    }

    /// The stored result for `key`, or the one `compute` makes (stored when it is not nil).
    /// `compute` runs outside the lock, so that pages computing different results do not wait
    /// for each other.
    func value(for key: String, compute: () -> String?) -> String? {
        let cached = state.withLock { state -> String? in
            let cached = state.store.value(for: key)
            if cached != nil { state.hits += 1 } else { state.misses += 1 }
            return cached
        }
        if let cached { return cached }
        guard let value = compute() else { return nil }
        state.withLock { $0.store.store(value, for: key) }
        return value
    }

    /// The stored value for `key`, counted as a hit or a miss, for results computed outside
    /// `value(for:compute:)` (runnable Swift blocks, which compile together before any runs).
    func lookUp(_ key: String) -> String? {
        state.withLock { state in
            let value = state.store.value(for: key)
            if value != nil { state.hits += 1 } else { state.misses += 1 }
            return value
        }
    }

    /// Whether a result is stored for `key`, without counting a hit or a miss: for planning
    /// work before the directive that owns the key looks it up (`ExperimentPlan`).
    func contains(_ key: String) -> Bool {
        state.withLock { $0.store.value(for: key) != nil }
    }

    func store(_ value: String, for key: String) {
        state.withLock { $0.store.store(value, for: key) }
    }

    /// Writes the results computed since the last flush.
    func flush() {
        state.withLock { $0.store.flush() }
    }

    /// Drops the results this cache's builds did not use, and writes the rest; for a build that
    /// expanded every note. Returns how many were dropped.
    @discardableResult
    func sweep() -> Int {
        state.withLock { $0.store.sweep() }
    }
}
