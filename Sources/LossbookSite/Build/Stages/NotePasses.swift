/// The per-note work that needs the whole course: numbers written into the note's equations and
/// figures, citations, cross-references, links, then glossary links and previews. One code path
/// for every note whose document is made, whether it was parsed up front (`LinkStage`) or late
/// because its page must be made again (`LateNotesStage`). Holds only immutable course-wide
/// facts, so that notes go through it on all cores at once.
struct NotePasses: Sendable {
    let labels: LabelIndex
    let chapterNumbers: [String: Int]
    let linkTargets: LinkPass.Targets
    let reader: ReaderPasses
    let previews: PreviewSources
    let mathDelimiters: MathDelimiters

    /// A note after the passes.
    struct Linked: Sendable {
        var document: MarkdownDocument
        /// Its cross-references and links, for its summary (checked again on later builds).
        var references: [ReferencePass.Check]
        var links: [LinkPass.Check]
        var diagnostics: [Diagnostic]
    }

    /// `document` is the note as `NoteExpansion` left it; its labels are already in `labels`.
    func run(_ note: SourceNote, _ document: MarkdownDocument) -> Linked {
        let numbered = labels.renumber(document, page: note.outputPath, displayPath: note.displayPath,
                                       chapter: chapterNumbers[note.relativePath])
        let (cited, citationProblems) = reader.before(numbered, note: note)
        var walk = ReferenceLinkWalk(
            references: ReferencePass(labels: labels, page: note.outputPath, displayPath: note.displayPath),
            links: LinkPass(targets: linkTargets, source: note.relativePath, displayPath: note.displayPath))
        let linked = walk.rewrite(cited)
        let (references, links) = (walk.references, walk.links)
        let (previewed, readerProblems) = reader.after(linked, note: note, referenced: references.checks.map(\.label), labels: labels,
                                                       links: links.checks, previews: previews, mathDelimiters: mathDelimiters)
        return Linked(document: previewed, references: references.checks, links: links.checks,
                      diagnostics: citationProblems + references.diagnostics + links.diagnostics + readerProblems)
    }

    /// The diagnostics of a note that is not parsed, from the checks its summary kept: its
    /// cross-references and links are checked against the course as it is now.
    func replay(_ note: SourceNote, _ summary: NoteSummary?) -> [Diagnostic] {
        var references = ReferencePass(labels: labels, page: note.outputPath, displayPath: note.displayPath)
        var links = LinkPass(targets: linkTargets, source: note.relativePath, displayPath: note.displayPath)
        references.replay(summary?.references ?? [])
        links.replay(summary?.links ?? [])
        return references.diagnostics + links.diagnostics
    }
}
