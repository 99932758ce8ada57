import Foundation

/// What the last successful build wrote, and from which inputs: for each generated file of the
/// site, the cache key of everything it was made from. A later build whose key for a file is the
/// same takes the file from the previous site (a hard link, no rendering, no writing) instead of
/// making it again. Kept in the cache folder; without it, everything is made afresh, with the
/// same bytes.
struct OutputManifest: Codable {
    /// The output folder it describes, so that building elsewhere (`--output`) reuses nothing.
    var output: String
    var keys: [String: String]

    static func load(from cacheDirectory: URL?, output: URL) -> OutputManifest? {
        guard let url = cacheDirectory?.appendingPathComponent("output-manifest.json"),
              let data = FileManager.default.contents(atPath: url.path),
              let manifest = try? JSONDecoder().decode(OutputManifest.self, from: data),
              manifest.output == output.standardizedFileURL.path else { return nil }
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

    /// The previous site's copy of `path`, when it was made from the same inputs and is still there.
    func reusable(_ path: String, key: String, in output: URL) -> URL? {
        guard keys[path] == key else { return nil }
        let url = output.appendingPathComponent(path)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
