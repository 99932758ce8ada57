import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process's limit on open files (`ulimit -n`).
///
/// Foundation's `Process` on Linux cannot start any program while the soft limit is below about
/// 250: it fails with "Bad file descriptor" before forking (measured with Swift 6.3.1: 250 fails,
/// 252 works), so node, git and Chromium would not start. A build of many pages and a server
/// with many readers also need descriptors. So lossbook raises its soft limit towards the hard
/// limit when it starts, as Go's runtime does, and names the limit when a program cannot start.
public enum OpenFileLimit {
    /// The soft limit below which Foundation's `Process` cannot start a program, rounded up.
    public static let neededToStartPrograms: UInt64 = 256

    /// The soft and hard limits now.
    public static var current: (soft: UInt64, hard: UInt64) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (.max, .max) }
        return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
    }

    /// Raises the soft limit to the hard limit, but not past `ceiling` (descriptors above a few
    /// thousand buy nothing here, and a lower soft limit is what programs started from lossbook
    /// inherit). Never lowers it.
    public static func raise(upTo ceiling: UInt64 = 16_384) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let wanted = min(UInt64(limit.rlim_max), ceiling)
        guard wanted > UInt64(limit.rlim_cur) else { return }
        limit.rlim_cur = rlim_t(wanted)
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// Why a program could not start, when the limit explains it; nil otherwise.
    public static var explanation: String? {
        let soft = current.soft
        guard soft < neededToStartPrograms else { return nil }
        return "the open-file limit (ulimit -n) is \(soft), and programs cannot be started from Swift below "
            + "\(neededToStartPrograms); raise it (ulimit -n \(neededToStartPrograms) or more)"
    }
}
