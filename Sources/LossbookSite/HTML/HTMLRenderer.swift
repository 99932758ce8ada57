/// Turns a page's tree into the HTML of its article. All passes have run by now: math carries
/// its KaTeX output, directives their generated HTML, links their final targets.
public struct HTMLRenderer {
    public init() {}

    public func render(_ document: MarkdownDocument) -> String {
        write(document, into: HTMLWriter()).html
    }

    /// The article's HTML as UTF-8 bytes in `writer` (a page's template takes them as they are),
    /// with its print edits when the writer notes them.
    func write(_ document: MarkdownDocument, into writer: HTMLWriter) -> HTMLWriter {
        var writer = writer
        var footnotes: [(String, [Block])] = []
        var body: [Block] = []
        for block in document.blocks {
            if case .footnoteDefinition(let name, let content) = block.kind {
                footnotes.append((name, content))
            } else {
                body.append(block)
            }
        }
        render(body, into: &writer)
        if !footnotes.isEmpty {
            writer.element("section", ["class": "footnotes", "aria-label": "Footnotes"]) { w in
                w.newline()
                w.element("ol") { w in
                    // cmark-gfm numbers references 1, 2, … and puts the definitions at the end
                    // in that order, without their labels: the n-th definition is note n.
                    for (index, (label, content)) in footnotes.enumerated() {
                        let name = label.isEmpty ? String(index + 1) : label
                        w.newline()
                        w.element("li", ["id": "fn-\(Slug.make(name))"]) { w in
                            render(content, into: &w)
                            w.element("a", ["href": "#fnref-\(Slug.make(name))", "class": "footnote-back", "aria-label": "Back to the text"], text: "↩")
                        }
                    }
                    w.newline()
                }
            }
            writer.newline()
        }
        return writer
    }

    /// A run of sibling blocks. A table followed by the `{.cards}` marker is written as cards
    /// (``TableLayout``); an exercise's heading takes the level below the last section heading.
    func render(_ blocks: [Block], into w: inout HTMLWriter, tightList: Bool = false, sectionLevel: Int = 1) {
        var level = sectionLevel
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            if case .table(let table) = block.kind {
                let cards = index + 1 < blocks.count && TableLayout.isCardsMarker(blocks[index + 1])
                renderTable(table, cards: cards, into: &w)
                w.newline()
                index += cards ? 2 : 1
                continue
            }
            if case .heading(let headingLevel, _, _) = block.kind { level = headingLevel }
            render(block, into: &w, tightList: tightList, sectionLevel: level)
            index += 1
        }
    }

    func render(_ block: Block, into w: inout HTMLWriter, tightList: Bool = false, sectionLevel: Int = 1) {
        switch block.kind {
        case .paragraph(let content):
            if tightList {
                render(content, into: &w)
            } else {
                w.element("p") { render(content, into: &$0) }
            }
        case .heading(let level, let content, let anchor):
            // The heading's text is its own link (as in mdBook): the heading's accessible name stays
            // its text, and keyboard users reach the link. Headings that contain a link of their own
            // cannot nest another, and get a separate "#" link instead.
            w.element("h\(level)", ["id": anchor]) { w in
                if content.contains(where: { if case .link = $0 { true } else { false } }) {
                    render(content, into: &w)
                    w.element("a", ["class": "anchor", "href": "#\(anchor)", "title": "Link to this section"], text: "#")
                } else {
                    w.element("a", ["class": "heading-link", "href": "#\(anchor)"]) { render(content, into: &$0) }
                }
            }
        case .blockQuote(let content):
            w.element("blockquote") { w in
                w.newline()
                render(content, into: &w, sectionLevel: sectionLevel)
            }
        case .list(let style, let items):
            let tag = style.ordered ? "ol" : "ul"
            let start: String? = style.ordered && style.start != 1 ? String(style.start) : nil
            let hasTasks = items.contains { $0.task != nil }
            w.element(tag, ["start": start, "class": hasTasks ? "task-list" : nil]) { w in
                w.newline()
                for item in items {
                    w.element("li") { w in
                        if let checked = item.task {
                            w.void("input", ["type": "checkbox", "disabled": "", "checked": checked ? "" : nil])
                            w.text(" ")
                        }
                        render(item.content, into: &w, tightList: style.tight, sectionLevel: sectionLevel)
                    }
                    w.newline()
                }
            }
        case .codeBlock(let info, let code):
            let language = info.split(separator: " ").first.map(String.init)
            w.element("pre") { w in
                w.element("code", ["class": language.map { "language-\($0)" }], text: code)
            }
        case .highlightedCode(let language, let html):
            w.element("div", ["class": "code-block"]) { w in
                w.element("pre") { w in
                    w.element("code", ["class": "hljs" + (language.map { " language-\($0)" } ?? "")]) { $0.raw(html) }
                }
            }
        case .html(let html):
            w.raw(html)
        case .thematicBreak:
            w.void("hr")
        case .table(let table):
            renderTable(table, cards: false, into: &w)
        case .footnoteDefinition:
            break
        case .displayMath(let math):
            renderDisplayMath(math, into: &w)
        case .callout(let callout):
            w.element("aside", ["class": "callout callout-\(callout.kind.rawValue)"]) { w in
                w.element("p", ["class": "callout-title"]) { w in
                    if callout.title.isEmpty { w.text(callout.kind.defaultTitle) } else { render(callout.title, into: &w) }
                }
                render(callout.content, into: &w, sectionLevel: sectionLevel)
            }
        case .exercise(let exercise):
            // A real heading, one level below the section it sits in, so that the exercise is a
            // section with a name (and a stop for heading navigation).
            let headingTag = "h\(min(6, max(2, sectionLevel + 1)))"
            w.element("section", ["class": "exercise", "id": "exercise-\(exercise.number)"]) { w in
                w.element(headingTag, ["class": "exercise-title"]) { w in
                    w.text("Exercise \(exercise.number)")
                    if !exercise.title.isEmpty {
                        w.text(": ")
                        render(exercise.title, into: &w)
                    }
                }
                render(exercise.content, into: &w, sectionLevel: sectionLevel + 1)
                if let solution = exercise.solution {
                    w.element("details", ["class": "solution"]) { w in
                        w.element("summary", text: "Solution")
                        render(solution, into: &w, sectionLevel: sectionLevel + 1)
                    }
                }
            }
        case .generated(let generated):
            w.raw(generated.html)
        }
        w.newline()
    }

    /// A box that may scroll sideways is a named, focusable region (keyboard users scroll it with
    /// the arrow keys); the page's script drops the three attributes again from boxes that do not
    /// overflow, so that only real scrollers are tab stops.
    private func renderDisplayMath(_ math: Math, into w: inout HTMLWriter) {
        // A numbered equation is named by its number: its TeX is read out only for the others.
        let name = math.number.map { "Equation (\($0))" } ?? {
            let words = TableLayout.shortened(TableLayout.readableMath(math.tex), limit: 60)
            return words.isEmpty ? "Equation" : "Equation: " + words
        }()
        w.element("div", ["class": "math-display", "id": math.label, "role": "region", "tabindex": "0", "aria-label": name]) { w in
            if let html = math.html { w.math(MathMLRepair.repair(html)) } else { w.text(math.tex) }
            if let number = math.number {
                w.element("span", ["class": "equation-number"], text: "(\(number))")
            }
        }
    }

    private func renderTable(_ table: Table, cards: Bool, into w: inout HTMLWriter) {
        let headings = table.header.map(TableLayout.labelText)
        let named = headings.filter { !$0.isEmpty }
        let name = "Table" + (named.isEmpty ? "" : ": " + TableLayout.shortened(named.joined(separator: ", ")))
        func style(_ column: Int) -> String? {
            guard column < table.alignments.count else { return nil }
            switch table.alignments[column] {
            case .none: return nil
            case .left: return "text-align: left"
            case .center: return "text-align: center"
            case .right: return "text-align: right"
            }
        }
        w.element("div", ["class": "table-wrapper", "role": "region", "tabindex": "0", "aria-label": name]) { w in
            w.element("table", ["class": cards ? "cards" : nil]) { w in
                w.element("thead") { w in
                    w.element("tr") { w in
                        for (column, cell) in table.header.enumerated() {
                            // An empty heading cell heads nothing: it is a plain cell.
                            w.element(headings[column].isEmpty ? "td" : "th",
                                      ["scope": headings[column].isEmpty ? nil : "col", "style": style(column)]) { render(cell, into: &$0) }
                        }
                    }
                }
                w.element("tbody") { w in
                    for row in table.rows {
                        w.element("tr") { w in
                            for (column, cell) in row.enumerated() {
                                let label = cards && column < headings.count && !headings[column].isEmpty ? headings[column] : nil
                                w.element("td", ["style": style(column), "data-label": label]) { render(cell, into: &$0) }
                            }
                        }
                    }
                }
            }
        }
    }

    func render(_ inlines: [Inline], into w: inout HTMLWriter) {
        var index = 0
        while index < inlines.count {
            // Inline math and the punctuation right after it go in one unbreakable span, so that
            // a comma or full stop never starts a line on its own.
            if case .math = inlines[index], index + 1 < inlines.count, case .text(let text, _) = inlines[index + 1] {
                let punctuation = text.prefix(while: Self.trailingPunctuation.contains)
                if !punctuation.isEmpty {
                    w.element("span", ["class": "math-nowrap"]) { w in
                        render(inlines[index], into: &w)
                        w.text(String(punctuation))
                    }
                    let rest = text.dropFirst(punctuation.count)
                    if !rest.isEmpty { w.text(String(rest)) }
                    index += 2
                    continue
                }
            }
            render(inlines[index], into: &w)
            index += 1
        }
    }

    /// Characters that must stay on the line of the formula before them.
    static let trailingPunctuation: Set<Character> = [".", ",", ";", ":", "!", "?", ")", "]", "}", "’", "”", "'", "\"", "…", "–", "—"]

    private func render(_ inline: Inline, into w: inout HTMLWriter) {
        switch inline {
        case .text(let text, _): w.text(text)
        case .softBreak: w.newline()
        case .lineBreak: w.void("br"); w.newline()
        case .code(let code, _): w.element("code", text: code)
        case .html(let html, _): w.raw(html)
        case .emphasis(let content, _): w.element("em") { render(content, into: &$0) }
        case .strong(let content, _): w.element("strong") { render(content, into: &$0) }
        case .strikethrough(let content, _): w.element("del") { render(content, into: &$0) }
        case .link(let destination, let title, let content, _):
            w.element("a", ["href": HrefEscaping.escape(destination), "title": title.isEmpty ? nil : title]) { render(content, into: &$0) }
        case .image(let source, let title, let alt, _):
            w.void("img", ["src": HrefEscaping.escape(source), "alt": alt.plainText, "title": title.isEmpty ? nil : title])
        case .footnoteReference(let name, _):
            let slug = Slug.make(name)
            w.element("sup", ["class": "footnote-ref"]) { w in
                w.element("a", ["href": "#fn-\(slug)", "id": "fnref-\(slug)"], text: name)
            }
        case .math(let math):
            w.element("span", ["class": "math-inline"]) { w in
                if let html = math.html { w.math(MathMLRepair.repair(html)) } else { w.text(math.tex) }
            }
        case .reference(let label, _):
            w.element("span", ["class": "unresolved-reference"], text: "@\(label)")
        case .generated(let html, _, _):
            w.raw(html)
        }
    }
}
