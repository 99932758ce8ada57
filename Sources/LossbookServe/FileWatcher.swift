import Foundation

/// Tells when anything below some folders changes. Two kinds: inotify (Linux) and polling.
///
/// Like mdBook's, our watcher keeps a polling fallback, because native notifications are not
/// always there (containers without inotify, exhausted watch limits, network file systems).
/// `make(...)` tries inotify first; `--poll` skips it.
protocol FileWatcher: AnyObject, Sendable {
    /// How it watches, for the start-up line (`inotify`, `polling every 250 ms`).
    var description: String { get }
    /// Starts watching on a thread of its own; `onChange` gets the paths that changed.
    func start(onChange: @escaping @Sendable ([String]) -> Void)
    func stop()
}

/// What to watch: folders, recursively, minus some below them, minus files nobody builds from;
/// and single files outside those folders (the course settings `lossbook.yml`, a macros file).
struct WatchedTrees: Sendable {
    /// Folders watched recursively; they may not exist yet.
    var roots: [String]
    /// Folders below a root never to watch (the output and cache folders, if put there).
    var excluded: [String]
    /// Files watched one by one, through their folder (an editor that saves by writing a new
    /// file and renaming it over the old one replaces the file, not its folder); they may not
    /// exist yet. Files below a root are left to the root's watch.
    var files: [String]

    init(roots: [URL], excluded: [URL], files: [URL] = []) {
        self.roots = roots.map { $0.standardizedFileURL.path }
        self.excluded = excluded.map { $0.standardizedFileURL.path }
        let roots = self.roots
        self.files = files.map { $0.standardizedFileURL.path }.filter { file in !roots.contains { file.hasPrefix($0 + "/") } }
    }

    func isExcluded(_ path: String) -> Bool {
        excluded.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    /// Hidden files (the content loader skips them too), editor backups and swap files.
    static func isIgnored(name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913"
    }
}

enum FileWatchers {
    /// inotify when it works (and polling was not asked for), polling otherwise.
    static func make(trees: WatchedTrees, forcePolling: Bool, pollInterval: TimeInterval = 0.25) -> FileWatcher {
        #if os(Linux)
        if !forcePolling, let watcher = InotifyWatcher(trees: trees) {
            return watcher
        }
        #endif
        return PollingWatcher(trees: trees, interval: pollInterval)
    }
}
