/// lossbook's own Markdown tree. cmark-gfm's nodes never leave `MarkdownParser`; every later stage
/// (math, directives, callouts, references, links) is a pass that maps this tree to a new one.
public struct Block: Hashable, Sendable {
    public var kind: Kind
    /// Where the block is in its file, from its first byte to its last (cmark-gfm's start and
    /// end); a block made by a pass keeps the range of the block it replaces.
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// A block of which only the start is known.
    public init(_ kind: Kind, at position: SourcePosition) {
        self.init(kind, range: SourceRange(at: position))
    }

    /// Where the block starts: what diagnostics print.
    public var position: SourcePosition {
        get { range.start }
        set { range = SourceRange(start: newValue, end: range.end) }
    }

    public enum Kind: Hashable, Sendable {
        case paragraph([Inline])
        case heading(level: Int, content: [Inline], anchor: String)
        case blockQuote([Block])
        case list(ListStyle, items: [ListItem])
        case codeBlock(info: String, code: String)
        case html(String)
        case thematicBreak
        case table(Table)
        case footnoteDefinition(name: String, content: [Block])

        // Produced by the passes after parsing.
        case displayMath(Math)
        case callout(Callout)
        case exercise(Exercise)
        /// Output of a directive (a figure, a table of computed values): HTML from the escaping writer.
        case generated(GeneratedBlock)
        /// Highlighted code, ready to place inside `<pre><code>`.
        case highlightedCode(language: String?, html: String)
    }
}

public struct ListStyle: Hashable, Sendable {
    public var ordered: Bool
    public var start: Int
    public var tight: Bool
}

public struct ListItem: Hashable, Sendable {
    /// nil for an ordinary item, true/false for a task-list item.
    public var task: Bool?
    public var content: [Block]
}

public struct Table: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable { case none, left, center, right }
    public var alignments: [Alignment]
    public var header: [[Inline]]
    public var rows: [[[Inline]]]
}

/// A formula, inline or displayed. `range` is its TeX in the file, from the first byte after the
/// opening delimiter to the last before the closing one (as for a code span), so that KaTeX's
/// error offsets can be mapped back to a line and column and a diagnostic can cover the formula.
public struct Math: Hashable, Sendable {
    public var tex: String
    public var display: Bool
    /// Where the TeX is; a formula made by a pass (a preview, a formula inside generated HTML)
    /// takes the range of what it stands for, or only its start when that is all that is known.
    public var range: SourceRange
    /// The equation's label (`eq-nll`), when the author gave one.
    public var label: String?
    /// The equation's number once references are resolved, e.g. "2.3".
    public var number: String?
    /// KaTeX's HTML once math is rendered.
    public var html: String?

    public init(tex: String, display: Bool, range: SourceRange, label: String? = nil, number: String? = nil, html: String? = nil) {
        self.tex = tex
        self.display = display
        self.range = range
        self.label = label
        self.number = number
        self.html = html
    }

    /// A formula of which only the start is known.
    public init(tex: String, display: Bool, position: SourcePosition, label: String? = nil) {
        self.init(tex: tex, display: display, range: SourceRange(at: position), label: label)
    }

    /// Where the TeX starts: what diagnostics print, and where KaTeX's offsets count from.
    public var position: SourcePosition { range.start }
}

public struct Callout: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case note, tip, warning, key

        /// The heading shown when the author gives none.
        public var defaultTitle: String {
            switch self {
            case .note: "Note"
            case .tip: "Tip"
            case .warning: "Warning"
            case .key: "Key idea"
            }
        }
    }

    public var kind: Kind
    public var title: [Inline]
    public var content: [Block]
}

public struct Exercise: Hashable, Sendable {
    public var number: Int
    public var title: [Inline]
    public var content: [Block]
    /// Folded until the reader opens it.
    public var solution: [Block]?
}

public struct GeneratedBlock: Hashable, Sendable {
    /// A figure or table label (`fig-huber`) that references can point to.
    public var label: String?
    public var number: String?
    public var html: String
}

/// An inline node. Every case carries where it is in its file (`range`): read from the file by
/// `MarkdownParser`, or, for a node a pass makes, the range of what it stands for (a resolved
/// `@eq-nll` the range of `@eq-nll`; a heading a pass adds, the position of the block it follows).
///
/// Ranges take part in `==` and hashing, as `Block`'s and `Math`'s always have: two trees are
/// equal only if they are the same text at the same places. Nothing in the build keys a cache on
/// a tree (the caches key on the note's text, which changes when a paragraph moves), and what a
/// tree says about its places reaches the author in diagnostics, so a tree that moved is not the
/// tree that was there before. Tests that care only about the text compare `withoutRanges`.
public enum Inline: Hashable, Sendable {
    /// Text as a reader sees it; `TextSource` also says where each of its bytes is in the file,
    /// which may spell it with more (`a\*b`, `&amp;`, `--`).
    case text(String, at: TextSource)
    /// A line ending inside a paragraph; its range is the line's end: the spaces before the line
    /// break (none for a soft one, the spaces or the `\` for a hard one) and the line break itself.
    case softBreak(at: SourceRange)
    case lineBreak(at: SourceRange)
    /// A code span: its range is its text between the backticks.
    case code(String, at: SourceRange)
    case html(String, at: SourceRange)
    /// Emphasis, strong and strikethrough: from the opening delimiter to the closing one.
    case emphasis([Inline], at: SourceRange)
    case strong([Inline], at: SourceRange)
    case strikethrough([Inline], at: SourceRange)
    /// A link or image: from `[` or `!` to the closing parenthesis (or bracket).
    case link(destination: String, title: String, content: [Inline], at: SourceRange)
    case image(source: String, title: String, alt: [Inline], at: SourceRange)
    /// `[^name]`, brackets included.
    case footnoteReference(String, at: SourceRange)

    // Produced by the passes after parsing.
    case math(Math)
    /// `@eq-nll` whose label is unknown (a known one becomes a link with the number); its range
    /// is the `@` and the label.
    case reference(label: String, at: SourceRange)
    /// Already-escaped HTML made by a pass (a computed value, a resolved reference, a citation),
    /// with the plain text a reader sees, for slugs and search; its range is that of what it
    /// replaced.
    case generated(html: String, text: String, at: SourceRange)

    /// Where the node is in its file.
    public var range: SourceRange {
        switch self {
        case .text(_, let source): source.range
        case .softBreak(let range), .lineBreak(let range), .code(_, let range), .html(_, let range),
             .emphasis(_, let range), .strong(_, let range), .strikethrough(_, let range),
             .link(_, _, _, let range), .image(_, _, _, let range), .footnoteReference(_, let range),
             .reference(_, let range), .generated(_, _, let range):
            range
        case .math(let math): math.range
        }
    }
}

/// Where a run of text is in its file. The tree holds text as the reader sees it (`a*b`); the file
/// may spell it with more bytes (`a\*b`), or other ones (`&amp;` for `&`, `--` for `–`, `"` for
/// `“`). `range` covers the spelling; `shifts` say where the text's bytes lie in it, so that a
/// pass finding something inside the text (`@eq-nll` after an escape) can point at it exactly.
/// Text read from a file never spans lines (a line break is a node of its own).
public struct TextSource: Hashable, Sendable {
    public var range: SourceRange
    /// Where byte-for-byte correspondence breaks, in increasing order: from text byte `offset` on,
    /// byte `offset + k` is at column `column + k` of the range's line, up to the next shift.
    /// Empty when the text is spelled as it reads from `range.start` on.
    public var shifts: [Shift]

    public struct Shift: Hashable, Sendable {
        public var offset: Int
        public var column: Int

        public init(offset: Int, column: Int) {
            self.offset = offset
            self.column = column
        }
    }

    public init(_ range: SourceRange, shifts: [Shift] = []) {
        self.range = range
        self.shifts = shifts
    }

    /// Text a pass makes in place of something: it is at `position` (nothing more is known).
    public init(at position: SourcePosition) {
        self.init(SourceRange(at: position))
    }

    /// Where the text's byte `offset` is (its first byte at `range.start`); past the text, its end.
    public func position(ofByte offset: Int) -> SourcePosition {
        min(SourcePosition(line: range.start.line, column: column(ofByte: offset)), range.end)
    }

    /// The column of byte `offset` were the text to go on (not limited to the range).
    private func column(ofByte offset: Int) -> Int {
        guard let shift = shifts.last(where: { $0.offset <= offset }) else { return range.start.column + offset }
        return shift.column + (offset - shift.offset)
    }

    /// The range of the text's bytes `offsets` (which must be within the text of `length` bytes):
    /// from the first byte's spelling to the last one's.
    public func range(ofBytes offsets: Range<Int>, length: Int) -> SourceRange {
        let start = position(ofByte: offsets.lowerBound)
        guard offsets.upperBound < length else { return SourceRange(start: start, end: range.end) }
        let next = position(ofByte: offsets.upperBound)
        return SourceRange(start: start, end: SourcePosition(line: next.line, column: next.column - 1))
    }

    /// The source of the text's bytes `offsets`, as a text of its own (for a pass that splits text).
    public func slice(_ offsets: Range<Int>, length: Int) -> TextSource {
        let sliced = range(ofBytes: offsets, length: length)
        let inside = shifts.filter { $0.offset > offsets.lowerBound && $0.offset < offsets.upperBound }
        return TextSource(sliced, shifts: inside.map { Shift(offset: $0.offset - offsets.lowerBound, column: $0.column) })
    }
}

extension TextSource {
    /// The source of this text followed by `other` (adjacent text joined into one run), this
    /// text being `length` bytes long.
    public func appending(_ other: TextSource, after length: Int) -> TextSource {
        var joined = self
        joined.range = SourceRange(start: range.start, end: max(range.end, other.range.end))
        if other.range.start.column != column(ofByte: length) {
            joined.shifts.append(Shift(offset: length, column: other.range.start.column))
        }
        joined.shifts += other.shifts.map { Shift(offset: $0.offset + length, column: $0.column) }
        return joined
    }
}

extension Inline {
    /// Bytes `offsets` of `text` (which `source` locates), as text of its own with its place:
    /// how a pass that splits text keeps each piece's range.
    static func piece(of text: String, source: TextSource, bytes offsets: Range<Int>) -> Inline {
        let utf8 = text.utf8
        let piece = String(decoding: utf8[utf8.index(utf8.startIndex, offsetBy: offsets.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: offsets.upperBound)], as: UTF8.self)
        return .text(piece, at: source.slice(offsets, length: utf8.count))
    }

    /// A soft or hard line break.
    public var isLineBreak: Bool {
        switch self {
        case .softBreak, .lineBreak: true
        default: false
        }
    }
}

extension Array where Element == Inline {
    /// The same inlines with every range at line 1, column 1 (for tests of a tree's shape).
    public var withoutRanges: [Inline] {
        map { $0.withoutRanges }
    }
}

extension Inline {
    /// The node with its range, and its children's, at line 1, column 1.
    public var withoutRanges: Inline {
        let none = SourceRange(at: SourcePosition(line: 1, column: 1))
        switch self {
        case .text(let text, _): return .text(text, at: TextSource(none))
        case .softBreak: return .softBreak(at: none)
        case .lineBreak: return .lineBreak(at: none)
        case .code(let code, _): return .code(code, at: none)
        case .html(let html, _): return .html(html, at: none)
        case .emphasis(let inner, _): return .emphasis(inner.withoutRanges, at: none)
        case .strong(let inner, _): return .strong(inner.withoutRanges, at: none)
        case .strikethrough(let inner, _): return .strikethrough(inner.withoutRanges, at: none)
        case .link(let destination, let title, let content, _):
            return .link(destination: destination, title: title, content: content.withoutRanges, at: none)
        case .image(let source, let title, let alt, _): return .image(source: source, title: title, alt: alt.withoutRanges, at: none)
        case .footnoteReference(let name, _): return .footnoteReference(name, at: none)
        case .math(var math):
            math.range = none
            return .math(math)
        case .reference(let label, _): return .reference(label: label, at: none)
        case .generated(let html, let text, _): return .generated(html: html, text: text, at: none)
        }
    }
}

/// One parsed page: its blocks plus the footnotes cmark-gfm collected.
public struct MarkdownDocument: Hashable, Sendable {
    public var blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }
}

extension Array where Element == Inline {
    /// The text a reader sees, for slugs, titles and the search index.
    public var plainText: String {
        map { inline -> String in
            switch inline {
            case .text(let text, _), .code(let text, _), .generated(_, let text, _): text
            case .softBreak, .lineBreak: " "
            case .html: ""
            case .emphasis(let inner, _), .strong(let inner, _), .strikethrough(let inner, _): inner.plainText
            case .link(_, _, let inner, _): inner.plainText
            case .image(_, _, let alt, _): alt.plainText
            case .footnoteReference: ""
            case .math(let math): math.tex
            case .reference(let label, _): label
            }
        }.joined()
    }
}
