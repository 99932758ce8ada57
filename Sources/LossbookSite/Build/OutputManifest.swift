import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the last successful build wrote, and from which inputs: for each generated file of the
/// site, the cache key of everything it was made from and the file's signature as written. A
/// later build whose key for a file is the same, and whose file in the site still has that
/// signature (so nobody edited, replaced or removed it), takes the file from the previous site (a
/// hard link, no rendering, no writing) instead of making it again. Kept in the cache folder;
/// without it, everything is made afresh, with the same bytes.
struct OutputManifest: Codable {
    /// The output folder it describes, so that building elsewhere (`--output`) reuses nothing.
    var output: String
    var keys: [String: String]
    /// Size, modification time and inode of each file as the build left it. Not the change time:
    /// hard-linking a file into the next site changes that.
    var signatures: [String: String] = [:]
    /// Each note's summary, by source path, so that the next build need not parse unchanged notes.
    var notes: [String: NoteSummary]

    init(output: URL, keys: [String: String], notes: [String: NoteSummary]) {
        self.output = output.standardizedFileURL.path
        self.keys = keys
        self.notes = notes
        for path in keys.keys {
            if let signature = Self.signature(of: output.appendingPathComponent(path)) { signatures[path] = signature }
        }
    }

    /// The last build's manifest for `output`. The files an interrupted write may have left
    /// half-updated (its `WriteJournal`) are forgotten, so that they are made again.
    static func load(from cacheDirectory: URL?, output: URL) -> OutputManifest? {
        guard let url = cacheDirectory?.appendingPathComponent("output-manifest.json"),
              let data = FileManager.default.contents(atPath: url.path),
              var manifest = try? JSONDecoder().decode(OutputManifest.self, from: data),
              manifest.output == output.standardizedFileURL.path else { return nil }
        if let journal = WriteJournal.load(from: cacheDirectory, output: output) {
            if journal.paths.contains("*") { return nil }
            for path in journal.paths {
                manifest.keys[path] = nil
                manifest.signatures[path] = nil
            }
        }
        return manifest
    }

    func save(to cacheDirectory: URL?) {
        guard let directory = cacheDirectory else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return }
        try? AtomicFile.write(data, to: directory.appendingPathComponent("output-manifest.json"))
    }

    /// The previous site's copy of `path`, when it was made from the same inputs and is still there as written.
    func reusable(_ path: String, key: String, in output: URL) -> URL? {
        guard keys[path] == key, let recorded = signatures[path] else { return nil }
        let url = output.appendingPathComponent(path)
        return Self.signature(of: url) == recorded ? url : nil
    }

    private static func signature(of file: URL) -> String? {
        var info = stat()
        guard lstat(file.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
    }
}
