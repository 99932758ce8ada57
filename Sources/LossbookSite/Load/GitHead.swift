import Foundation

/// Which history `git log` would walk from a folder, read from the repository's own files rather
/// than by running git: the commit HEAD names (through its branch file or `packed-refs`), and the
/// shallow boundary. The footers' dates (`GitDates`) follow from that history, so a build whose
/// fingerprint is unchanged has unchanged dates, and a build with nothing else changed can stop
/// without starting `git log` (40 ms on this course, more as its history grows; a build with
/// nothing to do takes 20). `nil` when the files cannot say for sure (a reftable repository, a
/// file too large or unreadable); the caller then reads the dates with git.
///
/// Not seen: history rewritten without moving HEAD (`git replace`, grafts) and git refusing a
/// repository it accepted before (ownership, `safe.directory`); a commit, a checkout, a reset, a
/// rebase, an amend, a fetch that deepens a shallow clone and a new or removed repository all
/// change the fingerprint.
enum GitHead {
    /// Parent folders looked at for `.git`, and the largest repository file read.
    static let maximumDepth = 256
    static let maximumFileSize = 16 << 20

    static func fingerprint(of directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        // git honours these in place of looking up the folders; say what they are.
        let variables = environment.filter { $0.key.hasPrefix("GIT_") }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        // git starts from the working folder's physical path (getcwd): a content folder that is
        // a symbolic link belongs to the repository of what it points to.
        guard let gitDirectory = repository(above: directory.resolvingSymlinksInPath().standardizedFileURL.path) else {
            return (["no repository"] + variables).joined(separator: "\n")
        }
        var common = gitDirectory
        if let pointer = read(gitDirectory + "/commondir") {
            common = resolve(pointer.trimmingWhitespacesAndNewlines, against: gitDirectory)
        }
        if FileManager.default.fileExists(atPath: common + "/reftable") { return nil }
        guard let head = read(gitDirectory + "/HEAD")?.trimmingWhitespacesAndNewlines else { return nil }
        var commit = head
        if head.hasPrefix("ref: ") {
            let name = String(head.dropFirst(5))
            guard !name.contains(".."), name.hasPrefix("refs/") else { return nil }
            if let loose = read(gitDirectory + "/" + name) ?? read(common + "/" + name) {
                commit = loose.trimmingWhitespacesAndNewlines
            } else if FileManager.default.fileExists(atPath: common + "/packed-refs") {
                guard let packed = read(common + "/packed-refs") else { return nil }
                commit = packed.split(separator: "\n").first { $0.hasSuffix(" " + name) }.map { String($0.prefix { $0 != " " }) }
                    ?? "unborn"
            } else {
                commit = "unborn"
            }
        }
        let shallow = read(common + "/shallow") ?? ""
        return ([gitDirectory, head, commit, shallow] + variables).joined(separator: "\n")
    }

    /// The git folder of the repository holding `path`: the first `.git` folder, or the folder a
    /// `.git` file names (`gitdir: …`, a worktree or submodule), from `path` up.
    static func repository(above path: String) -> String? {
        var folder = path
        for _ in 0..<maximumDepth {
            let candidate = folder + "/.git"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) {
                if isDirectory.boolValue { return candidate }
                guard let text = read(candidate), text.hasPrefix("gitdir: ") else { return nil }
                return resolve(String(text.dropFirst(8)).trimmingWhitespacesAndNewlines, against: folder)
            }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { return nil }
            folder = parent
        }
        return nil
    }

    private static func resolve(_ path: String, against folder: String) -> String {
        let joined = path.hasPrefix("/") ? path : folder + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    private static func read(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: maximumFileSize + 1), data.count <= maximumFileSize else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
