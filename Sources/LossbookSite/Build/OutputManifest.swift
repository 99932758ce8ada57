import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the last successful build wrote, and from which inputs: for each generated file of the
/// site, the cache key of everything it was made from and the file's signature as written. A
/// later build whose key for a file is the same, and whose file in the site still has that
/// signature (so nobody edited, replaced or removed it), takes the file from the previous site (a
/// hard link, no rendering, no writing) instead of making it again. Kept in the cache folder in
/// the `ByteFrame` framing (read back on every edit: JSON cost a quarter of a 10,000-page one);
/// without it, or with one cut short, changed or from another program, everything is made
/// afresh, with the same bytes. The notes' summaries are kept beside it, in files that an edit
/// rewrites only where they changed (`NoteSummaryStore`).
struct OutputManifest {
    static let fileName = "output-manifest.bin"
    /// The framing's name and version: a change to what is written must change the version.
    static let frameName = "lossbook output manifest"
    static let frameVersion = 2

    /// Size, modification time and inode of a file as the build left it. Not the change time:
    /// hard-linking a file into the next site changes that.
    struct Signature: Equatable, Sendable {
        var size: Int
        var seconds: Int
        var nanoseconds: Int
        var inode: Int

        /// The file's signature; nil unless it is a regular file. A relative `path` is looked up
        /// from the open folder `folder`.
        init?(of path: String, from folder: Int32 = AT_FDCWD) {
            var info = stat()
            guard fstatat(folder, path, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            self.init(info)
        }

        /// The signature in a file's status (`stat`, `fstat`).
        init(_ info: stat) {
            self.init(size: Int(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                      inode: Int(bitPattern: UInt(info.st_ino)))
        }

        init(size: Int, seconds: Int, nanoseconds: Int, inode: Int) {
            (self.size, self.seconds, self.nanoseconds, self.inode) = (size, seconds, nanoseconds, inode)
        }
    }

    /// The output folder it describes, so that building elsewhere (`--output`) reuses nothing.
    var output: String
    var keys: [String: String]
    var signatures: [String: Signature] = [:]
    /// Each note's summary, by source path, so that the next build need not parse unchanged notes.
    var notes: [String: NoteSummary]
    /// The summaries as read from the cache, and which notes each of their files held: `save`
    /// rewrites only the files whose summaries changed.
    var stored: (summaries: [String: NoteSummary], buckets: [Int: Set<String>])?

    /// The manifest of a site just written. `known` are signatures this build has already seen
    /// for files it kept as they were (`reusable`), so they are not looked up again; every other
    /// file's is read from the output folder.
    init(output: URL, keys: [String: String], notes: [String: NoteSummary], known: [String: Signature] = [:]) {
        self.output = output.standardizedFileURL.path
        self.keys = keys
        self.notes = notes
        let folder = output.path
        for path in keys.keys {
            if let signature = known[path] ?? Signature(of: folder + "/" + path) { signatures[path] = signature }
        }
    }

    /// The last build's manifest for `output`. The files an interrupted write may have left
    /// half-updated (its `WriteJournal`) are forgotten, so that they are made again.
    static func load(from cacheDirectory: URL?, output: URL) -> OutputManifest? {
        guard let url = cacheDirectory?.appendingPathComponent(fileName),
              let data = FileManager.default.contents(atPath: url.path),
              var manifest = try? OutputManifest(framed: data),
              manifest.output == output.standardizedFileURL.path else { return nil }
        let stored = NoteSummaryStore.load(from: cacheDirectory)
        manifest.notes = stored.summaries
        manifest.stored = stored
        if let journal = WriteJournal.load(from: cacheDirectory, output: output) {
            if journal.paths.contains("*") { return nil }
            for path in journal.paths {
                manifest.keys[path] = nil
                manifest.signatures[path] = nil
            }
        }
        return manifest
    }

    /// Saves the manifest, and the summaries that differ from `previous`'s (the manifest this
    /// build read), before the manifest that vouches for the site.
    func save(to cacheDirectory: URL?, previous: OutputManifest? = nil) {
        guard let directory = cacheDirectory else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        NoteSummaryStore.save(notes, previous: previous?.stored, to: directory)
        try? AtomicFile.write(framed(), to: directory.appendingPathComponent(Self.fileName))
        // The JSON manifest of earlier versions is never read again.
        unlink(directory.appendingPathComponent("output-manifest.json").path)
    }

    /// The previous site's copy of `path`, when it was made from the same inputs and is still
    /// there as written, with the signature it has.
    func reusable(_ path: String, key: String, in output: URL) -> (url: URL, signature: Signature)? {
        reusable(path, key: key, inFolder: output.path)
    }

    /// The same, with the output folder's path (taken once for many files) and, when open, the
    /// folder itself: each file is then looked up from it (`fstatat`) rather than by its whole path.
    func reusable(_ path: String, key: String, inFolder output: String, descriptor: Int32? = nil) -> (url: URL, signature: Signature)? {
        guard keys[path] == key, let recorded = signatures[path] else { return nil }
        // A path string, not `appendingPathComponent`: that asks the file system whether the
        // result is a folder, an `lstat` more for each of 10,000 pages.
        let file = output + "/" + path
        let signature = descriptor.map { Signature(of: path, from: $0) } ?? Signature(of: file)
        return signature == recorded ? (URL(fileURLWithPath: file, isDirectory: false), recorded) : nil
    }

    /// The manifest's bytes: every file (path, key, signature if any), sorted by path so that the
    /// same site gives the same bytes. The summaries are `NoteSummaryStore`'s.
    func framed() -> Data {
        var out = ByteFrame.Writer(name: Self.frameName, version: Self.frameVersion)
        out.string(output)
        out.integer(keys.count)
        for (path, key) in keys.sorted(by: { $0.key < $1.key }) {
            out.string(path)
            out.string(key)
            let signature = signatures[path]
            out.bool(signature != nil)
            if let signature {
                for value in [signature.size, signature.seconds, signature.nanoseconds, signature.inode] { out.integer(value) }
            }
        }
        return out.finished()
    }

    /// Reads `framed()`'s bytes; throws on anything else.
    init(framed data: Data) throws(ByteFrame.Malformed) {
        var input = try ByteFrame.Reader(data, name: Self.frameName, version: Self.frameVersion)
        output = try input.string()
        keys = [:]
        let files = try input.count()
        keys.reserveCapacity(files)
        signatures.reserveCapacity(files)
        for _ in 0..<files {
            let path = try input.string()
            keys[path] = try input.string()
            if try input.bool() {
                signatures[path] = Signature(size: try input.integer(), seconds: try input.integer(),
                                             nanoseconds: try input.integer(), inode: try input.integer())
            }
        }
        notes = [:]
        guard input.atEnd else { throw ByteFrame.Malformed() }
    }
}

/// The last build's manifest, read and decoded on another core from the start of the load
/// stage until the parse stage needs it: decoding 10,000 notes' summaries is a tenth of a
/// one-page edit's CPU at 10,000 pages, and the load stage's work does not depend on it.
final class ManifestLoad: Sendable {
    private let done = DispatchGroup()
    private let result = Mutex<OutputManifest?>(nil)

    init(cacheDirectory: URL?, output: URL) {
        DispatchQueue.global(qos: .userInitiated).async(group: done) { [self] in
            let manifest = OutputManifest.load(from: cacheDirectory, output: output)
            result.withLock { $0 = manifest }
        }
    }

    /// The manifest (nil when there is none to use), once read.
    func wait() -> OutputManifest? {
        done.wait()
        return result.withLock { $0 }
    }
}
