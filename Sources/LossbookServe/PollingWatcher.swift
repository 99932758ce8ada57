import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scans the watched folders every `interval` and compares size, modification time (to the
/// nanosecond) and inode of every file with the previous scan. The fallback when inotify is
/// unavailable; a scan of a few thousand files takes milliseconds.
final class PollingWatcher: FileWatcher, Sendable {
    private let trees: WatchedTrees
    private let interval: TimeInterval
    private let stopping = StopFlag()

    struct Stamp: Equatable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
        var isDirectory: Bool
    }

    init(trees: WatchedTrees, interval: TimeInterval) {
        self.trees = trees
        self.interval = interval
    }

    var description: String { "polling every \(Int((interval * 1000).rounded())) ms" }

    func start(onChange: @escaping @Sendable ([String]) -> Void) {
        let thread = Thread { [self] in
            var previous = self.scan()
            while !self.isStopping {
                Thread.sleep(forTimeInterval: self.interval)
                if self.isStopping { break }
                let current = self.scan()
                if current != previous {
                    let changed = Set(previous.keys).union(current.keys).filter { previous[$0] != current[$0] }.sorted()
                    previous = current
                    onChange(changed)
                }
            }
        }
        thread.name = "lossbook-poll"
        thread.start()
    }

    func stop() {
        stopping.raise()
    }

    private var isStopping: Bool { stopping.isRaised }

    /// Every file and folder below the roots with its stamp.
    func scan() -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        for root in trees.roots {
            walk(root, into: &result)
        }
        for file in trees.files {
            var info = stat()
            guard stat(file, &info) == 0 else { continue }
            result[file] = stamp(info)
        }
        return result
    }

    private func stamp(_ info: stat) -> Stamp {
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return Stamp(size: Int64(info.st_size), seconds: Int(modified.tv_sec), nanoseconds: Int(modified.tv_nsec),
                     inode: UInt64(info.st_ino), isDirectory: (info.st_mode & S_IFMT) == S_IFDIR)
    }

    private func walk(_ directory: String, into result: inout [String: Stamp]) {
        guard !trees.isExcluded(directory), let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." || WatchedTrees.isIgnored(name: name) { continue }
            let path = directory + "/" + name
            // The excluded folder itself too: its times move with every build written into it.
            if trees.isExcluded(path) { continue }
            var info = stat()
            // stat, not lstat: a linked file counts when its target changes.
            guard stat(path, &info) == 0 else { continue }
            let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            result[path] = stamp(info)
            var linkInfo = stat()
            // Descend into real folders only, so that a link cycle cannot loop.
            if isDirectory, lstat(path, &linkInfo) == 0, (linkInfo.st_mode & S_IFMT) == S_IFDIR {
                walk(path, into: &result)
            }
        }
    }
}
