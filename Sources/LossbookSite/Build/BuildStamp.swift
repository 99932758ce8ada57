import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the last successful build was made from and what it left in the output folder, so that a
/// build with nothing changed stops after looking at file metadata, the way make and ninja do.
///
/// Inputs are compared by their `lstat` signature (path, size, modification and change times in
/// nanoseconds, inode), like git's index and cargo: an edit always moves the change time, which
/// no tool can set back. Inputs are every file under content/ and templates/, the installed
/// KaTeX/highlight.js and renderer (their fingerprint), LossEngine's sources and swiftc (runnable
/// Swift), the program itself and the options that shape the output. Outputs are every file of
/// the output folder by the same signature, so a deleted, edited or stray file in site/ makes the
/// next build a real one. The warnings of the stamped build are kept and reported again.
///
/// Deleting the stamp (or the whole cache) only makes the next build a real one.
struct BuildStamp: Codable {
    static let fileName = "build-stamp.json"

    var inputs: String
    var outputs: String
    var pages: Int
    var warnings: [Diagnostic]

    /// The stamp of the last build when it still describes the inputs and the output folder.
    static func current(in cacheDirectory: URL?, inputs: String, output: URL) -> BuildStamp? {
        guard let url = cacheDirectory?.appendingPathComponent(fileName),
              let data = FileManager.default.contents(atPath: url.path),
              let stamp = try? JSONDecoder().decode(BuildStamp.self, from: data),
              stamp.inputs == inputs,
              stamp.outputs == outputSignature(of: output) else { return nil }
        return stamp
    }

    /// Records a build that has just been written; best effort, since a missing stamp only costs time.
    /// `outputs` is the output folder's signature when the caller has just taken it.
    static func save(in cacheDirectory: URL?, inputs: String, output: URL, pages: Int, warnings: [Diagnostic], outputs: String? = nil) {
        guard let directory = cacheDirectory else { return }
        let stamp = BuildStamp(inputs: inputs, outputs: outputs ?? outputSignature(of: output), pages: pages, warnings: warnings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(stamp) else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? AtomicFile.write(data, to: directory.appendingPathComponent(fileName))
    }

    /// Forgets the last build, so that the next one runs in full (after a failed write, for one).
    static func remove(in cacheDirectory: URL?) {
        guard let url = cacheDirectory?.appendingPathComponent(fileName) else { return }
        unlink(url.path)
    }

    /// The signature of everything a build of `options` reads.
    static func inputSignature(of options: BuildOptions) -> String {
        var unused: [(path: String, info: stat)] = []
        return inputSignature(of: options, contentFiles: &unused)
    }

    /// The same, also giving every entry below the content folder as the walk found it (path
    /// relative to the folder, `lstat`), so that the load stage need not walk it again.
    static func inputSignature(of options: BuildOptions, contentFiles: inout [(path: String, info: stat)]) -> String {
        var hash = FNV1a128()
        hash.combine(field: "lossbook build stamp 1")
        for field in [ComputeCache.programIdentity, options.contentDirectory.standardizedFileURL.path,
                      options.templatesDirectory.standardizedFileURL.path, options.contentDisplayPath,
                      options.templatesDisplayPath, String(options.includeDrafts), options.address?.baseURL ?? "-",
                      options.mathDelimiters.rawValue, options.course.fingerprint, options.themeDirectory?.path ?? "-",
                      options.macrosFile?.url.path ?? "-", options.course.print ? "print" : "no print"] {
            hash.combine(field: field)
        }
        let renderer = (try? RendererInstallation.locate()).map { $0.mathFingerprint + $0.codeFingerprint } ?? "no renderer"
        hash.combine(field: renderer)
        var found: [(path: String, info: stat)] = []
        FileSignature.combine(tree: options.contentDirectory, into: &hash) { found.append(($0, $1)) }
        contentFiles = found
        FileSignature.combine(tree: options.templatesDirectory, into: &hash)
        if let theme = options.themeDirectory { FileSignature.combine(tree: theme, into: &hash) }
        if let macros = options.macrosFile { FileSignature.combine(file: macros.url.path, as: "macros", into: &hash) }
        FileSignature.combine(tree: KaTeXAssets.directory, into: &hash)
        if let toolchain = try? SwiftToolchain.locate() {
            if let sources = toolchain.engineSources { FileSignature.combine(tree: sources, into: &hash) }
            FileSignature.combine(file: toolchain.swiftc.path, as: "swiftc", into: &hash)
        }
        return hash.hex
    }

    static func outputSignature(of output: URL) -> String {
        var hash = FNV1a128()
        FileSignature.combine(tree: output.standardizedFileURL, into: &hash)
        return hash.hex
    }
}

/// Files by their metadata, walked with `opendir`/`lstat` (Foundation's enumerator with resource
/// values costs tens of microseconds a file, which a thousand-page course notices).
enum FileSignature {
    /// Adds every entry below `root`, in sorted order, with its signature; a missing root adds a marker.
    /// `seen`, when given, is told every entry (relative path and `lstat`) as it is hashed.
    static func combine(tree root: URL, into hash: inout FNV1a128, seen: ((String, stat) -> Void)? = nil) {
        hash.combine(field: root.path)
        walk(root.path, relative: "", into: &hash, seen: seen)
    }

    static func combine(file path: String, as name: String, into hash: inout FNV1a128) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            hash.combine(field: "\(name) missing")
            return
        }
        combine(name, info, into: &hash)
    }

    private static func walk(_ directory: String, relative: String, into hash: inout FNV1a128, seen: ((String, stat) -> Void)?) {
        guard let handle = opendir(directory) else {
            hash.combine(field: "unreadable \(relative)")
            return
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        // Each entry is looked at through the open folder (`fstatat`, not following links, as
        // `lstat`): a whole path looked up again for each of 10,000 notes was most of the walk.
        let folder = dirfd(handle)
        for name in names.sorted() {
            let child = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                hash.combine(field: "vanished \(child)")
                continue
            }
            combine(child, info, into: &hash)
            seen?(child, info)
            if (info.st_mode & S_IFMT) == S_IFDIR { walk(directory + "/" + name, relative: child, into: &hash, seen: seen) }
        }
    }

    private static func combine(_ name: String, _ info: stat, into hash: inout FNV1a128) {
        hash.combine(field: name)
        for value in [Int(info.st_mode), Int(info.st_size), Int(info.st_ino),
                      Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec),
                      Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec)] {
            hash.combine(length: value)
        }
    }
}
