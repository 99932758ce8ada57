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
    private let directory: URL?
    private let lock = NSLock()
    private var memory: [String: String] = [:]
    private(set) var hits = 0
    private(set) var misses = 0

    init(directory: URL?) {
        self.directory = directory
        if let directory { try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
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
        if let cached = lock.withLock({ memory[key] }) ?? load(key) {
            lock.withLock { hits += 1 }
            return cached
        }
        lock.withLock { misses += 1 }
        guard let value = compute() else { return nil }
        lock.withLock { memory[key] = value }
        store(value, key: key)
        return value
    }

    private func load(_ key: String) -> String? {
        guard let directory, let data = FileManager.default.contents(atPath: directory.appendingPathComponent(key).path) else { return nil }
        let value = String(decoding: data, as: UTF8.self)
        lock.withLock { memory[key] = value }
        return value
    }

    private func store(_ value: String, key: String) {
        guard let directory else { return }
        try? AtomicFile.write(Data(value.utf8), to: directory.appendingPathComponent(key))
    }
}
