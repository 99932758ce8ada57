import Foundation

/// Stages 2 and 3 for a set of notes: parse, then the passes that need nothing from other pages
/// (callouts, directives, inline values), then runnable Swift (all blocks of the set compile
/// together). Notes are parsed on all cores; cmark-gfm itself takes one at a time.
struct NoteExpansion {
    var documents: [String: MarkdownDocument] = [:]
    /// Each note's diagnostics, by source path.
    var diagnostics: [String: [Diagnostic]] = [:]
    /// Diagnostics that name no note of the set (a missing Swift toolchain).
    var unattributed: [Diagnostic] = []
    var figures: [String: Int] = [:]
    /// The compiled engine the notes' runnable Swift blocks used; nil when they have none.
    var engineFingerprint: String?

    /// `prefetcher`, when given, is handed each page as soon as it is expanded.
    init(notes: [SourceNote], computed: ComputeCache, cacheDirectory: URL?, mathDelimiters: MathDelimiters = .dollars,
         prefetcher: RenderPrefetcher? = nil) {
        // With a prefetcher, node is rendering this set's formulas meanwhile: leave it a core.
        let expanded = notes.concurrentMap(sparing: prefetcher == nil ? 0 : 1) { note -> (document: MarkdownDocument, diagnostics: [Diagnostic], figures: Int) in
            var diagnostics: [Diagnostic] = []
            let (parsed, parseProblems) = MarkdownParser(mathDelimiters: mathDelimiters).parse(note.body, path: note.displayPath, firstLine: note.bodyFirstLine)
            diagnostics += parseProblems
            var callouts = CalloutPass(path: note.displayPath)
            var document = callouts.run(parsed)
            diagnostics += callouts.diagnostics
            // Directives: code blocks that name a directive become computed figures and tables.
            var directives = DirectiveStage(path: note.displayPath, cache: computed)
            document = directives.rewrite(document)
            diagnostics += directives.diagnostics
            var values = InlineValuePass(path: note.displayPath, cache: computed)
            document = values.rewrite(document)
            diagnostics += values.diagnostics
            prefetcher?.add(document)
            return (document, diagnostics, directives.figures)
        }
        for (note, result) in zip(notes, expanded) {
            documents[note.relativePath] = result.document
            diagnostics[note.relativePath] = result.diagnostics
            figures[note.relativePath] = result.figures
        }

        var runnable = RunnableSwiftStage(cacheDirectory: cacheDirectory, computed: computed)
        let (ran, runProblems) = runnable.run(notes.map {
            RunnableSwiftStage.Page(document: documents[$0.relativePath] ?? MarkdownDocument(blocks: []), displayPath: $0.displayPath)
        })
        for (note, document) in zip(notes, ran) { documents[note.relativePath] = document }
        engineFingerprint = runnable.engineFingerprint
        let notesByDisplayPath = Dictionary(notes.map { ($0.displayPath, $0.relativePath) }, uniquingKeysWith: { first, _ in first })
        for problem in runProblems {
            if let path = problem.location.flatMap({ notesByDisplayPath[$0.path] }) {
                diagnostics[path, default: []].append(problem)
            } else {
                unattributed.append(problem)
            }
        }
    }
}
