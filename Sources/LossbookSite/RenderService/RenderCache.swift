import Foundation
import JSONWriting
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A persistent map from a key (the full text that determines an output) to that output, stored
/// as immutable segment files in bucket folders, each bucket loaded whole on first use.
///
/// Buckets: a key's bucket is a hash of the key, so a build that looks up a few formulas reads a
/// few buckets; a thousand-page course's cache is tens of megabytes, and reading all of it took
/// a one-page rebuild about 0.1 s.
///
/// Layout: `<directory>/<bucket, two hex digits>/seg-<random UUID>.lbc`, each file
///
///     lossbook-render-cache 1\n
///     <key byte count> <value byte count>\n<key><value>      (repeated)
///     <the records' index: key hashes and places, sorted>      (`SegmentIndex`)
///
/// A lookup maps the segments of its key's bucket and searches their indexes; only the value
/// found is decoded (`RecordIndex`).
///
/// In each bucket, each `flush()` writes the entries added since the last one as a new segment; when there are
/// more than `maxSegments`, the next flush writes everything known as one segment and deletes the
/// segments it had loaded (compaction). Entries of an older renderer (keys without `livePrefix`)
/// are not loaded, so compaction drops them. Entries of formulas that were edited away stay until
/// `sweep()`, which a build that looked up everything the course needs calls: it keeps only the
/// entries used since the cache was opened (or since `resetUsage()`).
///
/// Why segments, measured on this machine (ext4, 2 cores) with 2,000 formulas (~5 MB of HTML):
/// one file per formula loaded fast (about 20–60 ms for 2,000 lookups) but *creating* 2,000
/// files took 0.5–0.9 s, as long as rendering them; one segment is written in a few ms and
/// loads as fast. An append-only file would be as fast, but two overlapping builds appending to
/// it could interleave; segments are written to a unique temporary file and renamed, so
/// overlapping builds are safe without locks: a reader sees whole segments or none, a segment
/// deleted by another build's compaction is simply skipped (its entries are in the compacted one
/// or get rendered again), and a build only deletes segments it has read itself.
///
/// Keys are compared in full (they are dictionary keys), so no hash collision can ever return a
/// wrong value; hashes appear only inside keys (renderer and macros fingerprints). Writing is best effort: failures are counted, not
/// thrown, since a cache that cannot be written only costs time.
final class RenderCache {
    let directory: URL?
    let maxSegments: Int
    /// Only keys with this prefix are loaded; others (from an older renderer) are skipped and
    /// disappear at the next compaction.
    let livePrefix: String
    let bucketCount: Int
    private var buckets: [Int: Bucket] = [:]
    /// Keys found or stored since the cache was opened or `resetUsage()` was called.
    private var used: Set<String> = []

    /// `directory` nil keeps the cache in memory only.
    init(directory: URL?, maxSegments: Int = 16, livePrefix: String = "", buckets: Int = 64) {
        self.directory = directory
        self.maxSegments = maxSegments
        self.livePrefix = livePrefix
        self.bucketCount = max(1, min(buckets, 256))
    }

    /// The number of entries known (loaded and added); reads every bucket.
    var count: Int {
        (0..<bucketCount).map { bucket($0).count }.reduce(0, +)
    }

    /// The segment files currently in the directory, relative to it (`07/seg-….lbc`).
    var segmentNames: [String] {
        (0..<bucketCount).flatMap { index in bucket(index).segmentNames.map { "\(Self.folder(index))/\($0)" } }
    }

    /// How many buckets have been read or written so far.
    var bucketsInUse: Int { buckets.count }

    var writeFailures: Int {
        buckets.values.map(\.writeFailures).reduce(0, +)
    }

    func value(for key: String) -> String? {
        let value = bucket(for: key).value(for: key)
        if value != nil { used.insert(key) }
        return value
    }

    func store(_ value: String, for key: String) {
        used.insert(key)
        bucket(for: key).store(value, for: key)
    }

    /// Starts counting usage afresh (a `serve` session keeps one cache across builds).
    func resetUsage() {
        used.removeAll()
    }

    /// Drops every entry not used since the usage was last reset, writing each bucket that loses
    /// any (or still holds an older renderer's entries) as one segment; returns how many entries
    /// were dropped. Writes the pending entries too.
    @discardableResult
    func sweep() -> Int {
        var keys: [Int: [String]] = [:]
        for key in used { keys[bucketIndex(for: key), default: []].append(key) }
        return (0..<bucketCount).map { bucket($0).sweep(keeping: keys[$0] ?? []) }.reduce(0, +)
    }

    /// Writes the entries added since the last flush, bucket by bucket.
    func flush() {
        for index in buckets.keys.sorted() { buckets[index]!.flush() }
    }

    private func bucket(for key: String) -> Bucket {
        bucket(bucketIndex(for: key))
    }

    private func bucketIndex(for key: String) -> Int {
        Int(FNV1a64.hash(key.utf8) % UInt64(bucketCount))
    }

    private func bucket(_ index: Int) -> Bucket {
        if let existing = buckets[index] { return existing }
        let created = Bucket(directory: directory?.appendingPathComponent(Self.folder(index), isDirectory: true),
                             maxSegments: maxSegments, livePrefix: livePrefix)
        buckets[index] = created
        return created
    }

    private static func folder(_ index: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[index / 16], digits[index % 16]])
    }
}

/// One bucket of the cache: its segments in one folder.
///
/// A loaded segment stays as its bytes: an index from each key's hash to where its record is
/// lets a lookup compare bytes and decode only the value it returns. Decoding every entry of a
/// bucket into strings on load cost a one-page edit of a 10,000-page course (330 MB of rendered
/// formulas in 64 buckets, 13 of them read) about 100 ms of CPU for the page's dozen formulas.
private final class Bucket {
    let directory: URL?
    let maxSegments: Int
    /// Only keys with this prefix are loaded; others (from an older renderer) are skipped and
    /// disappear at the next compaction.
    let livePrefix: [UInt8]
    /// The records of the segments read.
    private var records: RecordIndex
    /// Entries added by this cache (not in `records`).
    private var added: [String: String] = [:]
    /// Values of `records` already decoded, by key: a formula on many pages is looked up once a
    /// page, and decoding (validating its UTF-8) each time cost a build from the render cache
    /// 0.3 × 10⁹ instructions for a thousand pages with half their formulas repeated.
    private var decoded: [String: String] = [:]
    private var pending: [(key: String, value: String)] = []
    private var loaded = false
    /// Whether a loaded segment holds entries of an older renderer (not loaded, still on disk);
    /// known once every record has been read (`RecordIndex.all()`).
    private var holdsStale: Bool { records.holdsStale }
    /// Segment file names read by `load()` or written by this cache (candidates for compaction).
    private var ownSegments: Set<String> = []
    private(set) var writeFailures = 0

    private static let magic = Array("lossbook-render-cache 1\n".utf8)

    init(directory: URL?, maxSegments: Int, livePrefix: String) {
        self.directory = directory
        self.maxSegments = maxSegments
        self.livePrefix = Array(livePrefix.utf8)
        records = RecordIndex(livePrefix: self.livePrefix)
    }

    /// The number of entries known (loaded and added).
    var count: Int {
        load()
        return records.all().count + added.count
    }

    /// The segment files currently in the directory.
    var segmentNames: [String] {
        guard let directory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter { $0.hasPrefix("seg-") && $0.hasSuffix(".lbc") }.sorted()
    }

    func value(for key: String) -> String? {
        load()
        if let value = added[key] ?? decoded[key] { return value }
        guard let record = records.find(key) else { return nil }
        let value = records.value(of: record)
        decoded[key] = value
        return value
    }

    func store(_ value: String, for key: String) {
        load()
        guard added[key] == nil, records.find(key) == nil else { return }
        added[key] = value
        pending.append((key, value))
    }

    /// Writes the entries added since the last flush; compacts when there are too many segments.
    func flush() {
        guard let directory, !pending.isEmpty else { return }
        let existing = segmentNames
        if existing.count + 1 > maxSegments {
            // Everything known (loaded + new) in one segment, then drop the segments we read.
            if let name = writeSegment(records.all(), added: added.sorted { $0.key < $1.key }, in: directory) {
                for old in ownSegments where old != name {
                    unlink(directory.appendingPathComponent(old).path)
                }
                ownSegments = [name]
                pending.removeAll()
            }
        } else if let name = writeSegment([], added: pending, in: directory) {
            ownSegments.insert(name)
            pending.removeAll()
        }
    }

    /// Keeps only the entries whose keys are in `keep` (this bucket's); see `RenderCache.sweep()`.
    func sweep(keeping keep: [String]) -> Int {
        load()
        let keptRecords = keep.compactMap { records.find($0) }.sorted()
        _ = records.all()  // counted, and whether an older renderer's entries are there
        let keptAdded = keep.filter { added[$0] != nil }.sorted()
        let dropped = count - keptRecords.count - keptAdded.count
        guard let directory, dropped > 0 || holdsStale else {
            flush()
            return dropped
        }
        var written: String?
        if !keptRecords.isEmpty || !keptAdded.isEmpty {
            written = writeSegment(keptRecords, added: keptAdded.map { ($0, added[$0]!) }, in: directory)
            guard written != nil else { return 0 }  // could not write: keep everything as it was
        }
        for old in ownSegments where old != written {
            unlink(directory.appendingPathComponent(old).path)
        }
        ownSegments = written.map { [$0] } ?? []
        records.keep(keptRecords)
        decoded.removeAll()
        let keptAddedKeys = Set(keptAdded)
        added = added.filter { keptAddedKeys.contains($0.key) }
        pending.removeAll()
        return dropped
    }

    // MARK: - Segments

    private func load() {
        guard !loaded else { return }
        loaded = true
        // The folder is made when a segment is first written: a sweep loads every bucket, and
        // should not leave an empty folder for each.
        guard let directory else { return }
        for name in segmentNames {
            guard let bytes = SegmentBytes(path: directory.appendingPathComponent(name).path) else { continue }
            records.add(segment: bytes, magic: Self.magic)
            ownSegments.insert(name)
        }
    }

    /// Writes a segment (temporary file, then rename) of the loaded `records` named and the
    /// `added` entries named; returns its file name.
    private func writeSegment(_ loaded: [RecordIndex.Record], added entries: [(key: String, value: String)], in directory: URL) -> String? {
        var bytes = Self.magic
        var index: [(hash: UInt64, offset: Int)] = []
        index.reserveCapacity(loaded.count + entries.count)
        func append(_ key: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) {
            index.append((SegmentIndex.hash(key), bytes.count))
            // "<key byte count> <value byte count>\n", digits written as JSON writes integers,
            // not a String interpolated for every record.
            JSONText.appendInteger(key.count, to: &bytes)
            bytes.append(UInt8(ascii: " "))
            JSONText.appendInteger(value.count, to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: key)
            bytes.append(contentsOf: value)
        }
        for record in loaded { records.withBytes(of: record, append) }
        for var (key, value) in entries {
            key.withUTF8 { key in value.withUTF8 { value in append(key, value) } }
        }
        bytes += SegmentIndex.bytes(of: index, recordsEnd: bytes.count)
        let name = "seg-\(UUID().uuidString.lowercased()).lbc"
        let temporary = directory.appendingPathComponent(".tmp-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        guard Self.writeFile(temporary, bytes), rename(temporary, directory.appendingPathComponent(name).path) == 0 else {
            unlink(temporary)
            writeFailures += 1
            return nil
        }
        return name
    }

    // MARK: - Files

    private static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + done, bytes.count - done)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                close(fd)
                return false
            }
            done += count
        }
        return close(fd) == 0
    }
}
