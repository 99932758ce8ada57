import Foundation

/// The date each content file last changed, from the git history: one `git log` for the whole
/// course per build, so that a page's footer says when it was last edited and two builds of one
/// commit are byte-identical. Files git does not track (and courses outside a repository) have no
/// date; a file edited but not yet committed keeps its last commit's date.
public struct GitDates: Sendable, Equatable {
    /// Path relative to the content folder → `YYYY-MM-DD` (the committer date, in the committer's zone).
    public var dates: [String: String]

    public init(dates: [String: String] = [:]) {
        self.dates = dates
    }

    /// Reads the history of `contentDirectory`; empty when git is missing or the folder is not in a repository.
    public static func read(contentDirectory: URL) -> GitDates {
        guard let git = executable("git") else { return GitDates() }
        let process = Process()
        process.executableURL = git
        process.currentDirectoryURL = contentDirectory
        // Newest first; a file's first appearance is its last change. --relative: paths below
        // the content folder, relative to it. No renames: a renamed file is new under its name.
        process.arguments = ["-c", "core.quotePath=false", "log", "--relative", "--no-renames", "--format=%x01%cs",
                             "--name-only", "--", "."]
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        // Not `waitUntilExit`: on Linux it polls its run loop every 50 ms, and every build with
        // work to do (a one-page edit included) waited up to that long after git had finished.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch { return GitDates() }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        exited.wait()
        guard process.terminationStatus == 0 else { return GitDates() }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Parses `git log --format=%x01%cs --name-only` output.
    static func parse(_ log: String) -> GitDates {
        var dates: [String: String] = [:]
        var current: String?
        for line in log.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("\u{1}") {
                let date = String(line.dropFirst())
                current = date.count == 10 ? date : nil
            } else if let current, dates[String(line)] == nil {
                dates[String(line)] = current
            }
        }
        return GitDates(dates: dates)
    }

    private static func executable(_ name: String) -> URL? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        for directory in directories where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
            return URL(fileURLWithPath: directory + "/" + name)
        }
        return nil
    }
}
