import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The paths an in-place update of the site is about to replace or remove (`SiteUpdate`), saved
/// in the cache folder before the first of them changes and removed once the manifest that
/// describes the new site is saved. Finding one means the last write was interrupted (the process
/// killed, the disk full): each of those paths may hold the old file, the new one or nothing, so
/// the next build takes none of them from the site (`OutputManifest.load` forgets them) and makes
/// them again; every other file of the site is as the manifest says. The site is thus never
/// left silently mixed: the next build repairs exactly what the interrupted one touched.
///
/// It guards against the process stopping, not against the machine losing power: like the rest
/// of the site, it is not forced to the disk (see `FileBytes`).
struct WriteJournal: Codable, Equatable {
    static let fileName = "write-journal.json"

    /// The output folder the interrupted write was updating.
    var output: String
    var paths: [String]

    init(output: URL, paths: [String]) {
        self.output = output.standardizedFileURL.path
        self.paths = paths.sorted()
    }

    /// The journal left by an interrupted write to `output`, if there is one.
    static func load(from cacheDirectory: URL?, output: URL) -> WriteJournal? {
        guard let url = cacheDirectory?.appendingPathComponent(fileName),
              let data = FileManager.default.contents(atPath: url.path) else { return nil }
        guard let journal = try? JSONDecoder().decode(WriteJournal.self, from: data) else {
            // Unreadable (cut short): every path is in doubt, which the caller learns as one "*".
            return WriteJournal(output: output, paths: ["*"])
        }
        return journal.output == output.standardizedFileURL.path ? journal : nil
    }

    /// Saves the journal; the write may not start unless this succeeds.
    func save(in cacheDirectory: URL) throws {
        try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: cacheDirectory.appendingPathComponent(Self.fileName))
    }

    /// The write it describes is over and the manifest says what the site holds.
    static func remove(in cacheDirectory: URL?) {
        guard let url = cacheDirectory?.appendingPathComponent(fileName) else { return }
        unlink(url.path)
    }
}
