/// Turns a page's tree into the HTML of its article. All passes have run by now: math carries
/// its KaTeX output, directives their generated HTML, links their final targets.
public struct HTMLRenderer {
    public init() {}

    public func render(_ document: MarkdownDocument) -> String {
        var writer = HTMLWriter()
        var footnotes: [(String, [Block])] = []
        for block in document.blocks {
            if case .footnoteDefinition(let name, let content) = block.kind {
                footnotes.append((name, content))
            } else {
                render(block, into: &writer)
            }
        }
        if !footnotes.isEmpty {
            writer.element("section", ["class": "footnotes", "aria-label": "Footnotes"]) { w in
                w.newline()
                w.element("ol") { w in
                    for (name, content) in footnotes {
                        w.newline()
                        w.element("li", ["id": "fn-\(Slug.make(name))"]) { w in
                            for block in content { render(block, into: &w) }
                            w.element("a", ["href": "#fnref-\(Slug.make(name))", "class": "footnote-back", "aria-label": "Back to the text"], text: "↩")
                        }
                    }
                    w.newline()
                }
            }
            writer.newline()
        }
        return writer.html
    }

    func render(_ block: Block, into w: inout HTMLWriter, tightList: Bool = false) {
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
                for child in content { render(child, into: &w) }
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
                        for child in item.content { render(child, into: &w, tightList: style.tight) }
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
            renderTable(table, into: &w)
        case .footnoteDefinition:
            break
        case .displayMath(let math):
            w.element("div", ["class": "math-display", "id": math.label]) { w in
                w.raw(math.html ?? HTMLWriter.escape(math.tex))
                if let number = math.number {
                    w.element("span", ["class": "equation-number"], text: "(\(number))")
                }
            }
        case .callout(let callout):
            w.element("aside", ["class": "callout callout-\(callout.kind.rawValue)"]) { w in
                w.element("p", ["class": "callout-title"]) { w in
                    if callout.title.isEmpty { w.text(callout.kind.defaultTitle) } else { render(callout.title, into: &w) }
                }
                for child in callout.content { render(child, into: &w) }
            }
        case .exercise(let exercise):
            w.element("section", ["class": "exercise", "id": "exercise-\(exercise.number)"]) { w in
                w.element("p", ["class": "exercise-title"]) { w in
                    w.text("Exercise \(exercise.number)")
                    if !exercise.title.isEmpty {
                        w.text(": ")
                        render(exercise.title, into: &w)
                    }
                }
                for child in exercise.content { render(child, into: &w) }
                if let solution = exercise.solution {
                    w.element("details", ["class": "solution"]) { w in
                        w.element("summary", text: "Solution")
                        for child in solution { render(child, into: &w) }
                    }
                }
            }
        case .generated(let generated):
            w.raw(generated.html)
        }
        w.newline()
    }

    private func renderTable(_ table: Table, into w: inout HTMLWriter) {
        func style(_ column: Int) -> String? {
            guard column < table.alignments.count else { return nil }
            switch table.alignments[column] {
            case .none: return nil
            case .left: return "text-align: left"
            case .center: return "text-align: center"
            case .right: return "text-align: right"
            }
        }
        w.element("div", ["class": "table-wrapper"]) { w in
            w.element("table") { w in
                w.element("thead") { w in
                    w.element("tr") { w in
                        for (column, cell) in table.header.enumerated() {
                            w.element("th", ["style": style(column)]) { render(cell, into: &$0) }
                        }
                    }
                }
                w.element("tbody") { w in
                    for row in table.rows {
                        w.element("tr") { w in
                            for (column, cell) in row.enumerated() {
                                w.element("td", ["style": style(column)]) { render(cell, into: &$0) }
                            }
                        }
                    }
                }
            }
        }
    }

    func render(_ inlines: [Inline], into w: inout HTMLWriter) {
        for inline in inlines { render(inline, into: &w) }
    }

    private func render(_ inline: Inline, into w: inout HTMLWriter) {
        switch inline {
        case .text(let text): w.text(text)
        case .softBreak: w.newline()
        case .lineBreak: w.void("br"); w.newline()
        case .code(let code, _): w.element("code", text: code)
        case .html(let html): w.raw(html)
        case .emphasis(let content): w.element("em") { render(content, into: &$0) }
        case .strong(let content): w.element("strong") { render(content, into: &$0) }
        case .strikethrough(let content): w.element("del") { render(content, into: &$0) }
        case .link(let destination, let title, let content, _):
            w.element("a", ["href": HrefEscaping.escape(destination), "title": title.isEmpty ? nil : title]) { render(content, into: &$0) }
        case .image(let source, let title, let alt, _):
            w.void("img", ["src": HrefEscaping.escape(source), "alt": alt.plainText, "title": title.isEmpty ? nil : title])
        case .footnoteReference(let name):
            let slug = Slug.make(name)
            w.element("sup", ["class": "footnote-ref"]) { w in
                w.element("a", ["href": "#fn-\(slug)", "id": "fnref-\(slug)"], text: name)
            }
        case .math(let math):
            w.element("span", ["class": "math-inline"]) { $0.raw(math.html ?? HTMLWriter.escape(math.tex)) }
        case .reference(let label, _):
            w.element("span", ["class": "unresolved-reference"], text: "@\(label)")
        case .generated(let html, _):
            w.raw(html)
        }
    }
}
