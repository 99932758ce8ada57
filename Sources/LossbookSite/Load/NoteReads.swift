import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading each note gave the last build (its front matter and that parse's warnings, where
/// its body starts, and its body's digest), by the file's signature, so that an edit of one note
/// does not parse the YAML of, and hash, the other 9,999 again, nor open them: the body of an
/// unchanged note is read only if a stage needs it (`NoteBody`), and the keys its `@`s could
/// cite, which every build needs when the course has a bibliography, are kept here once found.
///
/// A signature (device, inode, size, modification and change times in nanoseconds) can stay the
/// same across an edit made within one tick of the file system's clock after it was taken: same
/// size, same times. So an entry is trusted only when both of its times are older than the start
/// of the build that took it by more than `granularity`: any later write then moves the change
/// time (which no tool can set back) past what was recorded. Otherwise the note is read as if
/// there were no entry. Kept in the cache folder in the `ByteFrame` framing; one cut short,
/// changed or from another program, content folder or naming is not used.
struct NoteReads {
    static let fileName = "note-reads.bin"
    static let frameName = "lossbook note reads"
    static let frameVersion = 2
    /// More than any file system's timestamp step (FAT's 2 s; ext4 and others step by the kernel's
    /// clock tick) and than the lag of the coarse clock that stamps files behind the clock read here.
    static let granularity: Int64 = 3_000_000_000

    /// A file's metadata, as `lstat` gives it.
    struct Signature: Equatable, Sendable {
        var device: Int
        var inode: Int
        var size: Int
        /// Modification and change times, in nanoseconds since 1970.
        var modified: Int64
        var changed: Int64

        init(device: Int, inode: Int, size: Int, modified: Int64, changed: Int64) {
            (self.device, self.inode, self.size, self.modified, self.changed) = (device, inode, size, modified, changed)
        }

        init(_ info: stat) {
            self.init(device: Int(bitPattern: UInt(info.st_dev)), inode: Int(bitPattern: UInt(info.st_ino)), size: Int(info.st_size),
                      modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                      changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
        }
    }

    /// What one read of a note gave.
    struct Entry: Sendable {
        var signature: Signature
        var frontMatter: FrontMatter
        /// Warnings of the front matter's parse, reported again by every build that reuses it.
        var diagnostics: [Diagnostic]
        /// Where the body starts in the note's text (UTF-8 bytes), and on which line.
        var bodyOffset: Int
        var bodyFirstLine: Int
        var bodyDigest: String
        /// `CitationKeys.candidates` of the body, if a build looked (only one with a bibliography does).
        var citationKeys: [String]?
    }

    /// The content folder and how its paths are shown: the entries hold both.
    var content: String
    var displayPrefix: String
    /// When the build that made these entries began looking at the notes, in nanoseconds since 1970.
    var started: Int64
    var entries: [String: Entry] = [:]

    init(content: URL, displayPrefix: String, started: Int64) {
        self.content = content.standardizedFileURL.path
        self.displayPrefix = displayPrefix
        self.started = started
    }

    /// The time now, in nanoseconds since 1970, by the clock file times are taken from.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// The entry for `path` when the file still has its signature and the signature was taken
    /// long enough after the file's last change to tell any later change (see above).
    func trusted(_ path: String, now signature: Signature) -> Entry? {
        guard let entry = entries[path], Self.trusts(entry.signature, now: signature, takenBy: started) else { return nil }
        return entry
    }

    /// The notes of a load that reused these reads whose body differs from the one recorded
    /// here, or that have no entry here (new, renamed): those an edit changed, parsed first.
    func edited(_ notes: [SourceNote]) -> Set<String> {
        Set(notes.lazy.filter { !$0.text.isDeferred && entries[$0.relativePath]?.bodyDigest != $0.bodyDigest }.map(\.relativePath))
    }

    static func trusts(_ recorded: Signature, now current: Signature, takenBy started: Int64) -> Bool {
        recorded == current && recorded.modified < started - granularity && recorded.changed < started - granularity
    }

    /// The last build's reads of `content`, if they are whole and of this program.
    static func load(from cacheDirectory: URL?, content: URL, displayPrefix: String) -> NoteReads? {
        guard let url = cacheDirectory?.appendingPathComponent(fileName),
              let data = FileManager.default.contents(atPath: url.path),
              let reads = try? NoteReads(framed: data),
              reads.content == content.standardizedFileURL.path, reads.displayPrefix == displayPrefix else { return nil }
        return reads
    }

    /// Best effort: without it the next build parses every note.
    func save(to cacheDirectory: URL?) {
        guard let directory = cacheDirectory else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? AtomicFile.write(framed(), to: directory.appendingPathComponent(Self.fileName))
    }

    func framed() -> Data {
        var out = ByteFrame.Writer(name: Self.frameName, version: Self.frameVersion)
        out.string(content)
        out.string(displayPrefix)
        out.integer(Int(started))
        out.integer(entries.count)
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            out.string(path)
            let signature = entry.signature
            for value in [signature.device, signature.inode, signature.size, Int(signature.modified), Int(signature.changed)] { out.integer(value) }
            out.string(entry.frontMatter.title)
            out.optional(entry.frontMatter.description)
            out.optional(entry.frontMatter.order)
            out.bool(entry.frontMatter.draft)
            out.integer(entry.diagnostics.count)
            for diagnostic in entry.diagnostics { diagnostic.write(to: &out) }
            out.integer(entry.bodyOffset)
            out.integer(entry.bodyFirstLine)
            out.string(entry.bodyDigest)
            out.bool(entry.citationKeys != nil)
            if let keys = entry.citationKeys {
                out.integer(keys.count)
                for key in keys { out.string(key) }
            }
        }
        return out.finished()
    }

    init(framed data: Data) throws(ByteFrame.Malformed) {
        var input = try ByteFrame.Reader(data, name: Self.frameName, version: Self.frameVersion)
        content = try input.string()
        displayPrefix = try input.string()
        started = Int64(try input.integer())
        let count = try input.count()
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let path = try input.string()
            let signature = Signature(device: try input.integer(), inode: try input.integer(), size: try input.integer(),
                                      modified: Int64(try input.integer()), changed: Int64(try input.integer()))
            let frontMatter = FrontMatter(title: try input.string(), description: try input.optionalString(),
                                          order: try input.optionalInteger(), draft: try input.bool())
            var diagnostics: [Diagnostic] = []
            for _ in 0..<(try input.count()) { diagnostics.append(try Diagnostic(reading: &input)) }
            let (bodyOffset, bodyFirstLine, bodyDigest) = (try input.integer(), try input.integer(), try input.string())
            var citationKeys: [String]?
            if try input.bool() {
                var keys: [String] = []
                for _ in 0..<(try input.count()) { keys.append(try input.string()) }
                citationKeys = keys
            }
            entries[path] = Entry(signature: signature, frontMatter: frontMatter, diagnostics: diagnostics,
                                  bodyOffset: bodyOffset, bodyFirstLine: bodyFirstLine, bodyDigest: bodyDigest, citationKeys: citationKeys)
        }
        guard input.atEnd else { throw ByteFrame.Malformed() }
    }
}
