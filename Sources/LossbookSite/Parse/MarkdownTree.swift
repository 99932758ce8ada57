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

public enum Inline: Hashable, Sendable {
    case text(String)
    case softBreak
    case lineBreak
    /// Inline nodes read from the file carry their range (for a code span, its text between the
    /// backticks; for a link or image, from `[` or `!` to the closing parenthesis).
    case code(String, at: SourceRange)
    case html(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case link(destination: String, title: String, content: [Inline], at: SourceRange)
    case image(source: String, title: String, alt: [Inline], at: SourceRange)
    case footnoteReference(String)

    // Produced by the passes after parsing.
    case math(Math)
    /// `@eq-nll` whose label is unknown (a known one becomes a link with the number). Its range
    /// is that of the block holding it: text carries no range of its own yet (see ReferencePass).
    case reference(label: String, at: SourceRange)
    /// Already-escaped HTML made by a pass (a computed value, a resolved reference), with the
    /// plain text a reader sees, for slugs and search.
    case generated(html: String, text: String)
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
            case .text(let text), .code(let text, _), .generated(_, let text): text
            case .softBreak, .lineBreak: " "
            case .html: ""
            case .emphasis(let inner), .strong(let inner), .strikethrough(let inner): inner.plainText
            case .link(_, _, let inner, _): inner.plainText
            case .image(_, _, let alt, _): alt.plainText
            case .footnoteReference: ""
            case .math(let math): math.tex
            case .reference(let label, _): label
            }
        }.joined()
    }
}
