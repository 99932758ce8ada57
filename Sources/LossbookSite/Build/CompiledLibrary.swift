import Foundation

/// Whether a shared library kept in the cache is whole. A build killed while copying, a full disk
/// or a hand edit can leave it cut short, and a cut library only fails later, at link time, with
/// the linker's words. An ELF file keeps its section header table at its end, so a file that is
/// shorter than where that table ends has been truncated.
enum CompiledLibrary {
    static func isWhole(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), (try? handle.seek(toOffset: 0)) != nil,
              let header = try? handle.read(upToCount: 64) else { return false }
        #if os(Linux)
        return isWholeELF(header: [UInt8](header), size: size)
        #else
        return size > 0
        #endif
    }

    /// A 64-bit little-endian ELF header whose section headers end within `size` bytes.
    static func isWholeELF(header: [UInt8], size: UInt64) -> Bool {
        guard header.count >= 64, header[0] == 0x7F, header[1] == 0x45, header[2] == 0x4C, header[3] == 0x46,
              header[4] == 2, header[5] == 1 else { return false }
        func value(_ offset: Int, _ width: Int) -> UInt64 {
            (0..<width).reduce(UInt64(0)) { $0 | UInt64(header[offset + $1]) << (8 * UInt64($1)) }
        }
        let sectionHeaders = value(0x28, 8), entrySize = value(0x3A, 2), count = value(0x3C, 2)
        let (product, overflowA) = entrySize.multipliedReportingOverflow(by: count)
        let (end, overflowB) = sectionHeaders.addingReportingOverflow(product)
        return !overflowA && !overflowB && end > 0 && end <= size
    }
}
