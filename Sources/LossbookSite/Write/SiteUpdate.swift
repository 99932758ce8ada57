import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Updating the site in place, for a build that keeps most of it: the changed files are moved
/// from the staging folder into the current site one by one, and what the new site no longer has
/// is removed. Swapping a whole new folder in (`commit`) costs a hard link for every unchanged
/// file and the removal of the old folder, which at ten thousand pages is most of an edit's cost;
/// this costs what the edit changed.
///
/// What it keeps of the swap's promises: every content error is found before the write starts
/// (the stages before `write` stop the build), so a failed build leaves the site untouched; each
/// file is replaced by one `rename`, so a reader sees the old page or the new, never half of one.
/// What it gives up is that the whole site changes at one instant: a write interrupted between
/// two renames leaves some files new and some old. So before the first change the paths it will
/// touch are saved in a `WriteJournal`, which the next build reads to make exactly those again.
extension SiteWriter.Staging {
    /// An in-place update suits when the output folder is a site lossbook wrote and the build
    /// keeps at least as many of its files as it made again.
    func suitsInPlaceUpdate(kept: Int) -> Bool {
        kept > 0 && staged.count <= kept && OutputGuard.isStamped(output)
    }

    /// Makes the output folder hold the pages staged so far, `files`, `copies` and the `kept`
    /// files it has (site-relative paths), and nothing else. A file of `files` or `copies` whose
    /// bytes the site already has is left as it is. The journal goes to `cacheDirectory` before
    /// anything in the output folder changes; the caller removes it once the manifest is saved.
    func updateInPlace(files: [String: Data], copies: [String: URL], kept: Set<String>,
                       journalIn cacheDirectory: URL) throws(BuildFailure) {
        var wanted = kept.union(staged)
        wanted.insert(OutputGuard.stampName)
        do {
            var others: [String: Data] = files
            for (relative, source) in copies { others[relative] = try Data(contentsOf: source.resolvingSymlinksInPath()) }
            for (relative, data) in others.sorted(by: { $0.key < $1.key }) {
                wanted.insert(relative)
                guard !Self.site(output.appendingPathComponent(relative).path, holds: data) else { continue }
                try ensureFolder(for: relative)
                try FileBytes.write(data, to: folder.appendingPathComponent(relative))
                markStaged(relative)
            }
        } catch {
            throw fail("cannot write the site into '\(folder.path)': \(SiteWriter.reason(error))")
        }
        var wantedFolders: Set<String> = []
        for path in wanted {
            var parent = PathParts.folder(of: path)
            while !parent.isEmpty, wantedFolders.insert(parent).inserted { parent = PathParts.folder(of: parent) }
        }
        let present = SiteListing(root: output.path)
        let staleFiles = present.files.filter { !wanted.contains($0) }.sorted()
        // Deepest first, so that each is empty when its turn comes.
        let staleFolders = present.folders.filter { !wantedFolders.contains($0) }
            .sorted { ($0.split(separator: "/").count, $0) > ($1.split(separator: "/").count, $1) }
        let moves = staged.sorted()
        guard !(moves.isEmpty && staleFiles.isEmpty && staleFolders.isEmpty) else {
            abandon()
            return
        }
        do {
            try WriteJournal(output: output, paths: moves + staleFiles + staleFolders).save(in: cacheDirectory)
        } catch {
            throw fail("cannot save the write journal in '\(cacheDirectory.path)', so the site was not changed: \(SiteWriter.reason(error))")
        }
        var changes = 0
        func changed() {
            changes += 1
            if let limit = killAfterChanges, changes >= limit { kill(getpid(), SIGKILL) }
        }
        var madeFolders: Set<String> = [""]
        do {
            for path in staleFiles {
                guard unlink(output.appendingPathComponent(path).path) == 0 || errno == ENOENT else { throw SiteUpdateError(path: path, code: errno) }
                changed()
            }
            for path in staleFolders {
                guard rmdir(output.appendingPathComponent(path).path) == 0 || errno == ENOENT else { throw SiteUpdateError(path: path, code: errno) }
                changed()
            }
            for path in moves {
                let parent = PathParts.folder(of: path)
                if !madeFolders.contains(parent) {
                    try FileManager.default.createDirectory(at: output.appendingPathComponent(parent), withIntermediateDirectories: true)
                    madeFolders.insert(parent)
                }
                guard rename(folder.appendingPathComponent(path).path, output.appendingPathComponent(path).path) == 0 else {
                    throw SiteUpdateError(path: path, code: errno)
                }
                changed()
            }
        } catch {
            abandon()
            throw BuildFailure([.error(.writeFailed, at: nil,
                                       "cannot update the site in '\(output.path)': \(SiteWriter.reason(error)); the next build makes the files it was writing again")])
        }
        abandon()
    }

    /// The file at `path` is a regular file with exactly these bytes (its size is looked at first).
    private static func site(_ path: String, holds data: Data) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count else { return false }
        return FileManager.default.contents(atPath: path) == data
    }
}

/// A change to the site that the system refused.
private struct SiteUpdateError: Error, CustomNSError {
    let path: String
    let code: Int32
    var errorUserInfo: [String: Any] {
        [NSLocalizedFailureReasonErrorKey: "\(path): \(String(cString: strerror(code)))"]
    }
}

/// Every file (anything that is not a folder: links too, never followed) and folder below a
/// site's root, hidden ones included, by their paths relative to it.
struct SiteListing {
    private(set) var files: [String] = []
    private(set) var folders: [String] = []

    init(root: String) {
        walk(root, relative: "")
    }

    private mutating func walk(_ directory: String, relative: String) {
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard name != ".", name != ".." else { continue }
            let path = directory + "/" + name
            let child = relative.isEmpty ? name : relative + "/" + name
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                var info = stat()
                isFolder = lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            if isFolder {
                folders.append(child)
                walk(path, relative: child)
            } else {
                files.append(child)
            }
        }
    }
}
