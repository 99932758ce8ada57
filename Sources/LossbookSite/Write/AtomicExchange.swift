import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exchanges two paths in one step with Linux's `renameat2(…, RENAME_EXCHANGE)`, so that a crash
/// never leaves neither in place. Swift's Glibc module does not declare `renameat2` (it is a GNU
/// extension), so the function is looked up in the C library at run time.
enum AtomicExchange {
    enum Outcome: Equatable {
        case exchanged
        /// The kernel, C library or file system cannot exchange: rename in two steps instead.
        case unsupported
        case failed(Int32)
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// `RENAME_EXCHANGE` from <linux/fs.h>.
    private static let renameExchange: UInt32 = 1 << 1

    private static let renameat2: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    static func exchange(_ first: String, _ second: String) -> Outcome {
        guard let renameat2 else { return .unsupported }
        if renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 { return .exchanged }
        let code = errno
        // EINVAL: the file system has no exchange (some network and FUSE ones); ENOSYS: old kernel.
        if code == EINVAL || code == ENOSYS || code == EOPNOTSUPP { return .unsupported }
        return .failed(code)
    }
}
