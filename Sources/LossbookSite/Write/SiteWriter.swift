import Foundation

/// Stage 6: writes the finished site so that a failed build never damages the last good one.
/// Everything goes to a sibling staging folder first; only when all of it is written does the
/// staging folder replace the output folder, by two renames on the same file system.
public struct SiteWriter {
    public let outputDirectory: URL

    public init(outputDirectory: URL) {
        self.outputDirectory = outputDirectory.standardizedFileURL
    }

    /// Writes `files` (site-relative path → bytes) and copies `copies` (site-relative path → source
    /// file), then swaps the result in. Throws a diagnostic naming the folder that could not be written.
    public func write(files: [String: Data], copies: [String: URL], links: [String: URL] = [:]) throws(BuildFailure) {
        let fileManager = FileManager.default
        let parent = outputDirectory.deletingLastPathComponent()
        let name = outputDirectory.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).staging-\(pid)")
        let retired = parent.appendingPathComponent(".\(name).previous-\(pid)")
        func fail(_ message: String) -> BuildFailure {
            try? fileManager.removeItem(at: staging)
            return BuildFailure([.error("lossbook.write.failed", at: nil, message)])
        }
        do {
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw fail("cannot write the site next to '\(outputDirectory.path)': \(Self.reason(error))")
        }
        var createdFolders: Set<String> = [""]
        func ensureFolder(for relative: String) throws {
            let folder = (relative as NSString).deletingLastPathComponent
            guard !createdFolders.contains(folder) else { return }
            try fileManager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            createdFolders.insert(folder)
        }
        do {
            for (relative, data) in files.sorted(by: { $0.key < $1.key }) {
                try ensureFolder(for: relative)
                try FileBytes.write(data, to: staging.appendingPathComponent(relative))
            }
            // Unchanged files of the previous site: a hard link costs no copy, and survives the
            // old folder's removal. A copy where the file system refuses links.
            for (relative, source) in links.sorted(by: { $0.key < $1.key }) {
                try ensureFolder(for: relative)
                let target = staging.appendingPathComponent(relative)
                if link(source.path, target.path) != 0 {
                    try fileManager.copyItem(at: source, to: target)
                }
            }
            for (relative, source) in copies.sorted(by: { $0.key < $1.key }) {
                try ensureFolder(for: relative)
                let data = try Data(contentsOf: source.resolvingSymlinksInPath())
                try FileBytes.write(data, to: staging.appendingPathComponent(relative))
            }
        } catch {
            throw fail("cannot write the site: \(Self.reason(error))")
        }
        let hadOutput = fileManager.fileExists(atPath: outputDirectory.path)
        do {
            if hadOutput { try fileManager.moveItem(at: outputDirectory, to: retired) }
        } catch {
            throw fail("cannot replace '\(outputDirectory.path)': \(Self.reason(error))")
        }
        do {
            try fileManager.moveItem(at: staging, to: outputDirectory)
        } catch {
            if hadOutput { try? fileManager.moveItem(at: retired, to: outputDirectory) }
            throw fail("cannot move the new site into '\(outputDirectory.path)': \(Self.reason(error))")
        }
        if hadOutput { try? fileManager.removeItem(at: retired) }
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
