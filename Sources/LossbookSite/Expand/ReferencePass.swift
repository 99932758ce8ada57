/// Replaces `@eq-…` and `@fig-…` in prose with links to the labelled equation or figure.
struct ReferencePass: TreePass {
    let labels: LabelIndex
    /// The page's output path (`2-derivations/regression.html`).
    let page: String
    let displayPath: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Every reference resolved, in page order, for the page's summary.
    private(set) var checks: [Check] = []
    /// A reference as the page makes it (its `@` and label, where the file has them): enough to
    /// check it again without the page, at its place (`StoredRange`).
    struct Check: Codable, Hashable, Sendable, StoredRange {
        var label: String
        var line: Int
        var column: Int
        var endLine: Int?
        var endColumn: Int?

        init(label: String, at range: SourceRange) {
            self.label = label
            line = range.start.line
            column = range.start.column
            endLine = range.end.line
            endColumn = range.end.column
        }
    }

    init(labels: LabelIndex, page: String, displayPath: String) {
        self.labels = labels
        self.page = page
        self.displayPath = displayPath
    }

    mutating func visit(inline: Inline) -> [Inline]? {
        guard case .text(let text, let source) = inline, ByteSearch.contains(UInt8(ascii: "@"), in: text) else { return nil }
        return split(text, source)
    }

    /// The text with each `@label` taken out as a link (or an unknown reference), each piece
    /// keeping its place in the file.
    private mutating func split(_ text: String, _ source: TextSource) -> [Inline] {
        var result: [Inline] = []
        let length = text.utf8.count
        func offset(_ index: String.Index) -> Int { text.utf8.distance(from: text.startIndex, to: index) }
        var pending = text.startIndex
        var index = text.startIndex
        while true {
            index = text.nextCharacter(startingWith: UInt8(ascii: "@"), from: index)
            guard index < text.endIndex else { break }
            let character = text[index]
            let previous = index > text.startIndex ? text[text.index(before: index)] : " "
            if character == "@", !(previous.isLetter || previous.isNumber),
               let (label, end) = Self.label(in: text, after: index) {
                if pending < index { result.append(.piece(of: text, source: source, bytes: offset(pending)..<offset(index))) }
                result.append(link(to: label, at: source.range(ofBytes: offset(index)..<offset(end), length: length)))
                index = end
                pending = end
                continue
            }
            index = text.index(after: index)
        }
        if pending < text.endIndex { result.append(.piece(of: text, source: source, bytes: offset(pending)..<length)) }
        return result
    }

    /// A label `eq-…` or `fig-…` right after the `@`: letters, digits, `-`, `_`, `:`, not ending in punctuation.
    private static func label(in text: String, after at: String.Index) -> (String, String.Index)? {
        let start = text.index(after: at)
        let rest = text[start...]
        guard rest.hasPrefix("eq-") || rest.hasPrefix("fig-") else { return nil }
        var end = start
        while end < text.endIndex, text[end].isLetter || text[end].isNumber || "-_:".contains(text[end]) {
            end = text.index(after: end)
        }
        while end > start, "-_:".contains(text[text.index(before: end)]) { end = text.index(before: end) }
        let label = String(text[start..<end])
        guard label != "eq-", label != "fig-" else { return nil }
        return (label, end)
    }

    /// Checks a page's references again from its summary, reporting what `rewrite` would.
    mutating func replay(_ checks: [Check]) {
        for check in checks { _ = target(of: check.label, at: check.range) }
    }

    private mutating func target(of label: String, at range: SourceRange) -> LabelIndex.Target? {
        checks.append(Check(label: label, at: range))
        guard let target = labels.targets[label] else {
            let known = Spelling.closest(to: label, among: Array(labels.targets.keys))
            diagnostics.append(.error(.referenceUnknown,
                                      at: SourceLocation(path: displayPath, range: range),
                                      "reference to unknown label '@\(label)'" + (known.map { " (did you mean '@\($0)'?)" } ?? "")))
            return nil
        }
        return target
    }

    private mutating func link(to label: String, at range: SourceRange) -> Inline {
        guard let target = target(of: label, at: range) else {
            return .reference(label: label, at: range)
        }
        let text = target.kind == .equation ? "Equation (\(target.number))" : "Figure \(target.number)"
        let href = (target.page == page ? "" : RelativePath.from(page, to: target.page)) + "#\(label)"
        var writer = HTMLWriter()
        writer.element("a", ["class": "xref", "href": href], text: text)
        return .generated(html: writer.html, text: text, at: range)
    }
}
