import CMarkGFM
import Foundation

/// The only door to cmark-gfm: Markdown text in, lossbook's own `MarkdownDocument` out, with
/// source positions in file lines. No C type leaves this file.
///
/// cmark-gfm edits a global table while parsing, so parses are serialised behind one lock; they
/// are cheap (tens of microseconds a page).
public struct MarkdownParser: Sendable {
    /// Which delimiters mark math besides CommonMark's own syntax.
    public var mathDelimiters: MathDelimiters
    /// Curly quotes and dashes in prose (cmark-gfm's smart punctuation). The course always has
    /// them; the CommonMark spec's examples are defined without them.
    public var smartPunctuation: Bool

    public init(mathDelimiters: MathDelimiters = .dollars, smartPunctuation: Bool = true) {
        self.mathDelimiters = mathDelimiters
        self.smartPunctuation = smartPunctuation
    }

    /// Parses the body of a note. `firstLine` is the file line of the body's first line.
    public func parse(_ body: String, path: String, firstLine: Int) -> (MarkdownDocument, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        if Self.holdsReservedCharacter(body) {
            diagnostics.append(.error(.parseReservedCharacter,
                                      at: SourceLocation(path: path, line: firstLine, column: 1),
                                      "the note contains characters U+E000–U+E002, which lossbook reserves for math placeholders; remove them"))
            return (MarkdownDocument(blocks: []), diagnostics)
        }
        let extraction = MathExtractor(path: path, firstLine: firstLine, brackets: mathDelimiters == .dollarsAndBrackets).extract(body)
        diagnostics += extraction.diagnostics
        for formula in extraction.formulas where formula.tex.utf8.count > Limits.formulaBytes {
            diagnostics.append(.error(.limitFormula, at: SourceLocation(path: path, range: formula.range),
                                      "this formula is \(formula.tex.utf8.count) bytes long; the limit is \(Limits.formulaBytes) (a missing closing '$' can make one formula swallow a page)"))
        }
        for formula in extraction.formulas where formula.tex.utf8.count <= Limits.formulaBytes {
            let depth = Self.braceDepth(of: formula.tex)
            guard depth > Limits.formulaBraceDepth else { continue }
            diagnostics.append(.error(.limitFormulaBraces, at: SourceLocation(path: path, range: formula.range),
                                      "this formula nests braces \(depth) deep; the limit is \(Limits.formulaBraceDepth)"))
        }
        let (blocks, tooDeep): ([Block], SourcePosition?) = CMarkSession.withParsedDocument(extraction.protectedSource, smart: smartPunctuation) { root in
            var converter = Converter(lineOffset: firstLine - 1, formulas: extraction.formulas,
                                      originals: extraction.originals,
                                      map: ProtectedSourceMap(original: body, protected: extraction.protectedSource,
                                                              originals: extraction.originals),
                                      placer: InlinePlacer(protectedSource: extraction.protectedSource, smart: smartPunctuation,
                                                           decodeEntity: CMarkSession.decodeEntity))
            return (converter.blocks(childrenOf: root), converter.tooDeep)
        }
        if let tooDeep {
            diagnostics.append(.error(.parseTooDeep, at: SourceLocation(path: path, tooDeep),
                                      "block quotes and lists are nested more than \(Converter.maximumDepth) levels deep here; the deeper levels were dropped"))
        }
        return (MarkdownDocument(blocks: blocks), diagnostics)
    }
}

extension MarkdownParser {
    /// Whether `text` holds U+E000–U+E002, the placeholders' characters (UTF-8 EE 80 80–82):
    /// found by `memchr` for their first byte, where walking the scalars cost a twentieth of parsing a note.
    static func holdsReservedCharacter(_ text: String) -> Bool {
        ByteSearch.withUTF8(text) { bytes in
            var start = 0
            while let lead = ByteSearch.firstIndex(of: 0xEE, in: bytes, from: start) {
                if lead + 2 < bytes.count, bytes[lead + 1] == 0x80, (0x80...0x82).contains(bytes[lead + 2]) { return true }
                start = lead + 1
            }
            return false
        }
    }

    /// The deepest nesting of TeX groups in `tex` (`\{` and `\}` are characters, not groups).
    static func braceDepth(of tex: String) -> Int {
        var depth = 0
        var deepest = 0
        var escaped = false
        for byte in tex.utf8 {
            if escaped { escaped = false; continue }
            switch byte {
            case UInt8(ascii: "\\"): escaped = true
            case UInt8(ascii: "{"): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return deepest
    }
}

/// Owns cmark-gfm's global state: extension registration and the lock around parsing.
private enum CMarkSession {
    /// The entity at `offset` of `line` (an `&` there) as cmark-gfm decodes it in text: the bytes
    /// it takes and the UTF-8 it stands for; nil when it is not one.
    static func decodeEntity(_ line: [UInt8], _ offset: Int) -> (consumed: Int, decoded: [UInt8])? {
        guard offset + 1 < line.count else { return nil }
        var buffer = cmark_strbuf()
        cmark_strbuf_init(cmark_get_default_mem_allocator(), &buffer, 0)
        defer { cmark_strbuf_free(&buffer) }
        let consumed = line.withUnsafeBufferPointer { bytes in
            houdini_unescape_ent(&buffer, bytes.baseAddress! + offset + 1, bufsize_t(bytes.count - offset - 1))
        }
        guard consumed > 0, let pointer = buffer.ptr else { return nil }
        return (Int(consumed) + 1, Array(UnsafeBufferPointer(start: pointer, count: Int(buffer.size))))
    }

    private static let lock = NSLock()
    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    static func withParsedDocument<T>(_ text: String, smart: Bool, _ body: (OpaquePointer) -> T) -> T {
        lock.withLock {
            cmark_gfm_core_extensions_ensure_registered()
            // SMART: curly quotes and dashes in prose. Math is already swapped for placeholder tokens
            // (private-use characters) by MathExtractor, and cmark leaves code and HTML alone.
            let options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8 | (smart ? CMARK_OPT_SMART : 0)
            guard let parser = cmark_parser_new(options) else { fatalError("cmark_parser_new failed: out of memory") }
            defer { cmark_parser_free(parser) }
            for name in extensionNames {
                if let syntax = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, syntax)
                }
            }
            var bytes = Array(text.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
            guard let root = cmark_parser_finish(parser) else { fatalError("cmark_parser_finish failed: out of memory") }
            defer { cmark_node_free(root) }
            return body(root)
        }
    }
}

/// Turns cmark's nodes into ours, splitting math tokens back out of the text.
private struct Converter {
    let lineOffset: Int
    let formulas: [Math]
    let originals: [String]
    /// From cmark's columns (in the text with formulas swapped for tokens) back to the note's.
    let map: ProtectedSourceMap
    var usedSlugs: Set<String> = []
    /// Containers nest at most this deep: every later pass recurses, and hostile input (10,000
    /// nested quotes) must not exhaust the stack.
    static let maximumDepth = Limits.nestingDepth
    private var depth = 0
    /// Where nesting first went past the limit.
    private(set) var tooDeep: SourcePosition?

    /// Places inline nodes in the protected source (cmark's own columns are not enough).
    var placer: InlinePlacer

    init(lineOffset: Int, formulas: [Math], originals: [String], map: ProtectedSourceMap, placer: InlinePlacer) {
        self.lineOffset = lineOffset
        self.formulas = formulas
        self.originals = originals
        self.map = map
        self.placer = placer
    }

    mutating func blocks(childrenOf node: OpaquePointer) -> [Block] {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            if tooDeep == nil { tooDeep = position(node) }
            return []
        }
        var result: [Block] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result += block(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private func position(_ node: OpaquePointer) -> SourcePosition {
        SourcePosition(line: Int(cmark_node_get_start_line(node)) + lineOffset,
                       column: max(1, Int(cmark_node_get_start_column(node))))
    }

    /// The node's start (as `position`) and its last byte, mapped back through the formula tokens.
    private func range(_ node: OpaquePointer) -> SourceRange {
        let start = position(node)
        let endLine = Int(cmark_node_get_end_line(node))
        guard endLine >= 1 else { return SourceRange(at: start) }
        let end = map.original(line: endLine - 1, column: max(1, Int(cmark_node_get_end_column(node))))
        return SourceRange(start: start, end: SourcePosition(line: end.line + 1 + lineOffset, column: end.column))
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private func typeName(_ node: OpaquePointer) -> String {
        string(cmark_node_get_type_string(node))
    }

    mutating func block(_ node: OpaquePointer) -> [Block] {
        let range = self.range(node)
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            return splitDisplayMath(inlines(ofContainer: node), range: range)
        case CMARK_NODE_HEADING:
            let content = inlines(ofContainer: node)
            return [Block(.heading(level: Int(cmark_node_get_heading_level(node)), content: content,
                                   anchor: uniqueSlug(for: content.plainText)), range: range)]
        case CMARK_NODE_BLOCK_QUOTE:
            return [Block(.blockQuote(blocks(childrenOf: node)), range: range)]
        case CMARK_NODE_LIST:
            var items: [ListItem] = []
            var child = cmark_node_first_child(node)
            while let item = child {
                let task: Bool? = typeName(item) == "tasklist"
                    ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
                items.append(ListItem(task: task, content: blocks(childrenOf: item)))
                child = cmark_node_next(item)
            }
            let style = ListStyle(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                                  start: Int(cmark_node_get_list_start(node)),
                                  tight: cmark_node_get_list_tight(node) != 0)
            return [Block(.list(style, items: items), range: range)]
        case CMARK_NODE_CODE_BLOCK:
            let info = string(cmark_node_get_fence_info(node)).trimmingWhitespaces
            return [Block(.codeBlock(info: info, code: restoringMath(string(cmark_node_get_literal(node)))), range: range)]
        case CMARK_NODE_HTML_BLOCK:
            return [Block(.html(restoringMath(string(cmark_node_get_literal(node)))), range: range)]
        case CMARK_NODE_THEMATIC_BREAK:
            return [Block(.thematicBreak, range: range)]
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            return [Block(.footnoteDefinition(name: string(cmark_node_get_literal(node)),
                                              content: blocks(childrenOf: node)), range: range)]
        default:
            if typeName(node) == "table" { return [Block(.table(table(node)), range: range)] }
            return []
        }
    }

    private mutating func table(_ node: OpaquePointer) -> Table {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [Table.Alignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for index in 0..<columns {
                switch raw[index] {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        }
        var header: [[Inline]] = []
        var rows: [[[Inline]]] = []
        var row = cmark_node_first_child(node)
        while let current = row {
            var cells: [[Inline]] = []
            var cell = cmark_node_first_child(current)
            while let currentCell = cell {
                cells.append(inlines(ofContainer: currentCell, tableCell: true))
                cell = cmark_node_next(currentCell)
            }
            if cmark_gfm_extensions_get_table_row_is_header(current) != 0 { header = cells } else { rows.append(cells) }
            row = cmark_node_next(current)
        }
        return Table(alignments: alignments, header: header, rows: rows)
    }

    /// The inlines of a paragraph, heading or table cell, each placed in the note.
    mutating func inlines(ofContainer node: OpaquePointer, tableCell: Bool = false) -> [Inline] {
        placer.enter(line: Int(cmark_node_get_start_line(node)) - 1, column: Int(cmark_node_get_start_column(node)),
                     lastLine: Int(cmark_node_get_end_line(node)) - 1, cellEnd: tableCell ? Int(cmark_node_get_end_column(node)) : nil)
        return inlines(childrenOf: node)
    }

    mutating func inlines(childrenOf node: OpaquePointer) -> [Inline] {
        var result: [Inline] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            for piece in inline(current) {
                // Passes want whole runs of text; cmark-gfm already joins most.
                if case .text(let next, let nextSource) = piece, case .text(let previous, let source)? = result.last {
                    result[result.count - 1] = .text(previous + next, at: source.appending(nextSource, after: previous.utf8.count))
                } else {
                    result.append(piece)
                }
            }
            child = cmark_node_next(current)
        }
        return result
    }

    /// cmark's columns of a node, 0 when it gives none.
    private func columns(_ node: OpaquePointer) -> (start: Int, end: Int, lines: Int) {
        (Int(cmark_node_get_start_column(node)), Int(cmark_node_get_end_column(node)),
         max(0, Int(cmark_node_get_end_line(node)) - Int(cmark_node_get_start_line(node))))
    }

    /// A protected-source range (0-based body line, columns) as the note's.
    private func noteRange(_ range: InlinePlacer.Range) -> SourceRange {
        let start = map.original(line: range.line, column: range.start, first: true)
        let end = map.original(line: range.endLine, column: range.end)
        return SourceRange(start: SourcePosition(line: start.line + 1 + lineOffset, column: start.column),
                           end: SourcePosition(line: end.line + 1 + lineOffset, column: end.column))
    }

    private mutating func inline(_ node: OpaquePointer) -> [Inline] {
        let cmark = columns(node)
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT:
            let literal = string(cmark_node_get_literal(node))
            return splitMath(literal, placed: placer.text(literal, cmarkStart: cmark.start, cmarkEnd: cmark.end))
        case CMARK_NODE_SOFTBREAK: return [.softBreak(at: noteRange(placer.lineBreak()))]
        case CMARK_NODE_LINEBREAK: return [.lineBreak(at: noteRange(placer.lineBreak()))]
        case CMARK_NODE_CODE:
            let range = noteRange(placer.code(cmarkStart: cmark.start, cmarkEnd: cmark.end))
            return [.code(restoringMath(string(cmark_node_get_literal(node))), at: range)]
        case CMARK_NODE_HTML_INLINE:
            let literal = string(cmark_node_get_literal(node))
            return [.html(restoringMath(literal), at: noteRange(placer.html(literal, cmarkStart: cmark.start, cmarkEnd: cmark.end)))]
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
            let strong = cmark_node_get_type(node) == CMARK_NODE_STRONG
            let (content, range) = container(node, cmark, delimiter: strong ? 2 : 1)
            return [strong ? .strong(content, at: range) : .emphasis(content, at: range)]
        case CMARK_NODE_LINK:
            let (content, range) = container(node, cmark, delimiter: 0)
            return [.link(destination: restoringMath(string(cmark_node_get_url(node))),
                          title: restoringMath(string(cmark_node_get_title(node))),
                          content: content, at: range)]
        case CMARK_NODE_IMAGE:
            let (content, range) = container(node, cmark, delimiter: 0)
            return [.image(source: restoringMath(string(cmark_node_get_url(node))),
                           title: restoringMath(string(cmark_node_get_title(node))),
                           alt: content, at: range)]
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            let range = noteRange(placer.leaf(cmarkStart: cmark.start, cmarkEnd: cmark.end))
            return [.footnoteReference(string(cmark_node_get_literal(node)), at: range)]
        default:
            if typeName(node) == "strikethrough" {
                let (content, range) = container(node, cmark, delimiter: 0)
                return [.strikethrough(content, at: range)]
            }
            return inlines(childrenOf: node)
        }
    }

    /// A node with children (emphasis, a link): placed from its start, then its children, then its end.
    private mutating func container(_ node: OpaquePointer, _ cmark: (start: Int, end: Int, lines: Int), delimiter: Int) -> ([Inline], SourceRange) {
        // An autolink (`<https://…>`, `www.…`, an address) is its text: placed by the placer.
        if cmark_node_get_type(node) == CMARK_NODE_LINK, let child = cmark_node_first_child(node),
           cmark_node_next(child) == nil, cmark_node_get_type(child) == CMARK_NODE_TEXT {
            let literal = string(cmark_node_get_literal(child))
            let url = string(cmark_node_get_url(node))
            if url == literal || url == "mailto:" + literal || url == "http://" + literal {
                let (range, placed) = placer.autolink(literal, textStart: columns(child).start, textEnd: columns(child).end)
                return (splitMath(literal, placed: placed), noteRange(range))
            }
        }
        let opening = placer.open(cmarkStart: cmark.start, cmarkEnd: cmark.end, delimiter: delimiter)
        let content = inlines(childrenOf: node)
        return (content, noteRange(placer.close(opening)))
    }

    // MARK: - Math tokens

    /// Splits a text node at math tokens, giving each piece of text its place. A display token
    /// here (a `$$…$$` inside a paragraph) becomes an inline `.math` with `display == true`, which
    /// `splitDisplayMath` lifts out.
    private func splitMath(_ text: String, placed: InlinePlacer.PlacedText) -> [Inline] {
        // A token is an opening scalar (U+E000 inline, U+E002 display), the formula's index in
        // digits, and U+E001; in UTF-8, EE 80 80 / EE 80 82 … EE 80 81. Found by bytes: the scan
        // runs over every text node of every page. Notes cannot contain these scalars (the loader
        // rejects them), so anything that is not a whole token is left as text.
        var text = text
        return text.withUTF8 { bytes -> [Inline] in
            func piece(_ lower: Int, _ upper: Int) -> Inline {
                .text(String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self), at: source(placed, lower..<upper))
            }
            guard bytes.contains(0xEE) else { return [piece(0, bytes.count)] }
            func scalar(at offset: Int, endingIn last: UInt8) -> Bool {
                offset + 2 < bytes.count && bytes[offset] == 0xEE && bytes[offset + 1] == 0x80 && bytes[offset + 2] == last
            }
            var result: [Inline] = []
            var textStart = 0
            var offset = 0
            while offset < bytes.count {
                guard scalar(at: offset, endingIn: 0x80) || scalar(at: offset, endingIn: 0x82) else {
                    offset += 1
                    continue
                }
                var end = offset + 3
                var index = 0
                while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9"), index < formulas.count {
                    index = index * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                    end += 1
                }
                guard end > offset + 3, scalar(at: end, endingIn: 0x81), formulas.indices.contains(index) else {
                    offset += 3
                    continue
                }
                if textStart < offset { result.append(piece(textStart, offset)) }
                result.append(.math(formulas[index]))
                offset = end + 3
                textStart = offset
            }
            if textStart < bytes.count { result.append(piece(textStart, bytes.count)) }
            return result
        }
    }

    /// Where bytes `offsets` of a placed text node are in the note: a piece between math tokens,
    /// so protected columns map to the note's by one shift each.
    private func source(_ placed: InlinePlacer.PlacedText, _ offsets: Range<Int>) -> TextSource {
        let line = placed.line
        func column(_ protected: Int) -> (line: Int, column: Int) { map.original(line: line, column: protected, first: true) }
        let first = placed.column(offsets.lowerBound)
        let start = column(first)
        let lastProtected = placed.column(offsets.upperBound) - 1
        let end = map.original(line: line, column: max(first, lastProtected))
        var shifts: [TextSource.Shift] = []
        var expected = first
        // Text spelled byte for byte has no shifts (and a piece between tokens no tokens inside).
        for offset in offsets where offset > offsets.lowerBound && !placed.columns.isEmpty {
            expected += 1
            if placed.columns[offset] != expected {
                expected = placed.columns[offset]
                shifts.append(TextSource.Shift(offset: offset - offsets.lowerBound, column: column(expected).column))
            }
        }
        return TextSource(SourceRange(start: SourcePosition(line: start.line + 1 + lineOffset, column: start.column),
                                      end: SourcePosition(line: end.line + 1 + lineOffset, column: end.column)), shifts: shifts)
    }

    /// Lifts display formulas out of a paragraph, splitting it around them.
    /// A paragraph with display formulas becomes paragraphs and formula blocks. Each piece starts
    /// where it starts; the last ends where the paragraph ends; the ends of the others are not known.
    private func splitDisplayMath(_ content: [Inline], range: SourceRange) -> [Block] {
        guard content.contains(where: { if case .math(let math) = $0 { math.display } else { false } }) else {
            return [Block(.paragraph(content), range: range)]
        }
        var blocks: [Block] = []
        var current: [Inline] = []
        func flush() {
            while let last = current.last, last.isLineBreak { current.removeLast() }
            while let first = current.first, first.isLineBreak { current.removeFirst() }
            if !current.isEmpty { blocks.append(Block(.paragraph(current), at: range.start)) }
            current = []
        }
        for inline in content {
            if case .math(let math) = inline, math.display {
                flush()
                blocks.append(Block(.displayMath(math), at: math.position))
            } else {
                current.append(inline)
            }
        }
        flush()
        if let last = blocks.indices.last {
            blocks[last].range = SourceRange(start: blocks[last].range.start, end: range.end)
        }
        return blocks
    }

    /// Puts the author's original text back where a token landed in code or raw HTML.
    private func restoringMath(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == MathExtractor.inlineOpen || $0 == MathExtractor.displayOpen }) else {
            return text
        }
        var result = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == MathExtractor.inlineOpen || scalar == MathExtractor.displayOpen else {
                result.unicodeScalars.append(scalar)
                continue
            }
            var digits = ""
            while let next = scalars.next(), next != MathExtractor.close { digits.unicodeScalars.append(next) }
            if let index = Int(digits), originals.indices.contains(index) { result += originals[index] }
        }
        return result
    }

    private mutating func uniqueSlug(for text: String) -> String {
        let base = Slug.make(text)
        var slug = base
        var counter = 1
        while usedSlugs.contains(slug) {
            slug = "\(base)-\(counter)"
            counter += 1
        }
        usedSlugs.insert(slug)
        return slug
    }
}
