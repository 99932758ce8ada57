#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The records of a render cache bucket's segments, kept as the bytes read (mapped): a record is
/// found by its key's hash and compared byte for byte, and only a value that is asked for
/// becomes a `String`. Segment format: `RenderCache`.
///
/// A segment written by this version ends with an index of its records, sorted by key hash
/// (`SegmentIndex`): a lookup is a binary search in it, whatever the segment's size. A one-page
/// edit of a 10,000-page course looks up its page's dozen formulas in a dozen buckets of about
/// 1,900 records each; hashing every record of them took 45 ms, which node waited for before it
/// was started. Segments without an index (older ones), and the whole bucket when it must be
/// counted or rewritten, are read record by record into a hash table (`table`).
struct RecordIndex {
    /// Where a record is: its segment, and its key's and value's bytes in it.
    struct Record: Comparable {
        fileprivate var segment: Int
        fileprivate var keyStart: Int
        fileprivate var keyCount: Int
        fileprivate var valueCount: Int

        static func < (left: Record, right: Record) -> Bool {
            (left.segment, left.keyStart) < (right.segment, right.keyStart)
        }
    }

    private var segments: [SegmentBytes] = []
    /// Each segment's index, if it has a sound one and its records are not in `table` yet.
    private var indexes: [SegmentIndex?] = []
    /// The records read one by one, without repeats: from segments without an index, or from
    /// every segment once `readAll()` has run.
    private var table: [Record] = []
    /// The first record of `table` with each key hash; `next` chains those that share one.
    private var first: [UInt64: Int] = [:]
    private var next: [Int] = []
    private var livePrefix: [UInt8] = []
    /// Whether a record was skipped because its key lacks the live prefix (`readAll()` only).
    private(set) var holdsStale = false

    init(livePrefix: [UInt8]) {
        self.livePrefix = livePrefix
    }

    /// Every distinct live record of every segment, in the order read.
    mutating func all() -> [Record] {
        readAll()
        return table
    }

    /// Adds a segment (`magic`, then `<key count> <value count>\n<key><value>` repeated, then
    /// optionally its index); one without a sound index is read into the table now.
    mutating func add(segment file: SegmentBytes, magic: [UInt8]) {
        let bytes = file.bytes
        guard bytes.count >= magic.count, bytes[0..<magic.count].elementsEqual(magic) else { return }
        segments.append(file)
        let index = SegmentIndex(bytes, recordsStart: magic.count)
        indexes.append(index)
        if index == nil { read(segments.count - 1, from: magic.count) }
    }

    /// The record whose key is `key`; none for a key without the live prefix.
    func find(_ key: String) -> Record? {
        var key = key
        return key.withUTF8 { key in
            guard key.starts(with: livePrefix) else { return nil }
            let hash = SegmentIndex.hash(key)
            if let found = findInTable(key, hash: hash) { return found }
            for (segment, index) in indexes.enumerated() {
                guard let index else { continue }
                for start in index.offsets(of: hash) {
                    guard let record = Self.record(in: segments[segment].bytes, segment: segment, at: start, end: index.recordsEnd)
                    else { continue }
                    if Self.same(key, keyBytes(of: record)) { return record }
                }
            }
            return nil
        }
    }

    /// The value of a record, decoded (invalid UTF-8 repaired, as a segment may be damaged).
    func value(of record: Record) -> String {
        withBytes(of: record) { _, value in String(decoding: value, as: UTF8.self) }
    }

    /// Calls `body` with the key's and the value's bytes of a record.
    func withBytes<T>(of record: Record, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> T) -> T {
        let bytes = segments[record.segment].bytes
        let valueStart = record.keyStart + record.keyCount
        return body(UnsafeBufferPointer(rebasing: bytes[record.keyStart..<valueStart]),
                    UnsafeBufferPointer(rebasing: bytes[valueStart..<valueStart + record.valueCount]))
    }

    /// Keeps only `kept` (records this index gave), as the bucket's files now hold.
    mutating func keep(_ kept: [Record]) {
        readAll()
        table = []
        first = [:]
        next = []
        holdsStale = false
        for record in kept { insert(record, hash: SegmentIndex.hash(keyBytes(of: record))) }
    }

    // MARK: - The table

    /// Reads every indexed segment's records into the table too (counting, sweeping, compacting).
    private mutating func readAll() {
        for segment in indexes.indices {
            guard let index = indexes[segment] else { continue }
            indexes[segment] = nil
            read(segment, from: index.recordsStart, to: index.recordsEnd)
        }
    }

    /// Reads one segment's records into the table, stopping quietly at the first malformed one;
    /// a key already in the table keeps its first value.
    private mutating func read(_ segment: Int, from start: Int, to end: Int? = nil) {
        let bytes = segments[segment].bytes
        let end = end ?? bytes.count
        var offset = start
        while offset < end, let record = Self.record(in: bytes, segment: segment, at: offset, end: end) {
            offset = record.keyStart + record.keyCount + record.valueCount
            let key = keyBytes(of: record)
            guard key.starts(with: livePrefix) else {
                holdsStale = true
                continue
            }
            let hash = SegmentIndex.hash(key)
            guard findInTable(key, hash: hash) == nil else { continue }
            insert(record, hash: hash)
        }
    }

    private mutating func insert(_ record: Record, hash: UInt64) {
        next.append(first[hash] ?? -1)
        first[hash] = table.count
        table.append(record)
    }

    private func findInTable(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Record? {
        var candidate = first[hash] ?? -1
        while candidate >= 0 {
            if Self.same(key, keyBytes(of: table[candidate])) { return table[candidate] }
            candidate = next[candidate]
        }
        return nil
    }

    private func keyBytes(of record: Record) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: segments[record.segment].bytes[record.keyStart..<record.keyStart + record.keyCount])
    }

    private static func same(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
    }

    /// The record whose header (`<key count> <value count>\n`) starts at `offset`, if it is
    /// well formed and ends by `end`.
    private static func record(in bytes: UnsafeBufferPointer<UInt8>, segment: Int, at offset: Int, end: Int) -> Record? {
        // An index entry may point anywhere in a damaged file: nowhere outside the records.
        guard offset >= 0, offset < end, end <= bytes.count else { return nil }
        var index = offset
        func number(until terminator: UInt8) -> Int? {
            var value = 0
            var digits = 0
            while index < end, bytes[index] != terminator {
                let digit = Int(bytes[index]) &- 48
                guard digit >= 0, digit <= 9, digits < 12 else { return nil }
                value = value * 10 + digit
                digits += 1
                index += 1
            }
            guard index < end, digits > 0 else { return nil }
            index += 1
            return value
        }
        guard let keyCount = number(until: UInt8(ascii: " ")), let valueCount = number(until: UInt8(ascii: "\n")),
              keyCount + valueCount <= end - index else { return nil }
        return Record(segment: segment, keyStart: index, keyCount: keyCount, valueCount: valueCount)
    }
}

/// The index at the end of a segment: for each record, the FNV-1a hash (64 bits) of its key and
/// where its header starts, sorted by hash then place; then the number of entries, where the
/// index starts, and `trailer`, each 8 bytes, little-endian. A reader that does not know it stops
/// at the index as at any malformed record, having read every record before it.
struct SegmentIndex {
    static let trailer = Array("lbcindex".utf8)

    let recordsStart: Int
    /// Where the records end and the index starts.
    let recordsEnd: Int
    private let entries: UnsafeRawBufferPointer

    /// The index of a segment, if it ends with a sound one.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, recordsStart: Int) {
        guard bytes.count >= recordsStart + 24,
              bytes[(bytes.count - 8)...].elementsEqual(Self.trailer) else { return nil }
        let raw = UnsafeRawBufferPointer(bytes)
        let count = Int(truncatingIfNeeded: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: bytes.count - 24, as: UInt64.self)))
        let start = Int(truncatingIfNeeded: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: bytes.count - 16, as: UInt64.self)))
        guard count >= 0, start >= recordsStart, count <= (bytes.count - 24 - start) / 16,
              start + count * 16 + 24 == bytes.count else { return nil }
        self.recordsStart = recordsStart
        recordsEnd = start
        entries = UnsafeRawBufferPointer(rebasing: raw[start..<start + count * 16])
    }

    /// Where the headers of the records whose keys hash to `hash` start.
    func offsets(of hash: UInt64) -> [Int] {
        let count = entries.count / 16
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self.hash(at: middle) < hash { low = middle + 1 } else { high = middle }
        }
        var found: [Int] = []
        while low < count, self.hash(at: low) == hash {
            found.append(Int(truncatingIfNeeded: UInt64(littleEndian: entries.loadUnaligned(fromByteOffset: low * 16 + 8, as: UInt64.self))))
            low += 1
        }
        return found
    }

    private func hash(at entry: Int) -> UInt64 {
        UInt64(littleEndian: entries.loadUnaligned(fromByteOffset: entry * 16, as: UInt64.self))
    }

    /// The bytes of an index of records (hash of the key, where the header starts), sorted,
    /// with its tail, for a segment whose records end at `recordsEnd`.
    static func bytes(of records: [(hash: UInt64, offset: Int)], recordsEnd: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(records.count * 16 + 24)
        func append(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        for record in records.sorted(by: { ($0.hash, $0.offset) < ($1.hash, $1.offset) }) {
            append(record.hash)
            append(UInt64(record.offset))
        }
        append(UInt64(records.count))
        append(UInt64(recordsEnd))
        out.append(contentsOf: trailer)
        return out
    }

    /// FNV-1a (64 bits) of a key's bytes: the same in every process, as an index on disk needs.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        FNV1a64.hash(bytes)
    }
}

/// A segment file's bytes, mapped read-only. Segments are immutable (written whole under a
/// temporary name, then renamed; deleted, never rewritten), so a mapping stays valid for as long
/// as the cache lives, even after another build's compaction unlinks the file. Mapping instead
/// of reading skips copying and zeroing: a one-page edit of a 10,000-page course reads a dozen
/// buckets of about 5 MB for the page's formulas, and copying them cost it 70 ms of CPU.
final class SegmentBytes {
    let bytes: UnsafeBufferPointer<UInt8>
    private let mapped: Bool

    /// Maps the file at `path` (reads it where it cannot be mapped); nil when it cannot be read.
    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        if let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED {
            bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
            mapped = true
            return
        }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: size)
        var done = 0
        while done < size {
            let count = read(fd, buffer.baseAddress! + done, size - done)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            done += count
        }
        guard done == size else {
            buffer.deallocate()
            return nil
        }
        bytes = UnsafeBufferPointer(buffer)
        mapped = false
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress!), bytes.count)
        } else {
            UnsafeMutableBufferPointer(mutating: bytes).deallocate()
        }
    }
}
