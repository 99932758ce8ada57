import Foundation

/// The passes that link a page to the rest of the course for its readers: citations (before
/// cross-references, whose `@eq-…` they leave alone), then, once links are checked, glossary links
/// and the previews of what the page links to. Holds the course-wide facts they read, loaded once
/// per build: the bibliography, the glossary and which pages cite what.
struct ReaderPasses: Sendable {
    let bibliography: Bibliography
    let glossary: Glossary
    let citedBy: [String: [CitationPass.CitingPage]]
    /// For page and note keys: changes when any of the above does.
    let fingerprint: String

    init(bibliography: Bibliography, glossary: Glossary, notes: [SourceNote]) {
        self.bibliography = bibliography
        self.glossary = glossary
        citedBy = Self.citingPages(notes, bibliography: bibliography)
        var fields = [bibliography.fingerprint, glossary.fingerprint]
        for (key, pages) in citedBy.sorted(by: { $0.key < $1.key }) {
            fields.append(key)
            fields += pages.flatMap { [$0.outputPath, $0.title] }
        }
        fingerprint = FNV1a128.hex(of: fields)
    }

    /// Citations: before cross-references.
    func before(_ document: MarkdownDocument, note: SourceNote) -> (MarkdownDocument, [Diagnostic]) {
        // A byte test: `String.contains` with Foundation imported bridged the note to NSString (a
        // sixth of a millisecond a note).
        guard !bibliography.keys.isEmpty || ByteSearch.contains(UInt8(ascii: "@"), in: note.body) else { return (document, []) }
        var citations = CitationPass(bibliography: bibliography, page: note.outputPath, displayPath: note.displayPath,
                                     citedBy: citedBy)
        let result = citations.run(document)
        return (result, citations.diagnostics)
    }

    /// Glossary links and previews: after links are checked. `referenced` are the labels the
    /// page's cross-references named, in order; `links` its checked links, whose targets on other
    /// pages `previews` describes.
    func after(_ document: MarkdownDocument, note: SourceNote, referenced: [String], labels: LabelIndex,
               links: [LinkPass.Check] = [], previews: PreviewSources = PreviewSources(),
               mathDelimiters: MathDelimiters = .dollars) -> (MarkdownDocument, [Diagnostic]) {
        var pass = GlossaryPass(glossary: glossary, page: note.outputPath, displayPath: note.displayPath)
        let linked = pass.rewrite(document)
        var seen: Set<String> = []
        var equations: [(label: String, target: LabelIndex.Target)] = []
        var figures: [(label: String, target: LabelIndex.Target)] = []
        for label in referenced where !seen.contains(label) {
            seen.insert(label)
            guard let target = labels.targets[label], target.page != note.outputPath else { continue }
            switch target.kind {
            case .equation: equations.append((label, target))
            case .figure:
                var copy = target
                copy.html = previews.figures.html(for: target)
                figures.append((label, copy))
            }
        }
        let parser = MarkdownParser(mathDelimiters: mathDelimiters)
        func blocks(_ markdown: String?) -> [Block] {
            guard let markdown, let readable = PreviewSources.readable(markdown, labels: labels, bibliography: bibliography) else { return [] }
            return parser.parse(readable, path: note.displayPath, firstLine: 1).0.blocks.filter {
                if case .paragraph = $0.kind { return true } else { return false }
            }
        }
        func inlines(_ markdown: String) -> [Inline] {
            if case .paragraph(let content)? = blocks(markdown).first?.kind { return content }
            return [.text(markdown, at: TextSource(at: SourcePosition(line: 1, column: 1)))]
        }
        let copies = previews.targets(of: links, from: note.relativePath).compactMap { target -> PreviewBlocks.Copy? in
            guard let page = previews.pages[target.source] else { return nil }
            if let fragment = target.fragment {
                guard let section = page.sections[fragment] else { return nil }
                return PreviewBlocks.Copy(id: target.href, heading: inlines(section.heading), blocks: blocks(section.paragraph))
            }
            return PreviewBlocks.Copy(id: target.href, heading: [.text(page.title, at: TextSource(at: SourcePosition(line: 1, column: 1)))], blocks: blocks(page.description))
        }
        return (PreviewBlocks.append(to: linked, glossary: pass.used, equations: equations, figures: figures, copies: copies),
                pass.diagnostics)
    }

    /// Which pages cite each key, in reading order, from the notes' text: the references page
    /// links to them, and it must know them even for notes this build does not parse. The keys a
    /// note could cite are found once and kept between builds (`CitationKeys`, `NoteReads`).
    static func citingPages(_ notes: [SourceNote], bibliography: Bibliography) -> [String: [CitationPass.CitingPage]] {
        guard !bibliography.keys.isEmpty else { return [:] }
        var result: [String: [CitationPass.CitingPage]] = [:]
        for note in notes {
            for key in note.citationKeys where bibliography.references[key] != nil {
                result[key, default: []].append(CitationPass.CitingPage(outputPath: note.outputPath, title: note.frontMatter.title))
            }
        }
        return result
    }
}
