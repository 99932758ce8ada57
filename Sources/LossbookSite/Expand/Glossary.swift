/// The course's glossary: the note named `glossary.md`, whose entries are paragraphs that open
/// with a bold term ending in a full stop (`**Negative log-likelihood (NLL).** The loss …`).
/// Each entry is found under the slugs of its names: "Binary cross entropy (BCE)" under
/// `binary-cross-entropy` and `bce`, "argmax, argmin" under `argmax` and `argmin`.
struct Glossary: Sendable {
    struct Entry: Sendable {
        /// The entry's anchor on the glossary page: `gloss-` and the slug of its first name.
        var anchor: String
        var term: String
        /// The term as the glossary writes it (bold, with its full stop when it has one).
        var heading: [Inline]
        /// The definition without its links (shown in other pages, whose links would differ).
        var definition: [Inline]
    }

    /// The glossary's source path (relative to the content folder) and page.
    private(set) var source: String?
    private(set) var page: String?
    private(set) var entries: [String: Entry] = [:]
    /// Changes whenever the glossary's text does.
    private(set) var fingerprint = "none"

    init() {}

    /// Reads the first note named `glossary.md` in reading order.
    init(notes: [SourceNote]) {
        guard let note = notes.first(where: { $0.relativePath == "glossary.md" || $0.relativePath.hasSuffix("/glossary.md") }) else { return }
        source = note.relativePath
        page = note.outputPath
        fingerprint = FNV1a128.hex(of: ["glossary 1", note.relativePath, note.body])
        let (document, _) = MarkdownParser().parse(note.body, path: note.displayPath, firstLine: note.bodyFirstLine)
        for block in document.blocks {
            guard case .paragraph(let content) = block.kind, let (term, rest) = Self.term(of: content) else { continue }
            let keys = Self.keys(of: term)
            guard let first = keys.first else { continue }
            guard case .strong(let heading, _)? = content.first else { continue }
            let entry = Entry(anchor: "gloss-\(first)", term: term, heading: Self.unlinked(heading), definition: Self.unlinked(rest))
            for key in keys where entries[key] == nil { entries[key] = entry }
        }
    }

    /// The bold term opening a paragraph (without its full stop), and the rest of the paragraph.
    /// "**Term.** …", or "**Term** ($\\theta$). …" (a symbol between the term and its full stop).
    static func term(of content: [Inline]) -> (String, [Inline])? {
        guard case .strong(let inner, _)? = content.first else { return nil }
        var term = inner.plainText.trimmingWhitespaces
        if term.hasSuffix(".") {
            term.removeLast()
        } else {
            guard case .text(let next, _)? = content.dropFirst().first, next.hasPrefix(" (") else { return nil }
        }
        return term.isEmpty ? nil : (term, Array(content.dropFirst()))
    }

    /// The slugs an entry is found under: each comma-separated name, and each name in parentheses.
    static func keys(of term: String) -> [String] {
        var names: [String] = []
        var outside = ""
        var inside = ""
        var depth = 0
        for character in term {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); names.append(inside); inside = ""; continue }
            if depth > 0 { inside.append(character) } else { outside.append(character) }
        }
        names = outside.split(separator: ",").map(String.init) + names
        var keys: [String] = []
        for name in names where !name.trimmingWhitespaces.isEmpty {
            let key = Slug.make(name)
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    private static func unlinked(_ inlines: [Inline]) -> [Inline] {
        inlines.flatMap { inline -> [Inline] in
            switch inline {
            case .link(_, _, let content, _): return unlinked(content)
            case .emphasis(let inner, let at): return [.emphasis(unlinked(inner), at: at)]
            case .strong(let inner, let at): return [.strong(unlinked(inner), at: at)]
            case .footnoteReference: return []
            default: return [inline]
            }
        }
    }
}

/// Glossary links: `[negative log-likelihood](glossary:negative-log-likelihood)`, or
/// `[NLL](glossary:)` to look the link's own text up. A link, so that it survives cmark-gfm and
/// any Markdown editor's preview, and reads as a link without lossbook. Runs after `LinkPass`
/// (which leaves `glossary:` links alone, as links with a scheme); an unknown term is an error.
/// On the glossary page itself, each entry's term becomes a `<dfn>` with the entry's anchor.
struct GlossaryPass: TreePass {
    static let scheme = "glossary:"

    let glossary: Glossary
    let page: String
    let displayPath: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Entries linked from this page, in order of first link, for their previews.
    private(set) var used: [Glossary.Entry] = []

    init(glossary: Glossary, page: String, displayPath: String) {
        self.glossary = glossary
        self.page = page
        self.displayPath = displayPath
    }

    mutating func visit(block: Block) -> [Block]? {
        guard page == glossary.page, case .paragraph(let content) = block.kind,
              let (term, rest) = Glossary.term(of: content), let key = Glossary.keys(of: term).first,
              let entry = glossary.entries[key], case .strong(let inner, let at)? = content.first else { return nil }
        var open = HTMLWriter()
        open.open("dfn", ["id": entry.anchor])
        // The <dfn> wraps the term: its tags stand at the term's first and last byte.
        let dfn: [Inline] = [.html(open.html, at: SourceRange(at: at.start))] + inner + [.html("</dfn>", at: SourceRange(at: at.end))]
        return [Block(.paragraph([.strong(dfn, at: at)] + rewrite(rest)), range: block.range)]
    }

    mutating func visit(inline: Inline) -> [Inline]? {
        guard case .link(let destination, let title, let content, let at) = inline, destination.hasPrefix(Self.scheme) else { return nil }
        var key = String(destination.dropFirst(Self.scheme.count))
        if key.isEmpty { key = Slug.make(content.plainText) }
        guard let entry = glossary.entries[key], let glossaryPage = glossary.page else {
            let known = Array(glossary.entries.keys)
            let suggestion = Spelling.closest(to: key, among: known).map { " (did you mean 'glossary:\($0)'?)" } ?? ""
            let reason = glossary.page == nil ? "; the course has no glossary.md" : ""
            diagnostics.append(.error(.glossaryUnknown, at: SourceLocation(path: displayPath, range: at),
                                      "glossary link to unknown term '\(key)'\(suggestion)\(reason)"))
            return [.link(destination: "", title: title, content: content, at: at)]
        }
        if !used.contains(where: { $0.anchor == entry.anchor }) { used.append(entry) }
        let href = (glossaryPage == page ? "" : RelativePath.from(page, to: glossaryPage)) + "#\(entry.anchor)"
        return [.link(destination: href, title: title, content: content, at: at)]
    }
}
