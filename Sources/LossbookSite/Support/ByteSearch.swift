#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding markup in a string's UTF-8 bytes. The scanners over lossbook's own output (MathML
/// repair, math markers, the print page) look for ASCII tags and private-use characters, whose
/// every match is at a character boundary: comparing bytes finds what comparing characters would,
/// without grapheme breaking or Foundation's Unicode-aware search (which was two fifths of a cold
/// build's CPU when it scanned every formula for operator names).
enum ByteSearch {
    /// The offset of the first `needle` in `bytes[start..<end]` (the whole match inside), or nil.
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, to end: Int? = nil) -> Int? {
        let end = end ?? bytes.count
        guard let first = needle.first, start >= 0, end <= bytes.count, end - start >= needle.count else { return nil }
        // memchr finds candidates for the first byte (glibc's memmem needs _GNU_SOURCE).
        let last = end - needle.count
        var index = start
        while index <= last, let at = firstIndex(of: first, in: bytes, from: index, to: last + 1) {
            if matches(needle, in: bytes, at: at) { return at }
            index = at + 1
        }
        return nil
    }

    /// The offset of the first `byte` in `bytes[start..<end]`, or nil.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int? = nil) -> Int? {
        let end = min(end ?? bytes.count, bytes.count)
        guard start >= 0, start < end, let base = bytes.baseAddress else { return nil }
        return memchr(base + start, Int32(byte), end - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
    }

    /// The ranges of the lines of `bytes`, split at each `\n` (not included), empty lines kept:
    /// what `split(separator: 10, omittingEmptySubsequences: false)` gives, found with `memchr`
    /// (the generic `split` over a string's UTF-8 view was a tenth of parsing a note).
    static func lineRanges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while let newline = firstIndex(of: 0x0A, in: bytes, from: start) {
            ranges.append(start..<newline)
            start = newline + 1
        }
        ranges.append(start..<bytes.count)
        return ranges
    }

    /// The lines of `text` as bytes (see `lineRanges`).
    static func lines(of text: String) -> [[UInt8]] {
        withUTF8(text) { bytes in lineRanges(in: bytes).map { Array(bytes[$0]) } }
    }

    /// The offset of the last `needle` lying wholly in `bytes[start..<end]`, or nil.
    static func findLast(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, to end: Int) -> Int? {
        guard let first = needle.first, start >= 0, end <= bytes.count else { return nil }
        var index = end - needle.count
        while index >= start {
            if bytes[index] == first, matches(needle, in: bytes, at: index) { return index }
            index -= 1
        }
        return nil
    }

    /// Whether `bytes` holds `needle` at `index`.
    static func matches(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index >= 0, index <= bytes.count - needle.count else { return false }
        guard !needle.isEmpty else { return true }
        return needle.withUnsafeBufferPointer { memcmp(bytes.baseAddress! + index, $0.baseAddress!, needle.count) == 0 }
    }

    /// `text` with every `needle` replaced by `replacement`, comparing bytes: for markers of
    /// lossbook's own (a private-use character in a figure's SVG), where Foundation's
    /// `replacingOccurrences` spent a tenth of a cold course build walking graphemes.
    static func replacingAll(_ needle: String, with replacement: String, in text: String) -> String {
        let pattern = Array(needle.utf8)
        return withUTF8(text) { bytes in
            guard var match = find(pattern, in: bytes) else { return text }
            var result = [UInt8]()
            result.reserveCapacity(bytes.count + replacement.utf8.count - pattern.count)
            var start = 0
            while true {
                result.append(contentsOf: bytes[start..<match])
                result.append(contentsOf: replacement.utf8)
                start = match + pattern.count
                guard let next = find(pattern, in: bytes, from: start) else { break }
                match = next
            }
            result.append(contentsOf: bytes[start...])
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Whether `text` holds `byte`, by `memchr` over its UTF-8: `text.utf8.contains(byte)` walks
    /// the view index by index, about ten instructions a byte, and it was asked of every text
    /// node (is there an `@`?) and every note (a `\r`?).
    static func contains(_ byte: UInt8, in text: some StringProtocol) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ firstIndex(of: byte, in: $0, from: 0) != nil }) { return found }
        return text.utf8.contains(byte)
    }

    /// `body` over the string's UTF-8 without copying it when it is native (as built strings are).
    static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8(body)
    }
}
