import Foundation
import LossEngine
import LossPlot

/// The one cache for everything the build computes through the engine: plots, loss tables,
/// checks, experiments and inline values. A result is keyed by the directive's name and exact
/// text plus the identity of the program that computed it (engine, plotting and generator
/// versions, and the lossbook executable itself), so a rebuild after editing one page recomputes
/// only that page's directives, and a rebuilt lossbook recomputes everything.
///
/// Only successful results are stored; a directive with errors runs again, so its diagnostics
/// are always reported. Deleting the cache changes nothing but the time a build takes.
final class ComputeCache: @unchecked Sendable {
    /// Results on disk, in the formula cache's bucketed segments: a thousand plots are a few
    /// files, not a thousand (creating files is what ext4 makes slow).
    private let store: RenderCache
    private let lock = NSLock()
    private(set) var hits = 0
    private(set) var misses = 0

    init(directory: URL?) {
        store = RenderCache(directory: directory, buckets: 16)
    }

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
    func value(for key: String, compute: () -> String?) -> String? {
        if let cached = lock.withLock({ store.value(for: key) }) {
            lock.withLock { hits += 1 }
            return cached
        }
        lock.withLock { misses += 1 }
        guard let value = compute() else { return nil }
        lock.withLock { store.store(value, for: key) }
        return value
    }

    /// The stored value for `key`, counted as a hit or a miss, for results computed outside
    /// `value(for:compute:)` (runnable Swift blocks, which compile together before any runs).
    func lookUp(_ key: String) -> String? {
        lock.withLock {
            let value = store.value(for: key)
            if value != nil { hits += 1 } else { misses += 1 }
            return value
        }
    }

    func store(_ value: String, for key: String) {
        lock.withLock { store.store(value, for: key) }
    }

    /// Writes the results computed since the last flush.
    func flush() {
        lock.withLock { store.flush() }
    }

    /// Drops the results this cache's builds did not use, and writes the rest; for a build that
    /// expanded every note. Returns how many were dropped.
    @discardableResult
    func sweep() -> Int {
        lock.withLock { store.sweep() }
    }
}
