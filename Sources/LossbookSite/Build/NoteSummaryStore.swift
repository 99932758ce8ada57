import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The notes' summaries of the manifest, in `bucketCount` files of the cache's `summaries/`
/// folder, each note's in the file its path hashes to: a one-page edit rewrites the one file
/// whose summaries changed (a 64th of them), not all 12 MB of a 10,000-page course's.
///
/// Each file is a `ByteFrame` of its own (name, version, program, checksum) and is read or
/// ignored whole: one cut short, changed or another program's costs its notes' summaries, so
/// those notes are parsed again, never misread. A summary is valid for whatever note its key
/// names (the note's text, place and program), so files written by different builds can be
/// mixed: each summary is still checked against this build's note key before it is used.
enum NoteSummaryStore {
    static let folderName = "summaries"
    static let frameName = "lossbook note summaries"
    static let frameVersion = 1
    static let bucketCount = 64

    /// The bucket of a note's source path (FNV-1a of its UTF-8 bytes, 64 bits): the same on
    /// every machine and run.
    static func bucket(of path: String) -> Int {
        Int(FNV1a64.hash(path.utf8) % UInt64(bucketCount))
    }

    static func fileName(_ bucket: Int) -> String { "bucket-\(bucket).bin" }

    /// Every summary of the readable bucket files, with the paths each file held.
    static func load(from cacheDirectory: URL?) -> (summaries: [String: NoteSummary], buckets: [Int: Set<String>]) {
        guard let folder = cacheDirectory?.appendingPathComponent(folderName).path else { return ([:], [:]) }
        let read = Array(0..<bucketCount).concurrentMap { bucket -> [(String, NoteSummary)]? in
            guard let data = FileManager.default.contents(atPath: folder + "/" + fileName(bucket)) else { return nil }
            return try? decode(data, bucket: bucket)
        }
        var summaries: [String: NoteSummary] = [:]
        var buckets: [Int: Set<String>] = [:]
        for (bucket, entries) in read.enumerated() {
            guard let entries else { continue }
            buckets[bucket] = Set(entries.map(\.0))
            for (path, summary) in entries { summaries[path] = summary }
        }
        return (summaries, buckets)
    }

    /// Writes the bucket files whose summaries differ from `previous` (what `load` gave, or
    /// nothing), and removes those left empty. Best effort, like the manifest.
    static func save(_ summaries: [String: NoteSummary], previous: (summaries: [String: NoteSummary], buckets: [Int: Set<String>])?,
                     to cacheDirectory: URL?) {
        guard let directory = cacheDirectory?.appendingPathComponent(folderName) else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var grouped = [[String]](repeating: [], count: bucketCount)
        for path in summaries.keys { grouped[bucket(of: path)].append(path) }
        for (bucket, paths) in grouped.enumerated() {
            // Unchanged: the same notes, each with the summary read from this file (a summary
            // kept from the last build shares its storage with the one read, so this is quick).
            if let previous, previous.buckets[bucket] == Set(paths),
               paths.allSatisfy({ previous.summaries[$0] == summaries[$0] }) { continue }
            let url = directory.appendingPathComponent(fileName(bucket))
            guard !paths.isEmpty else {
                unlink(url.path)
                continue
            }
            try? AtomicFile.write(encode(paths.sorted().map { ($0, summaries[$0]!) }, bucket: bucket), to: url)
        }
    }

    static func encode(_ entries: [(String, NoteSummary)], bucket: Int) -> Data {
        var out = ByteFrame.Writer(name: frameName, version: frameVersion)
        out.integer(bucket)
        out.integer(entries.count)
        for (path, summary) in entries {
            out.string(path)
            summary.write(to: &out)
        }
        return out.finished()
    }

    /// A bucket file's summaries; throws unless it is whole, this program's, and holds only
    /// notes of that bucket.
    static func decode(_ data: Data, bucket: Int) throws(ByteFrame.Malformed) -> [(String, NoteSummary)] {
        var input = try ByteFrame.Reader(data, name: frameName, version: frameVersion)
        guard try input.integer() == bucket else { throw ByteFrame.Malformed() }
        let count = try input.count()
        var entries: [(String, NoteSummary)] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let path = try input.string()
            guard Self.bucket(of: path) == bucket else { throw ByteFrame.Malformed() }
            entries.append((path, try NoteSummary(reading: &input)))
        }
        guard input.atEnd else { throw ByteFrame.Malformed() }
        return entries
    }
}
