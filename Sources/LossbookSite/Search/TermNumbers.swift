#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The search index's term numbers, looked up by a term's UTF-8 bytes: every word of a course's
/// text is looked up once, and making a String of it and hashing that with the standard
/// library's SipHash cost more than the rest of counting it (0.17 × 10⁹ instructions for a
/// thousand pages). Open addressing over a table of powers of two, the keys' bytes in one array.
struct TermNumbers {
    private struct Entry {
        var start: Int
        var count: Int
        var hash: UInt64
        var number: Int
    }

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    /// Indexes into `entries`; -1 is empty. Never more than half full.
    private var slots = [Int](repeating: -1, count: 1024)

    var count: Int { entries.count }

    /// The number of `term`; if it has none yet, `make()` gives it one.
    mutating func number(of term: UnsafeBufferPointer<UInt8>, orMake make: () -> Int) -> Int {
        let hash = FNV1a64.hash(buffer: term)
        var slot = Self.slot(hash, in: slots.count)
        while slots[slot] >= 0 {
            let entry = entries[slots[slot]]
            if entry.hash == hash, entry.count == term.count, matches(entry, term) { return entry.number }
            slot = (slot + 1) & (slots.count - 1)
        }
        let number = make()
        slots[slot] = entries.count
        entries.append(Entry(start: bytes.count, count: term.count, hash: hash, number: number))
        bytes.append(contentsOf: term)
        if entries.count * 2 > slots.count { grow() }
        return number
    }

    private func matches(_ entry: Entry, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        guard entry.count > 0, let base = term.baseAddress else { return true }
        return bytes.withUnsafeBufferPointer { stored in memcmp(stored.baseAddress! + entry.start, base, entry.count) == 0 }
    }

    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        for (index, entry) in entries.enumerated() {
            var slot = Self.slot(entry.hash, in: slots.count)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = index
        }
    }

    /// FNV-1a's low bits vary least with a word's last bytes: the high half is folded in.
    private static func slot(_ hash: UInt64, in count: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29)) & (count - 1)
    }
}

/// What takes a text's terms, one at a time, as UTF-8 (`SearchIndex.forEachTerm`).
protocol TermSink {
    mutating func take(_ term: UnsafeBufferPointer<UInt8>)
}
