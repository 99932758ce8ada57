import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process's limit on open files (`ulimit -n`).
///
/// Foundation's `Process` on Linux cannot start any program while a descriptor numbered at or
/// above the soft limit is open: it asks to close every descriptor up to the highest open one,
/// and the C library refuses numbers above the limit ("Bad file descriptor"). Such descriptors
/// are inherited: shells and job runners keep some at 250–255, and a test that lowers
/// `ulimit -n` to 120 then cannot start node, git or Chromium. So lossbook raises its soft limit
/// towards the hard limit when it starts, as Go's runtime does, and names both numbers when a
/// program still cannot start.
public enum OpenFileLimit {
    /// The soft and hard limits now.
    public static var current: (soft: UInt64, hard: UInt64) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (.max, .max) }
        return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
    }

    /// Raises the soft limit to the hard limit, but not past `ceiling` (descriptors above a few
    /// thousand buy nothing here, and programs started from lossbook inherit the limit). Never
    /// lowers it.
    public static func raise(upTo ceiling: UInt64 = 16_384) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let wanted = min(UInt64(limit.rlim_max), ceiling)
        guard wanted > UInt64(limit.rlim_cur) else { return }
        limit.rlim_cur = rlim_t(wanted)
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// The highest descriptor open in this process, from /proc/self/fd.
    static var highestOpenDescriptor: Int? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return nil }
        return names.compactMap(Int.init).max()
    }

    /// Why a program could not start, when the limit explains it; nil otherwise.
    public static var explanation: String? {
        let soft = current.soft
        guard let highest = highestOpenDescriptor, UInt64(highest) >= soft else { return nil }
        return "descriptor \(highest) is open (inherited from the program that started lossbook) but the open-file "
            + "limit (ulimit -n) is \(soft), and Swift's Foundation cannot start a program then; raise the limit above \(highest)"
    }
}
