import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A note read from disk: where it is, where its page goes, and its parts.
///
/// Its fields live in one immutable box, so that copying a note (into dictionaries, outlines,
/// shards, closures: every stage does, for every note) costs one reference count instead of one
/// per string; a change makes a new box. At 10,000 notes the copies' reference counting was a
/// tenth of a one-page edit's CPU.
public struct SourceNote: Hashable, Sendable {
    private final class Fields: Sendable {
        let relativePath: String
        let displayPath: String
        let frontMatter: FrontMatter
        let bodyFirstLine: Int
        let bodyDigest: String
        let text: NoteBody
        /// Made from `relativePath` once.
        let outputPath: String
        let partFolder: String

        init(relativePath: String, displayPath: String, frontMatter: FrontMatter, bodyFirstLine: Int, bodyDigest: String, text: NoteBody) {
            self.relativePath = relativePath
            self.displayPath = displayPath
            self.frontMatter = frontMatter
            self.bodyFirstLine = bodyFirstLine
            self.bodyDigest = bodyDigest
            self.text = text
            outputPath = String(relativePath.dropLast(3)) + ".html"
            partFolder = relativePath.utf8.firstIndex(of: UInt8(ascii: "/")).map { String(relativePath[..<$0]) } ?? ""
        }

        func with(relativePath: String? = nil, displayPath: String? = nil, frontMatter: FrontMatter? = nil, bodyFirstLine: Int? = nil,
                  body: String? = nil) -> Fields {
            Fields(relativePath: relativePath ?? self.relativePath, displayPath: displayPath ?? self.displayPath,
                   frontMatter: frontMatter ?? self.frontMatter, bodyFirstLine: bodyFirstLine ?? self.bodyFirstLine,
                   bodyDigest: body.map(SourceNote.digest(of:)) ?? bodyDigest, text: body.map(NoteBody.init) ?? text)
        }
    }

    private var fields: Fields

    /// Relative to the content folder, with `/` separators: `2-derivations/regression.md`.
    public var relativePath: String {
        get { fields.relativePath }
        set { fields = fields.with(relativePath: newValue) }
    }
    /// The path shown in diagnostics, as the author would type it: `content/2-derivations/regression.md`.
    public var displayPath: String {
        get { fields.displayPath }
        set { fields = fields.with(displayPath: newValue) }
    }
    public var frontMatter: FrontMatter {
        get { fields.frontMatter }
        set { fields = fields.with(frontMatter: newValue) }
    }
    /// Read from the file when first asked for a note unchanged since the last build (`NoteBody`).
    public var body: String {
        get { fields.text.text }
        set { fields = fields.with(body: newValue) }
    }
    public var bodyFirstLine: Int {
        get { fields.bodyFirstLine }
        set { fields = fields.with(bodyFirstLine: newValue) }
    }
    /// A digest of `body`, taken once: the keys of the note's summary and page use it instead of
    /// hashing the whole text each (`NoteReads` keeps it for notes that did not change).
    public var bodyDigest: String { fields.bodyDigest }
    /// The body, or where to read it from.
    var text: NoteBody { fields.text }

    /// `bodyDigest` is the digest of `body`; it is computed unless given (by `NoteReads`).
    public init(relativePath: String, displayPath: String, frontMatter: FrontMatter, body: String, bodyFirstLine: Int,
                bodyDigest: String? = nil) {
        fields = Fields(relativePath: relativePath, displayPath: displayPath, frontMatter: frontMatter, bodyFirstLine: bodyFirstLine,
                        bodyDigest: bodyDigest ?? Self.digest(of: body), text: NoteBody(body))
    }

    /// A note whose body is read from its file only when a stage needs it (`NoteBody`).
    init(relativePath: String, displayPath: String, frontMatter: FrontMatter, deferredBody: NoteBody, bodyFirstLine: Int,
         bodyDigest: String) {
        fields = Fields(relativePath: relativePath, displayPath: displayPath, frontMatter: frontMatter, bodyFirstLine: bodyFirstLine,
                        bodyDigest: bodyDigest, text: deferredBody)
    }

    public static func == (left: SourceNote, right: SourceNote) -> Bool {
        left.relativePath == right.relativePath && left.displayPath == right.displayPath && left.frontMatter == right.frontMatter
            && left.bodyFirstLine == right.bodyFirstLine && left.bodyDigest == right.bodyDigest && left.body == right.body
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(relativePath)
        hasher.combine(displayPath)
        hasher.combine(frontMatter)
        hasher.combine(bodyFirstLine)
        hasher.combine(bodyDigest)
    }

    /// The `@` keys the body could cite (`CitationKeys`), without reading the body when the
    /// last build recorded them.
    var citationKeys: [String] { text.citationKeys }

    /// The body was read late and was not the one recorded when the build began (`NoteBody`).
    var changedSinceLoad: Bool { text.changedSinceLoad }

    static func digest(of body: String) -> String {
        FNV1a128.hex(of: ["note body 1", body])
    }

    /// The page's path inside the site: `2-derivations/regression.html`.
    public var outputPath: String { fields.outputPath }

    /// The top-level folder the note lives in (its part), or "" for notes at the root.
    public var partFolder: String { fields.partFolder }

    public var isIndex: Bool { relativePath.hasSuffix("index.md") && (relativePath == "index.md" || relativePath.hasSuffix("/index.md")) }
}

/// Everything the build reads from the content folder.
public struct LoadedContent: Sendable {
    public var notes: [SourceNote]
    /// The course's TeX macros file, if there is one.
    public var macros: (text: String, displayPath: String)?
    /// Other files (images, data) to copy as they are, relative to the content folder.
    public var assets: [String]
}

/// Stage 1: finds the notes under content/, checks they are readable UTF-8 inside the project,
/// and splits off their front matter.
public struct ContentLoader {
    public let contentDirectory: URL
    /// How paths are shown in diagnostics (the content folder as the user named it).
    public let displayPrefix: String
    public let includeDrafts: Bool

    public init(contentDirectory: URL, displayPrefix: String, includeDrafts: Bool = false) {
        self.contentDirectory = contentDirectory.standardizedFileURL
        self.displayPrefix = displayPrefix
        self.includeDrafts = includeDrafts
    }

    public func load() -> (LoadedContent, [Diagnostic]) {
        let (content, diagnostics, _) = load(reusing: nil)
        return (content, diagnostics)
    }

    /// Loads the content, taking the front matter of each note that `previous` (the last build's
    /// reads) still vouches for from it instead of parsing it; returns this load's reads for the
    /// next build. `walked` is every entry below the content folder, if a walk just before
    /// found them (`BuildStamp`): the files are listed from it.
    func load(reusing previous: NoteReads?, walked: [(path: String, info: stat)]? = nil) -> (LoadedContent, [Diagnostic], NoteReads) {
        // Before any file is looked at: what is recorded is trusted only if older than this.
        var reads = NoteReads(content: contentDirectory, displayPrefix: displayPrefix, started: NoteReads.now())
        var diagnostics: [Diagnostic] = []
        var notes: [SourceNote] = []
        var assets: [String] = []
        var macros: (String, String)?
        let root = contentDirectory.resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (LoadedContent(notes: [], macros: nil, assets: []),
                    [.error(.contentMissing, at: nil, "content folder '\(displayPrefix)' does not exist")], reads)
        }
        // Real paths of folders, resolved once each: a file that is not itself a link is where
        // its folder really is (resolving every file's path costs a lookup per path component).
        var realFolders: [String: String] = [:]
        let folderPath = contentDirectory.path
        for (relative, info) in walked.map(files(in:)) ?? listFiles() {
            let display = displayPrefix.isEmpty ? relative : "\(displayPrefix)/\(relative)"
            // A newline or other control character in a name would split `path:line:col` messages
            // and URLs; such a file is refused, named with the characters shown as escapes.
            if Self.hasControlCharacter(relative) {
                let shown = String(display.unicodeScalars.map { $0.properties.generalCategory == .control ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined())
                diagnostics.append(.error(.pathControlCharacter, at: SourceLocation(path: shown, line: 1, column: 1),
                                          "the file name contains a control character (shown as \\u{…}); rename the file"))
                continue
            }
            // A path string, not `appendingPathComponent` (which asks the file system whether
            // the result is a folder: an `lstat` more a note).
            let path = folderPath + "/" + relative
            let real: String
            let regular = (info.st_mode & S_IFMT) == S_IFREG
            if regular {
                // Top-level files (every note of a flat course) need no cut.
                let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/"))
                let folder = slash.map { String(relative[..<$0]) } ?? ""
                if realFolders[folder] == nil {
                    realFolders[folder] = contentDirectory.appendingPathComponent(folder).resolvingSymlinksInPath().path
                }
                real = realFolders[folder]! + "/" + (slash.map { String(relative[relative.utf8.index(after: $0)...]) } ?? relative)
            } else {
                real = URL(fileURLWithPath: path, isDirectory: false).resolvingSymlinksInPath().path
            }
            guard real == root || real.hasPrefix(root + "/") else {
                diagnostics.append(.error(.pathOutsideContent, at: SourceLocation(path: display, line: 1, column: 1),
                                          "refused: '\(relative)' is a link to '\(real)', outside the content folder"))
                continue
            }
            if relative.hasSuffix(".md") {
                // Taken before the read: a change after it shows as a new signature next time.
                let signature = regular ? NoteReads.Signature(info) : nil
                // A note the last build read, unchanged since: not opened now (its body is read
                // if a stage needs it, and checked against the recorded digest then).
                if let signature, let entry = previous?.trusted(relative, now: signature) {
                    diagnostics += entry.diagnostics
                    reads.entries[relative] = entry
                    if includeDrafts || !entry.frontMatter.draft {
                        let body = NoteBody(path: path, offset: entry.bodyOffset, digest: entry.bodyDigest, citationKeys: entry.citationKeys)
                        notes.append(SourceNote(relativePath: relative, displayPath: display, frontMatter: entry.frontMatter,
                                                deferredBody: body, bodyFirstLine: entry.bodyFirstLine, bodyDigest: entry.bodyDigest))
                    }
                    continue
                }
                switch readText(path, display: display) {
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                case .success(let (text, bytes)):
                    var problems: [Diagnostic] = []
                    let note = makeNote(relative: relative, display: display, text: text, diagnostics: &problems)
                    diagnostics += problems
                    if let note, let signature, signature.size == bytes {
                        reads.entries[relative] = NoteReads.Entry(
                            signature: signature, frontMatter: note.frontMatter, diagnostics: problems,
                            bodyOffset: text.utf8.count - note.body.utf8.count, bodyFirstLine: note.bodyFirstLine,
                            bodyDigest: note.bodyDigest, citationKeys: nil)
                    }
                    if let note, includeDrafts || !note.frontMatter.draft {
                        notes.append(note)
                    }
                }
            } else if relative == "macros.tex" {
                switch readText(path, display: display) {
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                case .success(let (text, _)): macros = (text, display)
                }
            } else {
                assets.append(relative)
            }
        }
        return (LoadedContent(notes: notes, macros: macros, assets: assets), diagnostics, reads)
    }

    private func makeNote(relative: String, display: String, text: String, diagnostics: inout [Diagnostic]) -> SourceNote? {
        switch FrontMatterParser.split(text, path: display) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .success(let split):
            let (frontMatter, problems) = FrontMatterParser.read(split, path: display)
            diagnostics += problems
            guard let frontMatter else { return nil }
            return SourceNote(relativePath: relative, displayPath: display, frontMatter: frontMatter,
                              body: split.body, bodyFirstLine: split.bodyFirstLine)
        }
    }

    /// Whether a path has a character of Unicode's general category "control" (Cc: U+0000–U+001F
    /// and U+007F–U+009F), found in its UTF-8 bytes: C0 and DEL are bytes of their own, C1 is
    /// 0xC2 followed by 0x80–0x9F (a continuation byte never starts a character).
    static func hasControlCharacter(_ path: String) -> Bool {
        var previous: UInt8 = 0
        for byte in path.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) { return true }
            previous = byte
        }
        return false
    }

    /// What `listFiles` gives, from a walk's entries (every entry below the folder, hidden ones
    /// and folders included, each with its `lstat`).
    func files(in walked: [(path: String, info: stat)]) -> [(path: String, info: stat)] {
        let folder = contentDirectory.path
        return walked.filter { entry in
            // Hidden: a name (the first, or one after a `/`) that starts with a dot.
            let utf8 = entry.path.utf8
            guard utf8.first != UInt8(ascii: "."), !zip(utf8, utf8.dropFirst()).contains(where: { $0 == UInt8(ascii: "/") && $1 == UInt8(ascii: ".") })
            else { return false }
            switch entry.info.st_mode & S_IFMT {
            case S_IFDIR: return false
            case S_IFLNK:
                var target = stat()
                return stat(folder + "/" + entry.path, &target) == 0 && (target.st_mode & S_IFMT) != S_IFDIR
            default: return true
            }
        }.sorted { $0.path < $1.path }
    }

    /// Every regular file below the content folder, sorted, skipping hidden files and folders.
    /// A link to a file is listed (and checked to stay inside the content folder); a link to a
    /// folder, or one that leads nowhere, is not. Walked with `opendir`/`lstat`: Foundation's
    /// enumerator with a `fileExists` per entry cost tens of microseconds a note.
    private func listFiles() -> [(path: String, info: stat)] {
        var files: [(path: String, info: stat)] = []
        func walk(_ directory: String, relative: String) {
            guard let handle = opendir(directory) else { return }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                guard !name.hasPrefix(".") else { continue }
                let path = directory + "/" + name
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: walk(path, relative: child)
                case S_IFLNK:
                    var target = stat()
                    if stat(path, &target) == 0, (target.st_mode & S_IFMT) != S_IFDIR { files.append((child, info)) }
                default: files.append((child, info))
                }
            }
        }
        walk(contentDirectory.path, relative: "")
        return files.sorted { $0.path < $1.path }
    }

    /// Reads a file as UTF-8, naming the line and column of the first byte that is not, with
    /// Windows (CRLF) and old Mac (CR) line endings made LF, as CommonMark reads them; with the
    /// number of bytes read.
    private func readText(_ path: String, display: String) -> Result<(String, Int), Diagnostic> {
        guard let data = Self.contents(of: path) else {
            return .failure(.error(.contentUnreadable, at: SourceLocation(path: display, line: 1, column: 1),
                                   "cannot read the file"))
        }
        if let text = String(data: LineEndings.normalized(data), encoding: .utf8) {
            return .success((text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, data.count))
        }
        let bytes = [UInt8](data)
        let (line, column) = UTF8Validation.firstInvalidByte(bytes)
        return .failure(.error(.contentNotUtf8, at: SourceLocation(path: display, line: line, column: column),
                               "the file is not valid UTF-8 (first bad byte here); save it as UTF-8"))
    }
}

/// CommonMark's three line endings (LF, CRLF, CR) made one, so that every later reader of a note
/// (front matter, math, labels, directives) sees LF only. Columns do not move: only the CR of a
/// CRLF is removed, and a lone CR becomes the LF it stands for.
extension ContentLoader {
    /// A file's bytes, with `open` and `read` (FileManager's reading cost twice as much a note).
    static func contents(of path: String) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        // One byte more than its size, so that a file that grew is read to its end all the same.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes += [UInt8](repeating: 0, count: bytes.count) }
            let done = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if done < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if done == 0 { break }
            count += done
        }
        return Data(bytes[0..<count])
    }
}

enum LineEndings {
    static func normalized(_ data: Data) -> Data {
        // memchr, not Data's byte iterator: every note is looked at.
        guard data.withUnsafeBytes({ $0.count > 0 && memchr($0.baseAddress!, 0x0D, $0.count) != nil }) else { return data }
        var result = Data(capacity: data.count)
        var previousWasCR = false
        for byte in data {
            if byte == 0x0A, previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == 0x0D
            result.append(byte == 0x0D ? 0x0A : byte)
        }
        return result
    }
}

enum UTF8Validation {
    /// Line and byte column of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidByte(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1, lineStart = 0, i = 0
        while i < bytes.count {
            let byte = bytes[i]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, i - lineStart + 1)
            }
            if i + length > bytes.count { return (line, i - lineStart + 1) }
            let scalarBytes = Array(bytes[i..<(i + length)])
            if String(validating: scalarBytes, as: UTF8.self) == nil { return (line, i - lineStart + 1) }
            if byte == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += length
        }
        return (line, 1)
    }
}
