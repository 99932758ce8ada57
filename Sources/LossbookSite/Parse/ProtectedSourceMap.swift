/// Maps a position in the protected source (the note with each formula swapped for a token, which
/// is what cmark-gfm parses) back to the note itself. Lines are the same in both; columns differ
/// after a token on its line, and a display formula's token stands for lines down to its closing
/// delimiter. Without this, a block's end on a line with math would point into the wrong text.
struct ProtectedSourceMap {
    /// A token on a protected line: its bytes, and where the text it replaced ends in the note.
    private struct Token {
        /// 0-based byte offsets in the protected line; `end` is exclusive.
        var start: Int
        var end: Int
        /// 0-based line of the note (relative to the body) and 1-based column of the replaced
        /// text's last byte.
        var originalLine: Int
        var originalLastColumn: Int
        /// Line (0-based) and column (1-based) of the replaced text's first byte.
        var firstLine: Int
        var firstColumn: Int
    }

    /// Tokens of each protected line that has any, in order (0-based body line → tokens).
    private var tokens: [Int: [Token]] = [:]

    init(original: String, protected: String, originals: [String]) {
        let originalLines = ByteSearch.withUTF8(original) { ByteSearch.lineRanges(in: $0) }
        ByteSearch.withUTF8(protected) { all in
            for (lineIndex, line) in ByteSearch.lineRanges(in: all).enumerated()
            where ByteSearch.firstIndex(of: 0xEE, in: all, from: line.lowerBound, to: line.upperBound) != nil {
                add(line: lineIndex, UnsafeBufferPointer(rebasing: all[line]), originalLines: originalLines, originals: originals)
            }
        }
    }

    /// The tokens of protected line `lineIndex`, whose bytes are `bytes`.
    private mutating func add(line lineIndex: Int, _ bytes: UnsafeBufferPointer<UInt8>, originalLines: [Range<Int>], originals: [String]) {
        var found: [(start: Int, end: Int, index: Int)] = []
        var offset = 0
        while offset + 2 < bytes.count {
            guard bytes[offset] == 0xEE, bytes[offset + 1] == 0x80, bytes[offset + 2] == 0x80 || bytes[offset + 2] == 0x82 else {
                offset += 1
                continue
            }
            var end = offset + 3
            var number = 0
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9"), number <= originals.count {
                number = number * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                end += 1
            }
            guard end > offset + 3, end + 2 < bytes.count, bytes[end] == 0xEE, bytes[end + 1] == 0x80, bytes[end + 2] == 0x81,
                  originals.indices.contains(number) else {
                offset += 3
                continue
            }
            found.append((offset, end + 3, number))
            offset = end + 3
        }
        var mapped: [Token] = []
        // Before the first token the line is the note's; between tokens, byte for byte too.
        var shift = 0  // original offset minus protected offset on the current original line
        var originalLine = lineIndex
        for (position, token) in found.enumerated() {
            let replaced = originals[token.index]
            let breaks = replaced.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            let last = position == found.count - 1
            let lineAfter = originalLine + breaks
            let lastColumn: Int
            if last, lineAfter < originalLines.count {
                // The rest of the protected line is the end of the note's line, copied as it is.
                lastColumn = originalLines[lineAfter].count - (bytes.count - token.end)
            } else {
                lastColumn = token.start + shift + replaced.utf8.count
            }
            mapped.append(Token(start: token.start, end: token.end, originalLine: lineAfter, originalLastColumn: lastColumn,
                                firstLine: originalLine, firstColumn: token.start + shift + 1))
            originalLine = lineAfter
            shift = lastColumn - token.end
        }
        tokens[lineIndex] = mapped
    }

    /// The note's position for `column` (1-based, bytes) of protected `line` (0-based body line).
    /// A column inside a token maps to the last byte of the formula it stands for, or with
    /// `first`, to its first byte (for where a node starts).
    func original(line: Int, column: Int, first: Bool = false) -> (line: Int, column: Int) {
        guard let onLine = tokens[line], let token = onLine.last(where: { $0.start <= column - 1 }) else {
            return (line, column)
        }
        if column - 1 < token.end {
            return first ? (token.firstLine, token.firstColumn) : (token.originalLine, token.originalLastColumn)
        }
        return (token.originalLine, token.originalLastColumn + (column - 1 - token.end) + 1)
    }
}
