#if os(Linux)
import Foundation
import Glibc
import Synchronization

/// Linux inotify through Glibc. inotify is not recursive: one watch per folder, added for every
/// folder below the roots at start and for each new folder as it appears. The parent of each
/// root is watched too (for that name only), so that a root created, deleted or replaced whole
/// (`git checkout`, `mv content content.old`) is picked up again.
final class InotifyWatcher: FileWatcher, Sendable {
    private let trees: WatchedTrees
    private let descriptor: Int32
    /// What each watch descriptor watches; the watching thread adds to it as folders appear.
    private struct Watches {
        var folders: [Int32: String] = [:]
        var rootParents: [Int32: String] = [:]
        /// Folders of the single watched files, by watch.
        var fileFolders: [Int32: String] = [:]
    }
    private let watches = Mutex(Watches())
    private let stopping = StopFlag()

    private static let folderMask = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                                           | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)
    private static let parentMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)
    private static let fileFolderMask = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)

    /// Nil when inotify cannot be used here (no kernel support, too many instances, no watch could be added).
    init?(trees: WatchedTrees) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.trees = trees
        self.descriptor = descriptor
        guard addWatches() else {
            close(descriptor)
            return nil
        }
    }

    deinit {
        close(descriptor)
    }

    var description: String { "inotify" }

    func start(onChange: @escaping @Sendable ([String]) -> Void) {
        let thread = Thread { [self] in self.loop(onChange) }
        thread.name = "lossbook-inotify"
        thread.start()
    }

    func stop() {
        stopping.raise()
    }

    private var isStopping: Bool { stopping.isRaised }

    /// Watches every folder below the roots not watched yet, and the roots' parents. False when
    /// a watch that should have worked could not be added (the watch limit was reached).
    @discardableResult
    private func addWatches() -> Bool {
        var ok = true
        for root in trees.roots {
            let parent = (root as NSString).deletingLastPathComponent
            let wd = inotify_add_watch(descriptor, parent, Self.parentMask)
            if wd >= 0 {
                watches.withLock { $0.rootParents[wd] = parent }
            }
            ok = addWatches(below: root) && ok
        }
        for file in trees.files {
            // IN_MASK_ADD: the folder may also be a root's parent, whose watch (the same
            // descriptor: one watch per folder) keeps its own events.
            let folder = (file as NSString).deletingLastPathComponent
            let wd = inotify_add_watch(descriptor, folder, Self.fileFolderMask | UInt32(IN_MASK_ADD))
            if wd >= 0 {
                watches.withLock { $0.fileFolders[wd] = folder }
            } else if errno != ENOENT {
                ok = false
            }
        }
        return ok
    }

    private func addWatches(below folder: String) -> Bool {
        guard !trees.isExcluded(folder) else { return true }
        var info = stat()
        guard lstat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return true }
        let wd = inotify_add_watch(descriptor, folder, Self.folderMask | UInt32(IN_ONLYDIR))
        if wd < 0 { return errno == ENOENT }
        watches.withLock { $0.folders[wd] = folder }
        var ok = true
        guard let handle = opendir(folder) else { return true }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." || name.hasPrefix(".") { continue }
            if entry.pointee.d_type == UInt8(DT_DIR) || entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                ok = addWatches(below: folder + "/" + name) && ok
            }
        }
        return ok
    }

    private func loop(_ onChange: @escaping @Sendable ([String]) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !isStopping {
            var descriptorSet = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptorSet, 1, 200)
            if ready <= 0 { continue }
            var changed: [String] = []
            var rescan = false
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                parse(buffer[..<count], changed: &changed, rescan: &rescan)
            }
            if rescan { addWatches() }
            if !changed.isEmpty { onChange(changed) }
        }
    }

    /// Reads `struct inotify_event` records: wd, mask, cookie, len (4 bytes each), then the name.
    private func parse(_ bytes: ArraySlice<UInt8>, changed: inout [String], rescan: inout Bool) {
        var offset = bytes.startIndex
        func word(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        while offset + 16 <= bytes.endIndex {
            let wd = Int32(bitPattern: word(offset))
            let mask = word(offset + 4)
            let length = Int(word(offset + 12))
            let nameBytes = bytes[(offset + 16) ..< min(offset + 16 + length, bytes.endIndex)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += 16 + length

            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                rescan = true
                changed.append(trees.roots.first ?? "")
                continue
            }
            let (folder, parent, fileFolder) = watches.withLock { watches in
                let found = (watches.folders[wd], watches.rootParents[wd], watches.fileFolders[wd])
                if mask & UInt32(IN_IGNORED) != 0 { watches.folders[wd] = nil }
                return found
            }
            if let fileFolder, trees.files.contains(fileFolder + "/" + name) {
                changed.append(fileFolder + "/" + name)
                continue
            }
            if let parent, folder == nil {
                let path = parent + "/" + name
                if trees.roots.contains(path) {
                    rescan = true
                    changed.append(path)
                }
                continue
            }
            guard let folder else { continue }
            if mask & UInt32(IN_IGNORED) != 0 { continue }
            if name.isEmpty {
                // The folder itself was deleted or moved.
                if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 { changed.append(folder) }
                continue
            }
            if WatchedTrees.isIgnored(name: name) { continue }
            let path = folder + "/" + name
            if trees.isExcluded(path) { continue }
            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                rescan = true
            }
            changed.append(path)
        }
    }
}
#endif
