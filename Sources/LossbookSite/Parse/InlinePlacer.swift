/// Finds where each inline node of a paragraph, heading or table cell is in the protected source
/// (the note with formulas swapped for tokens, which cmark-gfm parses; `ProtectedSourceMap` takes
/// the result back to the note).
///
/// cmark-gfm's inline positions are right relative to each other within a line, but not across
/// lines: a node on a continuation line is off by what the container took (`> `, a list's indent,
/// nothing on a lazy line), a backslash line break does not advance cmark's line at all, a link's
/// start line is the line where it closes, a table cell's columns are counted with its `\|`
/// unescaped, an autolink found by the extension (`www.…`) has no start, `***x***` gives the
/// emphasis and the strong inside it the same range, and line breaks have no position. So the
/// placer keeps its own line (one per line break), learns one column shift per line from the
/// first node on it (which starts at the line's first byte after `>`, spaces and tabs), and
/// reads each text node against its spelling in the source (escapes, entities, smart
/// punctuation) to know where every byte of it is.
struct InlinePlacer {
    /// A node's place: 0-based body lines and 1-based byte columns of the protected source.
    struct Range {
        var line: Int
        var start: Int
        var endLine: Int
        var end: Int
    }

    /// A text node's place: the column of each of its bytes' spelling, then the column after its
    /// last; `columns` is empty when the text is spelled byte for byte from `start` (most text).
    struct PlacedText {
        var line: Int
        var start: Int
        var columns: [Int]
        /// The column of the spelling's last byte.
        var end: Int

        /// Where byte `offset` of the text is spelled (`offset` up to the text's length).
        func column(_ offset: Int) -> Int {
            columns.isEmpty ? start + offset : columns[offset]
        }
    }

    /// A node with children, opened and not yet closed.
    struct Opening {
        var line: Int
        var start: Int
        var cmarkStart: Int
        var cmarkEnd: Int
        var delimiter: Int
        /// Columns to take off cmark's range at each side (the emphasis inside `***x***`).
        var inset: Int
    }

    /// Decodes the entity at a byte offset (`&` there): bytes it takes and what it stands for.
    typealias EntityDecoder = (_ line: [UInt8], _ at: Int) -> (consumed: Int, decoded: [UInt8])?

    private let lines: [[UInt8]]
    private let smart: Bool
    private let decodeEntity: EntityDecoder
    private var line = 0
    /// What to add to cmark's column on the current line; nil until a node on it says.
    private var shift: Int? = 0
    /// The column of the last byte placed on the current line.
    private var lastEnd = 0
    /// The container's first column, less one (cmark's `block_offset`).
    private var blockOffset = 0
    /// In a table cell: the columns of the `\` of each `\|` (cmark counts the cell without them).
    private var pipes: [Int] = []
    private var openings: [Opening] = []
    /// The container's last line: no search for a closing backtick run goes past it.
    private var lastLine = 0

    init(protectedSource: String, smart: Bool, decodeEntity: @escaping EntityDecoder) {
        lines = ByteSearch.lines(of: protectedSource)
        self.smart = smart
        self.decodeEntity = decodeEntity
    }

    /// Starts a container whose first byte is at `column` of `line` (0-based); a table cell
    /// gives its last column, to find its escaped pipes.
    mutating func enter(line: Int, column: Int, lastLine: Int, cellEnd: Int?) {
        self.line = max(0, line)
        self.lastLine = max(self.line, lastLine)
        shift = 0
        lastEnd = column - 1
        blockOffset = column - 1
        openings = []
        pipes = []
        if let cellEnd, self.line < lines.count {
            let bytes = lines[self.line]
            var index = max(0, column - 1)
            // The cell's own columns are the note's (only the columns inside it are counted without `\`).
            while index + 1 < min(bytes.count, cellEnd) {
                if bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "|") {
                    pipes.append(index + 1)
                    index += 2
                } else {
                    index += 1
                }
            }
        }
    }

    // MARK: - Nodes

    /// A text node. cmark-gfm gives none to text the autolink extension split off (0), so such
    /// text starts where the last node ended.
    mutating func text(_ literal: String, cmarkStart: Int, cmarkEnd: Int) -> PlacedText {
        let bytes = Array(literal.utf8)
        // After a backslash line break the next line's spaces stay in the text.
        let spaces = bytes.prefix(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }).count
        let start = place(cmarkStart, leadingSpaces: spaces)
        return read(bytes, from: start)
    }

    /// An autolink: `<…>` (core) or a bare URL or address the extension found, whose text is
    /// `literal`. cmark-gfm places a core autolink without its container's indent, a `www.` one a
    /// byte early and an address not at all; its text is placed right when placed at all.
    mutating func autolink(_ literal: String, textStart cmarkStart: Int, textEnd cmarkEnd: Int) -> (Range, PlacedText) {
        let startLine = line
        let length = literal.utf8.count
        let source = line < lines.count ? lines[line] : []
        func opensWithBracket(_ column: Int) -> Bool { column >= 1 && column - 1 < source.count && source[column - 1] == UInt8(ascii: "<") }
        var start: Int
        let core: Bool
        if shift == nil {
            // First on its line: at the line's first content byte, after a `<` if there is one.
            let first = firstContentColumn(line)
            core = opensWithBracket(first)
            start = core ? first + 1 : first
            if core, cmarkStart >= 1 { shift = start - column(cmarkStart) }
            if !core, cmarkEnd >= 1 { shift = start + length - 1 - column(cmarkEnd) }
        } else {
            start = place(cmarkStart)
            core = cmarkStart >= 1 && opensWithBracket(start - 1)
            if !core {
                // The extension's: its end is right (a `www.` link), or it has none (an address).
                start = cmarkEnd >= 1 ? column(cmarkEnd) + (shift ?? 0) - length + 1 : lastEnd + 1
            }
        }
        let placed = read(Array(literal.utf8), from: start)
        if core { lastEnd = placed.end + 1 }
        return (Range(line: startLine, start: core ? start - 1 : start, endLine: line, end: lastEnd), placed)
    }

    private mutating func read(_ bytes: [UInt8], from start: Int) -> PlacedText {
        let source = line < lines.count ? lines[line] : []
        let end = start + bytes.count - 1
        // Byte for byte, unless an `&` ends early what `&amp;` spells on.
        if start >= 1, end <= source.count, !bytes.contains(UInt8(ascii: "&")),
           source.withUnsafeBufferPointer({ ByteSearch.matches(bytes, in: $0, at: start - 1) }) {
            lastEnd = end
            return PlacedText(line: line, start: start, columns: [], end: end)
        }
        if let (columns, alignedEnd) = align(bytes, on: source, from: start) {
            lastEnd = alignedEnd
            return PlacedText(line: line, start: start, columns: columns, end: alignedEnd)
        }
        // Not read as cmark read it (should not happen): byte for byte from the start.
        lastEnd = end
        return PlacedText(line: line, start: start, columns: [], end: end)
    }

    /// A soft or hard line break: from after the last node to the line's `\n`; the next node is
    /// on the next line.
    mutating func lineBreak() -> Range {
        let length = line < lines.count ? lines[line].count : lastEnd
        let range = Range(line: line, start: lastEnd + 1, endLine: line, end: max(lastEnd + 1, length + 1))
        line += 1
        shift = nil
        lastEnd = 0
        return range
    }

    /// A code span: its text between the backtick runs, found by its closing run.
    mutating func code(cmarkStart: Int, cmarkEnd: Int) -> Range {
        let source = line < lines.count ? lines[line] : []
        let start: Int
        if shift == nil {
            let first = firstContentColumn(line)
            start = first + run(of: UInt8(ascii: "`"), in: source, at: first - 1)
            shift = start - column(cmarkStart)
        } else {
            start = place(cmarkStart)
        }
        var ticks = 0
        while start - 2 - ticks >= 0, start - 2 - ticks < source.count, source[start - 2 - ticks] == UInt8(ascii: "`") { ticks += 1 }
        let startLine = line
        if ticks > 0, let (closeLine, closeColumn) = closingRun(of: ticks, from: line, column: start) {
            if closeLine != line {
                shift = closeColumn - column(cmarkEnd + 1)
                line = closeLine
            }
            lastEnd = closeColumn + ticks - 1
            if closeColumn - 1 >= 1 || closeLine == startLine {
                return Range(line: startLine, start: start, endLine: closeLine, end: max(1, closeColumn - 1))
            }
            return Range(line: startLine, start: start, endLine: closeLine - 1, end: lines[closeLine - 1].count + 1)
        }
        let end = place(cmarkEnd)
        lastEnd = end + ticks
        return Range(line: startLine, start: start, endLine: startLine, end: end)
    }

    /// Inline HTML: its literal is its source, line breaks included.
    mutating func html(_ literal: String, cmarkStart: Int, cmarkEnd: Int) -> Range {
        let start = place(cmarkStart)
        let startLine = line
        let bytes = Array(literal.utf8)
        guard let lastBreak = bytes.lastIndex(of: UInt8(ascii: "\n")) else {
            lastEnd = start + bytes.count - 1
            return Range(line: line, start: start, endLine: line, end: lastEnd)
        }
        line += bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        let segment = Array(bytes[(lastBreak + 1)...])
        let source = line < lines.count ? lines[line] : []
        var end = column(cmarkEnd) + (shift ?? 0)
        if let found = firstIndex(of: segment, in: source) {
            end = found + segment.count
            shift = end - column(cmarkEnd)
        }
        lastEnd = end
        return Range(line: startLine, start: start, endLine: line, end: end)
    }

    /// A node without children that cmark places whole (a footnote reference).
    mutating func leaf(cmarkStart: Int, cmarkEnd: Int) -> Range {
        let start = place(cmarkStart)
        let end = max(start, column(cmarkEnd) + (shift ?? 0))
        lastEnd = end
        return Range(line: line, start: start, endLine: line, end: end)
    }

    /// Opens emphasis, strong, strikethrough, a link or an image; `delimiter` is the emphasis's
    /// run length (0 for the others).
    mutating func open(cmarkStart: Int, cmarkEnd: Int, delimiter: Int) -> Opening {
        var inset = 0
        if delimiter > 0, let parent = openings.last, parent.delimiter > 0,
           parent.cmarkStart == cmarkStart, parent.cmarkEnd == cmarkEnd {
            inset = parent.inset + parent.delimiter
        }
        let start = place(cmarkStart) + inset
        lastEnd = start
        let opening = Opening(line: line, start: start, cmarkStart: cmarkStart, cmarkEnd: cmarkEnd, delimiter: delimiter, inset: inset)
        openings.append(opening)
        return opening
    }

    mutating func close(_ opening: Opening) -> Range {
        if !openings.isEmpty { openings.removeLast() }
        if shift == nil {
            // Nothing started on this line but the closing part: assume cmark counted it from
            // the container's column.
            shift = firstContentColumn(line) - (blockOffset + 1)
        }
        let cmarkEnd = opening.cmarkEnd >= 1 ? column(opening.cmarkEnd) + (shift ?? 0) - opening.inset : lastEnd
        let end = max(cmarkEnd, opening.line == line ? opening.start : 1)
        lastEnd = end
        return Range(line: opening.line, start: opening.start, endLine: line, end: end)
    }

    // MARK: - Columns

    /// Where a node that cmark starts at `cmarkColumn` starts: the first node on a line starts at
    /// the line's first content byte, and says the line's shift.
    /// A node cmark gives no column (0) follows the last one placed.
    private mutating func place(_ cmarkColumn: Int, leadingSpaces: Int = 0) -> Int {
        if let shift { return cmarkColumn >= 1 ? column(cmarkColumn) + shift : lastEnd + 1 }
        let start = max(1, firstContentColumn(line) - leadingSpaces)
        if cmarkColumn >= 1 { shift = start - column(cmarkColumn) }
        return start
    }

    /// cmark's column in a table cell counted with the cell's `\|` back in.
    private func column(_ cmarkColumn: Int) -> Int {
        var column = cmarkColumn
        for pipe in pipes {
            guard pipe < column else { break }
            column += 1
        }
        return column
    }

    /// The column of a continuation line's first byte after the containers' `>`, spaces and tabs.
    private func firstContentColumn(_ line: Int) -> Int {
        guard line < lines.count else { return 1 }
        var index = 0
        for byte in lines[line] {
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ">") else { break }
            index += 1
        }
        return index + 1
    }

    private func run(of byte: UInt8, in bytes: [UInt8], at offset: Int) -> Int {
        var count = 0
        while offset + count < bytes.count, offset + count >= 0, bytes[offset + count] == byte { count += 1 }
        return count
    }

    /// The next run of exactly `ticks` backticks from `column` of `line` (0-based line, 1-based column).
    private func closingRun(of ticks: Int, from line: Int, column: Int) -> (Int, Int)? {
        var current = line
        var index = column - 1
        while current < min(lines.count, lastLine + 1) {
            let bytes = lines[current]
            while index < bytes.count {
                let length = run(of: UInt8(ascii: "`"), in: bytes, at: index)
                if length == ticks { return (current, index + 1) }
                index += max(1, length)
            }
            current += 1
            index = 0
        }
        return nil
    }

    private func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }

    // MARK: - Reading text against its spelling

    /// Reads `literal` (a text node as cmark gives it) in `source` from `start`, as cmark reads
    /// text: a backslash escape, an entity, `--`/`---`, `...` and straight quotes (with smart
    /// punctuation) are spelled otherwise. Returns each literal byte's column, then the column
    /// after the last, and the column of the spelling's last byte; nil if the text is not there.
    func align(_ literal: [UInt8], on source: [UInt8], from start: Int) -> (columns: [Int], end: Int)? {
        var columns: [Int] = []
        columns.reserveCapacity(literal.count + 1)
        var i = 0
        var j = start - 1
        guard j >= 0 else { return nil }
        func literalHas(_ prefix: [UInt8]) -> Bool {
            i + prefix.count <= literal.count && literal[i..<(i + prefix.count)].elementsEqual(prefix)
        }
        while i < literal.count {
            guard j < source.count else { return nil }
            let byte = source[j]
            if byte == UInt8(ascii: "\\"), j + 1 < source.count, Self.isASCIIPunctuation(source[j + 1]), literal[i] == source[j + 1] {
                columns.append(j + 1)
                i += 1
                j += 2
                continue
            }
            if byte == UInt8(ascii: "&"), let (consumed, decoded) = decodeEntity(source, j), !decoded.isEmpty, literalHas(decoded) {
                for k in 0..<decoded.count { columns.append(j + 1 + min(k, consumed - 1)) }
                i += decoded.count
                j += consumed
                continue
            }
            if byte == literal[i] {
                columns.append(j + 1)
                i += 1
                j += 1
                continue
            }
            guard smart else { return nil }
            if byte == UInt8(ascii: "-") {
                // A run of two or more hyphens is all en (2) and em (3) dashes.
                let hyphens = run(of: byte, in: source, at: j)
                var used = 0
                while used < hyphens, literalHas([0xE2, 0x80, 0x93]) || literalHas([0xE2, 0x80, 0x94]) {
                    let width = literal[i + 2] == 0x94 ? 3 : 2
                    for k in 0..<3 { columns.append(j + 1 + used + min(k, width - 1)) }
                    used += width
                    i += 3
                }
                guard used > 0 else { return nil }
                j += used
                continue
            }
            if byte == UInt8(ascii: "."), j + 2 < source.count, source[j + 1] == byte, source[j + 2] == byte, literalHas([0xE2, 0x80, 0xA6]) {
                columns += [j + 1, j + 2, j + 3]
                i += 3
                j += 3
                continue
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"),
               [0x98, 0x99, 0x9C, 0x9D].contains(where: { literalHas([0xE2, 0x80, $0]) }) {
                columns += [j + 1, j + 1, j + 1]
                i += 3
                j += 1
                continue
            }
            return nil
        }
        columns.append(j + 1)
        return (columns, j)
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }
}
