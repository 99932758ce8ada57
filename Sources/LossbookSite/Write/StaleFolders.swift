import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The staging and retired folders that builds killed mid-write left beside the output folder
/// (`.site.staging-PID`, `.site.previous-PID`). Only folders of that name whose process is gone
/// and that are lossbook's (stamped, or empty) are touched: a retired site found where no output
/// folder is left (a build killed between the two renames of a file system without an atomic
/// exchange) is put back; every other one is removed.
struct StaleFolders {
    let output: URL

    func sweep() {
        let parent = output.deletingLastPathComponent()
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names.sorted() {
            guard let (kind, pid) = parse(name), pid != ProcessInfo.processInfo.processIdentifier, !Self.isAlive(pid) else { continue }
            let folder = parent.appendingPathComponent(name)
            guard isLossbooks(folder) else { continue }
            if kind == "previous", !fileManager.fileExists(atPath: output.path),
               OutputGuard.isStamped(folder) || OutputGuard.legacyMarkers.allSatisfy({ fileManager.fileExists(atPath: folder.appendingPathComponent($0).path) }) {
                try? fileManager.moveItem(at: folder, to: output)
                continue
            }
            try? fileManager.removeItem(at: folder)
        }
    }

    /// `.NAME.staging-PID` or `.NAME.previous-PID` for this output's NAME.
    func parse(_ name: String) -> (kind: String, pid: Int32)? {
        let prefix = "." + output.lastPathComponent + "."
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        for kind in ["staging", "previous"] where rest.hasPrefix(kind + "-") {
            if let pid = Int32(rest.dropFirst(kind.count + 1)), pid > 0 { return (kind, pid) }
        }
        return nil
    }

    /// A folder (not a link) that holds lossbook's stamp, a site from before the stamp, or nothing.
    private func isLossbooks(_ folder: URL) -> Bool {
        var info = stat()
        guard lstat(folder.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        if OutputGuard.isStamped(folder) { return true }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? ["?"]
        return entries.isEmpty
            || OutputGuard.legacyMarkers.allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }

    static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
