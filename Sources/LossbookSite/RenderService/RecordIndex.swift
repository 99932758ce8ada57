#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The records of a render cache bucket's segments, kept as the bytes read: each record is found
/// by its key's hash and compared byte for byte, and only a value that is asked for becomes a
/// `String`. Segment format: `RenderCache`.
struct RecordIndex {
    /// Where a record is: its segment, and its key's and value's bytes in it.
    private struct Record {
        var segment: Int
        var keyStart: Int
        var keyCount: Int
        var valueCount: Int
    }

    private var segments: [SegmentBytes] = []
    private var records: [Record] = []
    /// The first record of each key hash; `next` chains records whose keys share a hash.
    private var first: [Int: Int] = [:]
    private var next: [Int] = []

    /// How many distinct live keys were read.
    var count: Int { records.count }

    /// Every record, by number (in the order read).
    var all: [Int] { Array(records.indices) }

    /// Reads the records of one segment (`magic`, then `<key count> <value count>\n<key><value>`
    /// repeated), stopping quietly at the first malformed one; a key already read keeps its first
    /// value. Returns whether a record was skipped because its key lacks `livePrefix`.
    mutating func add(segment file: SegmentBytes, magic: [UInt8], livePrefix: [UInt8]) -> Bool {
        let bytes = file.bytes
        guard bytes.count >= magic.count, bytes[0..<magic.count].elementsEqual(magic) else { return false }
        let segment = segments.count
        segments.append(file)
        var skipped = false
        var index = magic.count
        func number(until terminator: UInt8) -> Int? {
            var value = 0
            var digits = 0
            while index < bytes.count, bytes[index] != terminator {
                let digit = Int(bytes[index]) &- 48
                guard digit >= 0, digit <= 9, digits < 12 else { return nil }
                value = value * 10 + digit
                digits += 1
                index += 1
            }
            guard index < bytes.count, digits > 0 else { return nil }
            index += 1
            return value
        }
        while index < bytes.count {
            guard let keyCount = number(until: UInt8(ascii: " ")),
                  let valueCount = number(until: UInt8(ascii: "\n")),
                  keyCount + valueCount <= bytes.count - index else { break }
            let key = UnsafeBufferPointer(rebasing: bytes[index..<index + keyCount])
            let start = index
            index += keyCount + valueCount
            guard key.starts(with: livePrefix) else {
                skipped = true
                continue
            }
            let hash = Self.hash(key)
            guard find(key, hash: hash) == nil else { continue }
            next.append(first[hash] ?? -1)
            first[hash] = records.count
            records.append(Record(segment: segment, keyStart: start, keyCount: keyCount, valueCount: valueCount))
        }
        return skipped
    }

    /// The record whose key is `key`.
    func find(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { find($0, hash: Self.hash($0)) }
    }

    /// The value of a record, decoded (invalid UTF-8 repaired, as a segment may be damaged).
    func value(of record: Int) -> String {
        withBytes(of: record) { _, value in String(decoding: value, as: UTF8.self) }
    }

    /// Calls `body` with the key's and the value's bytes of a record.
    func withBytes<T>(of record: Int, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> T) -> T {
        let record = records[record]
        let bytes = segments[record.segment].bytes
        let valueStart = record.keyStart + record.keyCount
        return body(UnsafeBufferPointer(rebasing: bytes[record.keyStart..<valueStart]),
                    UnsafeBufferPointer(rebasing: bytes[valueStart..<valueStart + record.valueCount]))
    }

    /// Keeps only the records numbered in `kept` (numbers change).
    mutating func keep(_ kept: [Int]) {
        let records = kept.map { self.records[$0] }
        self.records = []
        first = [:]
        next = []
        for record in records {
            let hash = Self.hash(UnsafeBufferPointer(rebasing: segments[record.segment].bytes[record.keyStart..<record.keyStart + record.keyCount]))
            next.append(first[hash] ?? -1)
            first[hash] = self.records.count
            self.records.append(record)
        }
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: Int) -> Int? {
        var candidate = first[hash] ?? -1
        while candidate >= 0 {
            let same = withBytes(of: candidate) { stored, _ in
                stored.count == key.count && (key.isEmpty || memcmp(stored.baseAddress!, key.baseAddress!, key.count) == 0)
            }
            if same { return candidate }
            candidate = next[candidate]
        }
        return nil
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return hasher.finalize()
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
