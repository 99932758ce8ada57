/// Citations, as in Pandoc and Quarto: `[@huber1964]`, `[@zhang2018; @ghosh2017]`,
/// `[see @huber1964, p. 75]`, `[-@huber1964]` (year only) and `@huber1964` in running text
/// ("Huber (1964)"). Each becomes an author–year link to the page's reference list, which this
/// pass appends to the page, every entry linking back to where it was cited. A fenced block
/// ```` ```bibliography ```` is replaced by the whole bibliography (the references page), each
/// entry linking to the pages that cite it. An unknown key is an error at its line and column.
struct CitationPass: TreePass {
    /// The course's bibliography page lists, for every key, the pages that cite it.
    struct CitingPage: Sendable {
        var outputPath: String
        var title: String
    }

    let bibliography: Bibliography
    let page: String
    let displayPath: String
    /// key → the pages citing it, in reading order (for the bibliography block).
    let citedBy: [String: [CitingPage]]
    private(set) var diagnostics: [Diagnostic] = []
    /// Keys cited on this page in order of first citation, and how often each was cited.
    private(set) var cited: [String] = []
    private var counts: [String: Int] = [:]
    private var listsWholeBibliography = false

    init(bibliography: Bibliography, page: String, displayPath: String, citedBy: [String: [CitingPage]] = [:]) {
        self.bibliography = bibliography
        self.page = page
        self.displayPath = displayPath
        self.citedBy = citedBy
    }

    /// Resolves the page's citations and appends its reference list.
    mutating func run(_ document: MarkdownDocument) -> MarkdownDocument {
        var result = rewrite(document)
        guard !cited.isEmpty, !listsWholeBibliography else { return result }
        let anchors = AnchorCollector.anchors(in: result)
        var anchor = "references"
        var suffix = 2
        while anchors.contains(anchor) { anchor = "references-\(suffix)"; suffix += 1 }
        let end = result.blocks.last?.position ?? SourcePosition(line: 1, column: 1)
        result.blocks.append(Block(.heading(level: 2, content: [.text("References", at: TextSource(at: end))], anchor: anchor), at: end))
        var w = HTMLWriter()
        w.element("ol", ["class": "references"]) { w in
            for key in cited {
                guard let reference = bibliography.references[key] else { continue }
                w.newline()
                w.element("li", ["id": "ref-\(key)"]) { w in
                    reference.write(into: &w)
                    for number in 1...(counts[key] ?? 1) {
                        w.text(" ")
                        w.element("a", ["href": "#cite-\(key)-\(number)", "class": "ref-back",
                                        "aria-label": "Back to citation \(number) of \(reference.citedAuthors) \(reference.citedYear)"], text: "↩")
                    }
                }
            }
            w.newline()
        }
        result.blocks.append(Block(.generated(GeneratedBlock(label: nil, number: nil, html: w.html)), at: end))
        return result
    }

    mutating func visit(block: Block) -> [Block]? {
        guard case .codeBlock(let info, _) = block.kind, info.trimmingWhitespaces == "bibliography" else { return nil }
        listsWholeBibliography = true
        return [Block(.generated(GeneratedBlock(label: nil, number: nil, html: wholeBibliography())), range: block.range)]
    }

    mutating func visit(inline: Inline) -> [Inline]? {
        guard case .text(let text, let source) = inline, ByteSearch.contains(UInt8(ascii: "@"), in: text) else { return nil }
        return split(text, source)
    }

    // MARK: - Finding citations in text

    /// The text with each citation taken out, each piece keeping its place in the file.
    private mutating func split(_ text: String, _ source: TextSource) -> [Inline] {
        var result: [Inline] = []
        let length = text.utf8.count
        func offset(_ index: String.Index) -> Int { text.utf8.distance(from: text.startIndex, to: index) }
        var pending = text.startIndex
        var index = text.startIndex
        func flush(to index: String.Index) {
            if pending < index { result.append(.piece(of: text, source: source, bytes: offset(pending)..<offset(index))) }
        }
        while true {
            index = text.nextCharacter(startingWith: UInt8(ascii: "["), or: UInt8(ascii: "@"), from: index)
            guard index < text.endIndex else { break }
            let character = text[index]
            if character == "[", let close = text[index...].firstIndex(of: "]"),
               let items = Self.bracketed(String(text[text.index(after: index)..<close])) {
                flush(to: index)
                let contentStart = offset(index) + 1
                let keys = items.map { source.range(ofBytes: (contentStart + $0.keyOffset)..<(contentStart + $0.keyOffset + 1 + $0.key.utf8.count), length: length) }
                result.append(citation(items, keys: keys, parenthetical: true,
                                       at: source.range(ofBytes: offset(index)..<(offset(close) + 1), length: length)))
                index = text.index(after: close)
                pending = index
                continue
            }
            let previous = index > text.startIndex ? text[text.index(before: index)] : " "
            // A bare @word is a citation only in a course that has a bibliography, so that a
            // course without one can still write "@someone" in its prose.
            if character == "@", !bibliography.keys.isEmpty, !(previous.isLetter || previous.isNumber || previous == "@"),
               let (key, end) = Self.key(in: text, from: text.index(after: index)), !Self.isLabel(key) {
                flush(to: index)
                let range = source.range(ofBytes: offset(index)..<offset(end), length: length)
                result.append(citation([Item(prefix: "", key: key, locator: "", suppressAuthor: false)], keys: [range],
                                       parenthetical: false, at: range))
                index = end
                pending = end
                continue
            }
            index = text.index(after: index)
        }
        flush(to: text.endIndex)
        return result
    }

    struct Item: Equatable {
        var prefix: String
        var key: String
        var locator: String
        var suppressAuthor: Bool
        /// Where its `@` is in the bracket's content (UTF-8 bytes), for diagnostics.
        var keyOffset = 0
    }

    /// The items of `[…]` when every `;`-separated part holds one `@key`; nil when it is not a citation.
    static func bracketed(_ content: String) -> [Item]? {
        guard content.contains("@"), !content.contains("[") else { return nil }
        var items: [Item] = []
        var partStart = 0
        for part in content.split(separator: ";", omittingEmptySubsequences: false) {
            let part = String(part)
            defer { partStart += part.utf8.count + 1 }
            var found: Item?
            var index = part.startIndex
            while index < part.endIndex {
                let previous = index > part.startIndex ? part[part.index(before: index)] : " "
                if part[index] == "@", previous == " " || previous == "-" || index == part.startIndex,
                   let (key, end) = key(in: part, from: part.index(after: index)) {
                    var prefix = String(part[..<index])
                    let suppress = prefix.hasSuffix("-")
                    if suppress { prefix.removeLast() }
                    var locator = String(part[end...]).trimmingWhitespaces
                    if locator.hasPrefix(",") { locator.removeFirst() }
                    found = Item(prefix: prefix.trimmingWhitespaces, key: key,
                                 locator: locator.trimmingWhitespaces, suppressAuthor: suppress,
                                 keyOffset: partStart + part.utf8.distance(from: part.startIndex, to: index))
                    break
                }
                index = part.index(after: index)
            }
            guard let found, !isLabel(found.key), !found.locator.contains("@") else { return nil }
            items.append(found)
        }
        return items.isEmpty ? nil : items
    }

    /// A key right after `@`: starts with a letter, digit or `_`; letters, digits and `_-:.`
    /// inside; punctuation at its end belongs to the sentence.
    static func key(in text: String, from start: String.Index) -> (String, String.Index)? {
        guard start < text.endIndex, text[start].isLetter || text[start].isNumber || text[start] == "_" else { return nil }
        var end = start
        while end < text.endIndex, text[end].isASCII, text[end].isLetter || text[end].isNumber || "_-:.".contains(text[end]) {
            end = text.index(after: end)
        }
        while end > start, "-:.".contains(text[text.index(before: end)]) { end = text.index(before: end) }
        guard end > start else { return nil }
        return (String(text[start..<end]), end)
    }

    /// `@eq-…` and `@fig-…` are cross-references (`ReferencePass`), not citations.
    static func isLabel(_ key: String) -> Bool {
        key.hasPrefix("eq-") || key.hasPrefix("fig-")
    }

    // MARK: - Writing citations

    /// A citation of `items`, whose keys are at `keys`, written in place of the text at `range`.
    private mutating func citation(_ items: [Item], keys: [SourceRange], parenthetical: Bool, at range: SourceRange) -> Inline {
        var w = HTMLWriter()
        var text = ""
        if parenthetical { w.text("("); text += "(" }
        for (offset, item) in items.enumerated() {
            if offset > 0 { w.text("; "); text += "; " }
            if !item.prefix.isEmpty { w.text(item.prefix + " "); text += item.prefix + " " }
            guard let reference = resolve(item.key, at: keys[offset]) else {
                w.element("span", ["class": "unresolved-citation"], text: "@\(item.key)")
                text += "@\(item.key)"
                continue
            }
            counts[item.key, default: 0] += 1
            if counts[item.key] == 1 { cited.append(item.key) }
            let shown: String
            if item.suppressAuthor {
                shown = reference.citedYear
            } else if parenthetical {
                shown = "\(reference.citedAuthors) \(reference.citedYear)"
            } else {
                shown = "\(reference.citedAuthors) (\(reference.citedYear)\(item.locator.isEmpty ? "" : ", \(item.locator)"))"
            }
            w.element("a", ["class": "citation", "href": "#ref-\(item.key)", "id": "cite-\(item.key)-\(counts[item.key]!)"], text: shown)
            text += shown
            if parenthetical, !item.locator.isEmpty { w.text(", \(item.locator)"); text += ", \(item.locator)" }
        }
        if parenthetical { w.text(")"); text += ")" }
        return .generated(html: w.html, text: text, at: range)
    }

    private mutating func resolve(_ key: String, at range: SourceRange) -> Bibliography.Reference? {
        if let reference = bibliography.references[key] { return reference }
        let suggestion = Spelling.closest(to: key, among: bibliography.allKeys).map { " (did you mean '@\($0)'?)" } ?? ""
        let known = bibliography.allKeys.isEmpty ? "; the course has no content/\(Bibliography.fileName)" : ""
        diagnostics.append(.error(.citationUnknown, at: SourceLocation(path: displayPath, range: range),
                                  "citation of unknown key '@\(key)'\(suggestion)\(known)"))
        return nil
    }

    // MARK: - The references page

    private func wholeBibliography() -> String {
        var w = HTMLWriter()
        w.element("ol", ["class": "references references-all"]) { w in
            for key in bibliography.keys.sorted(by: { sortKey($0) < sortKey($1) }) {
                guard let reference = bibliography.references[key] else { continue }
                w.newline()
                w.element("li", ["id": "ref-\(key)"]) { w in
                    reference.write(into: &w)
                    let pages = citedBy[key] ?? []
                    if !pages.isEmpty {
                        w.text(" ")
                        w.element("span", ["class": "ref-cited-in"]) { w in
                            w.text("Cited in ")
                            for (offset, citing) in pages.enumerated() {
                                if offset > 0 { w.text(", ") }
                                let href = citing.outputPath == page ? "#ref-\(key)"
                                    : RelativePath.from(page, to: citing.outputPath) + "#ref-\(key)"
                                w.element("a", ["href": href], text: citing.title)
                            }
                            w.text(".")
                        }
                    }
                }
            }
            w.newline()
        }
        return w.html
    }

    /// Author–year order, as reference lists are sorted.
    private func sortKey(_ key: String) -> String {
        guard let reference = bibliography.references[key] else { return key }
        return "\(reference.authors.first?.family.lowercased() ?? "")\u{0}\(reference.citedYear)\u{0}\(key)"
    }
}
