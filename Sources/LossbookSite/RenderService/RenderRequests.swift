/// One formula to render with KaTeX.
///
/// `tex` is the formula without its delimiters (`$`, `$$`, `\(`, `\[`), exactly as written in the
/// source: error positions are offsets into this string.
public struct MathRequest: Hashable, Sendable {
    public var tex: String
    /// Display math (`$$…$$`, `\[…\]`) rather than inline math.
    public var display: Bool

    public init(tex: String, display: Bool) {
        self.tex = tex
        self.display = display
    }
}

/// What KaTeX made of a `MathRequest`.
public enum MathResult: Sendable, Equatable {
    /// HTML followed by MathML (`output: "htmlAndMathml"`), ready to insert into a page.
    case html(String)
    /// KaTeX rejected the formula. `message` is KaTeX's own wording without the
    /// "KaTeX parse error:" prefix and the excerpt; `position` is KaTeX's 0-based offset into the
    /// TeX in UTF-16 code units, when KaTeX knows it. Turn it into a file location with
    /// `RenderService.location(ofOffset:inTeX:startLine:startColumn:)`.
    case failure(message: String, position: Int?)
    /// KaTeX rendered the formula but reported something LaTeX would not accept (its `strict`
    /// checks: unicode text in math mode, `\\` in display math, …). The HTML is usable; the
    /// warnings are for the author.
    case warned(html: String, warnings: [MathWarning])

    /// The HTML, when KaTeX rendered the formula.
    public var html: String? {
        switch self {
        case .html(let html), .warned(let html, _): html
        case .failure: nil
        }
    }
}

/// One of KaTeX's strict-mode reports: its message (`unicodeTextInMathMode: …`) and, when KaTeX
/// knows it, the 0-based UTF-16 offset in the TeX it is about.
public struct MathWarning: Sendable, Equatable, Decodable {
    public var message: String
    public var position: Int?

    public init(message: String, position: Int?) {
        self.message = message
        self.position = position
    }
}

/// One code block to highlight with highlight.js.
public struct CodeRequest: Hashable, Sendable {
    public var code: String
    /// The fence's language (`swift`, `python`, `json`, `bash`, `text`, …). `nil`, `text`, `plain`,
    /// `plaintext` and `txt` mean no highlighting; `sh`, `shell`, `zsh` and `console` mean bash;
    /// any other language highlight.js knows is highlighted; an unknown one is escaped plain text.
    public var language: String?

    public init(code: String, language: String?) {
        self.code = code
        self.language = language
    }
}

/// Counters for the build summary.
public struct RenderStatistics: Sendable, Equatable {
    /// Formulas KaTeX rendered in this build (distinct formulas; failures included).
    public var mathRendered = 0
    /// Formula requests answered from the persistent cache.
    public var mathCacheHits = 0
    /// Formula requests answered by an identical earlier request of the same build.
    public var mathDeduplicated = 0
    /// Code blocks highlight.js highlighted in this build (distinct blocks).
    public var codeHighlighted = 0
    /// Code block requests answered from the persistent cache.
    public var codeCacheHits = 0
    /// Code block requests answered by an identical earlier request of the same build.
    public var codeDeduplicated = 0
    /// Whether node was started at all (a fully cached build never starts it).
    public var nodeStarted = false

    public init() {}
}
