import Synchronization

/// Splits a page into the passages the search index holds: the page's opening (before its first
/// heading) and one passage per heading, so that a result links to the section it was found in.
/// Text is what a reader sees: inline formulas as readable TeX words (`MathText`), displayed
/// formulas left out, figures by their caption, code as its text.
struct SearchSection: Equatable, Codable {
    /// The heading's anchor; nil for the page's opening.
    var anchor: String?
    /// The heading's text; nil for the page's opening.
    var heading: String?
    var text: String
}

enum SearchSections {
    /// - Parameter memo: formulas already read out, shared by the pages indexed in one build (a
    ///   course repeats its formulas from page to page: the benchmark's half, the course's three fifths).
    static func sections(of document: MarkdownDocument, memo: ReadableMathMemo? = nil) -> [SearchSection] {
        var sections = [SearchSection(anchor: nil, heading: nil, text: "")]
        var parts: [String] = []
        func flush() {
            sections[sections.count - 1].text = MathText.collapseSpaces(parts.joined(separator: " "))
            parts = []
        }
        for block in document.blocks {
            // Reference previews are copies of what other sections say.
            if case .html(let html) = block.kind, html == PreviewBlocks.marker { break }
            if case .heading(_, let content, let anchor) = block.kind {
                flush()
                sections.append(SearchSection(anchor: anchor, heading: MathText.collapseSpaces(text(content, memo: memo)), text: ""))
            } else {
                let piece = text(block, memo: memo)
                if !piece.isEmpty { parts.append(piece) }
            }
        }
        flush()
        return sections
    }

    static func text(_ block: Block, memo: ReadableMathMemo? = nil) -> String {
        switch block.kind {
        case .paragraph(let content): return TableLayout.isCardsMarker(block) ? "" : text(content, memo: memo)
        case .heading(_, let content, _): return text(content, memo: memo)
        case .blockQuote(let blocks), .footnoteDefinition(_, let blocks): return text(blocks, memo: memo)
        case .list(_, let items): return items.map { text($0.content, memo: memo) }.joined(separator: " ")
        case .codeBlock(_, let code): return code
        case .highlightedCode(_, let html): return HTMLText.visibleText(html)
        case .html, .thematicBreak, .displayMath: return ""
        case .table(let table):
            return tableText(table, memo: memo)
        case .callout(let callout):
            let title = callout.title.isEmpty ? callout.kind.defaultTitle : text(callout.title, memo: memo)
            return title + ". " + text(callout.content, memo: memo)
        case .exercise(let exercise):
            let title = "Exercise \(exercise.number)" + (exercise.title.isEmpty ? "" : ": " + text(exercise.title, memo: memo))
            return [title + ".", text(exercise.content, memo: memo), exercise.solution.map { text($0, memo: memo) } ?? ""].joined(separator: " ")
        case .generated(let generated): return HTMLText.visibleText(generated.html)
        }
    }

    static func text(_ blocks: [Block], memo: ReadableMathMemo? = nil) -> String {
        blocks.map { text($0, memo: memo) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func text(_ inlines: [Inline], memo: ReadableMathMemo? = nil) -> String {
        inlines.map { inline -> String in
            switch inline {
            case .text(let text, _), .code(let text, _): return text
            case .generated(_, let text, _): return text
            case .softBreak, .lineBreak: return " "
            case .html, .footnoteReference: return ""
            case .emphasis(let inner, _), .strong(let inner, _), .strikethrough(let inner, _): return text(inner, memo: memo)
            case .link(_, _, let inner, _): return text(inner, memo: memo)
            case .image(_, _, let alt, _): return text(alt, memo: memo)
            case .math(let math): return memo?.readable(math.tex) ?? MathText.readable(math.tex)
            case .reference(let label, _): return label
            }
        }.joined()
    }

    /// A table as sentences a snippet can show: the headings once, then each row as its first
    /// cell, a colon, and its other cells separated by semicolons ("Huber: grows linearly; δ;
    /// Huber density."), never a run in which rows and cells run together. Headings are not
    /// repeated per row: that would weigh their words once per row in the index.
    static func tableText(_ table: Table, memo: ReadableMathMemo? = nil) -> String {
        let headings = table.header.map { MathText.collapseSpaces(text($0, memo: memo)) }
        var sentences: [String] = []
        if headings.contains(where: { !$0.isEmpty }) {
            sentences.append(headings.filter { !$0.isEmpty }.joined(separator: ", ") + ".")
        }
        for row in table.rows {
            let cells = row.map { MathText.collapseSpaces(text($0, memo: memo)) }
            guard let first = cells.first else { continue }
            let rest = cells.dropFirst().filter { !$0.isEmpty }.joined(separator: "; ")
            let lead = first.isEmpty ? "" : (rest.isEmpty ? first : first + ": ")
            sentences.append(lead + rest + ".")
        }
        return sentences.joined(separator: " ")
    }
}

/// Formulas read out for search (`MathText.readable`), kept for the rest of a build: the pages
/// indexed together share it from several threads.
final class ReadableMathMemo: Sendable {
    private let known = Mutex<[String: String]>([:])

    func readable(_ tex: String) -> String {
        if let text = known.withLock({ $0[tex] }) { return text }
        let text = MathText.readable(tex)
        known.withLock { $0[tex] = text }
        return text
    }
}
