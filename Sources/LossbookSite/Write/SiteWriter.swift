import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stage 6: writes the finished site so that a failed build never damages the last good one.
/// Everything goes to a sibling staging folder first; only when all of it is written does the
/// staging folder replace the output folder, in one exchange of names on the same file system.
///
/// A build writes pages into the staging folder while it is still making others (`begin`, then
/// `Staging.write` as pages are ready, then `commit`); a build that fails abandons it.
public struct SiteWriter {
    public let outputDirectory: URL
    /// False takes the two-rename path, as on a file system without an atomic exchange (for tests).
    let exchanges: Bool
    /// For tests of crash recovery: an in-place update kills its own process (SIGKILL, as a crash
    /// or `kill -9` would) after this many changes to the site. From `LOSSBOOK_KILL_WRITE_AFTER`.
    let killAfterChanges: Int?

    public init(outputDirectory: URL) {
        self.init(outputDirectory: outputDirectory, exchanges: true,
                  killAfterChanges: ProcessInfo.processInfo.environment["LOSSBOOK_KILL_WRITE_AFTER"].flatMap { Int($0) })
    }

    init(outputDirectory: URL, exchanges: Bool, killAfterChanges: Int? = nil) {
        self.outputDirectory = outputDirectory.standardizedFileURL
        self.exchanges = exchanges
        self.killAfterChanges = killAfterChanges
    }

    /// Creates a staging folder beside the output folder, holding only the stamp that marks it as lossbook's.
    public func begin() throws(BuildFailure) -> Staging {
        let parent = outputDirectory.deletingLastPathComponent()
        let name = outputDirectory.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = Staging(output: outputDirectory,
                              folder: parent.appendingPathComponent(".\(name).staging-\(pid)"),
                              retired: parent.appendingPathComponent(".\(name).previous-\(pid)"), exchanges: exchanges,
                              killAfterChanges: killAfterChanges)
        do {
            try? FileManager.default.removeItem(at: staging.folder)
            try FileManager.default.createDirectory(at: staging.folder, withIntermediateDirectories: true)
            try FileBytes.write(Data(OutputGuard.stampText.utf8), to: staging.folder.appendingPathComponent(OutputGuard.stampName))
        } catch {
            throw staging.fail("cannot write the site next to '\(outputDirectory.path)' (in '\(parent.path)'): \(Self.reason(error))")
        }
        return staging
    }

    /// A site being written: files go in as they are ready; `commit` swaps the whole in.
    public final class Staging {
        let output: URL
        let folder: URL
        let retired: URL
        let exchanges: Bool
        let killAfterChanges: Int?
        private var createdFolders: Set<String> = [""]
        /// The site-relative paths written into the staging folder so far.
        private(set) var staged: Set<String> = []

        init(output: URL, folder: URL, retired: URL, exchanges: Bool, killAfterChanges: Int? = nil) {
            self.output = output
            self.folder = folder
            self.retired = retired
            self.exchanges = exchanges
            self.killAfterChanges = killAfterChanges
        }

        /// Writes files (site-relative path → bytes) into the staging folder.
        /// Writes `files` (`Data`, or a page's bytes as its template made them: no copy into
        /// `Data` for each of a thousand pages) into the staging folder.
        public func write<Bytes: ContiguousBytes>(_ files: [String: Bytes]) throws(BuildFailure) {
            do {
                let folderPath = folder.path
                for (relative, bytes) in files.sorted(by: { $0.key < $1.key }) {
                    try ensureFolder(for: relative)
                    // A path string: `appendingPathComponent` asks the file system whether the
                    // result is a folder, an `lstat` for each file.
                    try bytes.withUnsafeBytes { try FileBytes.write($0, toPath: folderPath + "/" + relative) }
                    staged.insert(relative)
                }
            } catch {
                throw fail("cannot write the site into '\(folder.path)': \(SiteWriter.reason(error))")
            }
        }

        /// Adds the unchanged files of the previous site (hard links: no copy, and they survive
        /// the old folder's removal; a copy where the file system refuses links) and the copied
        /// assets, then swaps the staging folder in.
        public func commit(copies: [String: URL], links: [String: URL]) throws(BuildFailure) {
            let fileManager = FileManager.default
            do {
                for (relative, source) in links.sorted(by: { $0.key < $1.key }) {
                    try ensureFolder(for: relative)
                    let target = folder.appendingPathComponent(relative)
                    if link(source.path, target.path) != 0 {
                        try fileManager.copyItem(at: source, to: target)
                    }
                }
                for (relative, source) in copies.sorted(by: { $0.key < $1.key }) {
                    try ensureFolder(for: relative)
                    let data = try Data(contentsOf: source.resolvingSymlinksInPath())
                    try FileBytes.write(data, to: folder.appendingPathComponent(relative))
                }
            } catch {
                throw fail("cannot write the site into '\(folder.path)': \(SiteWriter.reason(error))")
            }
            try swap()
        }

        /// Puts the staging folder in the output folder's place. Where the file system can, both
        /// names are exchanged in one step (`renameat2` with `RENAME_EXCHANGE`), so that the output
        /// path always holds a whole site; elsewhere, two renames, undone if the second fails.
        private func swap() throws(BuildFailure) {
            let fileManager = FileManager.default
            var info = stat()
            guard lstat(output.path, &info) == 0 else {
                do {
                    try fileManager.moveItem(at: folder, to: output)
                } catch {
                    throw fail("cannot move the new site into '\(output.path)': \(SiteWriter.reason(error))")
                }
                return
            }
            switch exchanges ? AtomicExchange.exchange(folder.path, output.path) : .unsupported {
            case .exchanged:
                // The staging name now holds the previous site.
                try? fileManager.removeItem(at: folder)
                return
            case .failed(let code):
                throw fail("cannot replace '\(output.path)': \(String(cString: strerror(code)))")
            case .unsupported:
                break
            }
            do {
                try fileManager.moveItem(at: output, to: retired)
            } catch {
                throw fail("cannot replace '\(output.path)': \(SiteWriter.reason(error))")
            }
            do {
                try fileManager.moveItem(at: folder, to: output)
            } catch {
                try? fileManager.moveItem(at: retired, to: output)
                throw fail("cannot move the new site into '\(output.path)': \(SiteWriter.reason(error))")
            }
            try? fileManager.removeItem(at: retired)
        }

        /// Counts a file written into the staging folder other than by `write`.
        func markStaged(_ relative: String) {
            staged.insert(relative)
        }

        /// Removes the staging folder; the output folder is untouched.
        public func abandon() {
            try? FileManager.default.removeItem(at: folder)
        }

        func ensureFolder(for relative: String) throws {
            let parent = PathParts.folder(of: relative)
            guard !createdFolders.contains(parent) else { return }
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(parent), withIntermediateDirectories: true)
            createdFolders.insert(parent)
        }

        func fail(_ message: String) -> BuildFailure {
            abandon()
            return BuildFailure([.error(.writeFailed, at: nil, message)])
        }
    }

    /// The system's own words and the path (Foundation's "You don't have permission" names neither).
    static func reason(_ error: Error) -> String {
        let error = error as NSError
        let path = (error.userInfo[NSFilePathErrorKey] as? String).map { " ('\($0)')" } ?? ""
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code))) + path
        }
        return (error.localizedFailureReason ?? error.localizedDescription) + path
    }
}
