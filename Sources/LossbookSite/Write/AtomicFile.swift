import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see the old contents or the new, never half of either: the
/// bytes go to a temporary file beside the target, which is then renamed over it.
enum AtomicFile {
    static func write(_ data: Data, to target: URL) throws {
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileBytes.write(data, to: temporary)
            // rename(2) replaces an existing file atomically; Foundation's moveItem refuses to.
            guard rename(temporary.path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// The same from bytes to a path (`folder/name`): no `Data` made of the bytes and no `URL`
    /// work, for a caller writing many files (the print page's parts, one a page).
    static func write(_ bytes: UnsafeRawBufferPointer, toPath target: String) throws {
        let slash = target.utf8.lastIndex(of: UInt8(ascii: "/")).map { target.utf8.index(after: $0) } ?? target.startIndex
        let temporary = "\(target[..<slash]).\(target[slash...]).\(getpid()).tmp"
        do {
            try FileBytes.write(bytes, toPath: temporary)
            guard rename(temporary, target) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}

/// Creates or truncates a file and writes bytes to it, with plain `open`/`write`/`close`.
///
/// Why not `Data.write(to:)`: on Linux it calls `fsync` for every file, and on ext4 each of those
/// waits for the disk; for a thousand pages that was 0.2–0.3 s of a build. A site is made again
/// from its sources at any time, and the build's atomicity comes from renaming whole folders, so
/// it does not need every page on the platter before the next one is written.
enum FileBytes {
    static func write(_ data: Data, to url: URL) throws {
        try data.withUnsafeBytes { try write($0, toPath: url.path) }
    }

    /// The same from bytes to a path.
    static func write(_ buffer: UnsafeRawBufferPointer, toPath path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.error(errno, path) }
        var failure: Int32 = 0
        var done = 0
        while done < buffer.count {
            let count = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
            if count < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            done += count
        }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 { throw Self.error(failure, path) }
    }

    private static func error(_ code: Int32, _ path: String) -> Error {
        let reason = String(cString: strerror(code))
        return CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedFailureReasonErrorKey: "\(path): \(reason)"])
    }
}
