import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `.lossbook-cache/` no longer needs. The cache only grows while a course is written:
/// formulas and figures edited away, results of earlier versions of lossbook, passages of parts
/// that were removed, engines compiled from earlier sources. A build that remade every page has
/// looked up everything the course needs now, so after one, whatever it did not use can go
/// (`RenderCache.sweep()` for the entries; this for the files around them). A build that reuses
/// pages cannot tell what they would need, and leaves the cache alone.
enum CacheSweep {
    /// Removes, below `cacheDirectory`, what no part of lossbook reads any more: files of earlier
    /// layouts (a folder of pages, one file per computed result, block outputs as JSON), search
    /// passages of parts that no longer exist, compiled engines other than `engine` (all of them
    /// when no block needs one) and the build folders of runs that ended without cleaning up.
    /// Returns how many files and folders it removed.
    @discardableResult
    static func removeLeftovers(in cacheDirectory: URL, shardNames: Set<String>, engine: String?) -> Int {
        var removed = 0
        func remove(_ url: URL) {
            if (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
        }
        func entries(of folder: String) -> [String] {
            (try? FileManager.default.contentsOfDirectory(atPath: cacheDirectory.appendingPathComponent(folder).path)) ?? []
        }

        // Earlier layouts.
        for legacy in ["pages", "swift-run/outputs"] where FileManager.default.fileExists(atPath: cacheDirectory.appendingPathComponent(legacy).path) {
            remove(cacheDirectory.appendingPathComponent(legacy))
        }
        // Render caches keep bucket folders (two hex digits) and nothing else.
        for folder in ["computed", "render/math", "render/code"] {
            for name in entries(of: folder) where !isBucketFolder(name) {
                remove(cacheDirectory.appendingPathComponent(folder).appendingPathComponent(name))
            }
        }
        for name in entries(of: "search") where name.hasSuffix(".json") && !shardNames.contains(String(name.dropLast(5))) {
            remove(cacheDirectory.appendingPathComponent("search").appendingPathComponent(name))
        }
        for name in entries(of: "swift-run") {
            let url = cacheDirectory.appendingPathComponent("swift-run").appendingPathComponent(name)
            if name.hasPrefix("engine-"), !name.contains(".building-"), name != engine.map({ "engine-\($0)" }) {
                remove(url)
            } else if let owner = processID(after: name.hasPrefix("build-") ? "build-" : ".building-", in: name), !isRunning(owner) {
                remove(url)
            }
        }
        return removed
    }

    private static func isBucketFolder(_ name: String) -> Bool {
        name.utf8.count == 2 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The process number at the end of a folder name (`build-4242`, `engine-….building-4242`).
    private static func processID(after marker: String, in name: String) -> Int32? {
        guard let range = name.range(of: marker, options: .backwards) else { return nil }
        return Int32(name[range.upperBound...])
    }

    private static func isRunning(_ process: Int32) -> Bool {
        process == ProcessInfo.processInfo.processIdentifier || kill(process, 0) == 0 || errno == EPERM
    }
}
