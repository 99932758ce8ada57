import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where each page's part of `print.html` (its article, ids prefixed and links turned inward)
/// lies in the print page the last build wrote, so that an edit of one page takes the other
/// pages' parts from there rather than cutting them out of their pages again. Kept in
/// `.lossbook-cache/print-parts.bin` (`ByteFrame`) with the key of the print page it describes;
/// it is believed only while the output manifest records that same key for `print.html` and the
/// file in the site still has the signature the manifest took after writing it (so nobody
/// replaced or edited it). A part is named by its page's key, its place in the course and its
/// page: a part found under its name is the part the page would give now.
///
/// The parts were kept as one file each before: a cold build of a thousand pages wrote as many
/// files, 48 MB, as large as the print page itself, to be read back by the next edit. Now a cold
/// build writes this index of a few tens of kilobytes.
struct PrintParts {
    static let fileName = "print-parts.bin"
    static let frameName = "lossbook print parts"
    static let frameVersion = 1
    /// The folder earlier versions kept one file per part in; removed when seen.
    static let legacyFolder = "print"

    /// The key of the print page the ranges are in.
    var key: String
    /// Each part's name → its bytes' place in that print page.
    var ranges: [String: Range<Int>]

    /// The name of a page's part: its page key, its id prefix (its place) and its output path.
    static func name(pageKey: String, prefix: String, outputPath: String) -> String {
        FNV1a128.hex(of: ["print part 2", pageKey, prefix, outputPath])
    }

    func framed() -> Data {
        var out = ByteFrame.Writer(name: Self.frameName, version: Self.frameVersion)
        out.string(key)
        out.integer(ranges.count)
        for (name, range) in ranges.sorted(by: { $0.key < $1.key }) {
            out.string(name)
            out.integer(range.lowerBound)
            out.integer(range.count)
        }
        return out.finished()
    }

    init(key: String, ranges: [String: Range<Int>]) {
        self.key = key
        self.ranges = ranges
    }

    init(framed data: Data) throws(ByteFrame.Malformed) {
        var input = try ByteFrame.Reader(data, name: Self.frameName, version: Self.frameVersion)
        key = try input.string()
        ranges = [:]
        for _ in 0..<(try input.count()) {
            let name = try input.string()
            let start = try input.integer(), count = try input.integer()
            guard start >= 0, count >= 0, start <= Int.max - count else { throw ByteFrame.Malformed() }
            ranges[name] = start..<(start + count)
        }
        guard input.atEnd else { throw ByteFrame.Malformed() }
    }

    /// Saves the ranges of the print page about to be written under `key`; with no key (the
    /// print page cannot be keyed), removes the last ones, which would describe another page.
    static func save(_ parts: PrintParts?, in cacheDirectory: URL) {
        let url = cacheDirectory.appendingPathComponent(fileName)
        guard let parts else {
            unlink(url.path)
            return
        }
        try? FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
        try? AtomicFile.write(parts.framed(), to: url)
    }

    /// Removes the folder of parts earlier versions kept, if it is there.
    static func removeLegacyFolder(in cacheDirectory: URL) {
        let folder = cacheDirectory.appendingPathComponent(legacyFolder)
        var info = stat()
        guard lstat(folder.path, &info) == 0 else { return }
        try? FileManager.default.removeItem(at: folder)
    }

    /// The last print page, opened for reading parts out of it: nil unless the saved ranges are
    /// of the print page the manifest vouches for, and the file is still as it was written.
    static func lastPrintPage(cacheDirectory: URL, manifest: OutputManifest?, output: URL) -> Reader? {
        guard let manifest, let key = manifest.keys[PrintPage.path], let recorded = manifest.signatures[PrintPage.path],
              let data = FileManager.default.contents(atPath: cacheDirectory.appendingPathComponent(fileName).path),
              let parts = try? PrintParts(framed: data), parts.key == key else { return nil }
        return Reader(path: output.path + "/" + PrintPage.path, signature: recorded, ranges: parts.ranges)
    }

    /// Reads parts out of an open print page. The file stays open while the reader lives: a build
    /// that replaces it meanwhile renames another file into its place, which leaves this one as
    /// it is. Parts are read with `pread` (not a mapping, which a file cut short under it would
    /// turn into a crash); a short read gives no part, and the page's part is made again.
    final class Reader {
        private let descriptor: Int32
        private let size: Int
        let ranges: [String: Range<Int>]

        init?(path: String, signature: OutputManifest.Signature, ranges: [String: Range<Int>]) {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            var info = stat()
            guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                  OutputManifest.Signature(info) == signature else {
                close(descriptor)
                return nil
            }
            self.descriptor = descriptor
            size = Int(info.st_size)
            self.ranges = ranges
        }

        deinit { close(descriptor) }

        /// The part named `name`, if the last print page holds it.
        func part(named name: String) -> [UInt8]? {
            guard let range = ranges[name], range.upperBound <= size else { return nil }
            var complete = true
            let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, count in
                var done = 0
                while done < range.count {
                    let read = pread(descriptor, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                    if read < 0, errno == EINTR { continue }
                    guard read > 0 else { break }
                    done += read
                }
                complete = done == range.count
                count = done
            }
            return complete ? bytes : nil
        }
    }
}
