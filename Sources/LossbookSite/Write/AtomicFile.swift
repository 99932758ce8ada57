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
}

/// Creates or truncates a file and writes bytes to it, with plain `open`/`write`/`close`.
///
/// Why not `Data.write(to:)`: on Linux it calls `fsync` for every file, and on ext4 each of those
/// waits for the disk; for a thousand pages that was 0.2–0.3 s of a build. A site is made again
/// from its sources at any time, and the build's atomicity comes from renaming whole folders, so
/// it does not need every page on the platter before the next one is written.
enum FileBytes {
    static func write(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.error(errno, url) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += count
            }
        }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 { throw Self.error(failure, url) }
    }

    private static func error(_ code: Int32, _ url: URL) -> Error {
        let reason = String(cString: strerror(code))
        return CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedFailureReasonErrorKey: "\(url.path): \(reason)"])
    }
}
