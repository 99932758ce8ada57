import Foundation

/// Parse and expand a set of notes: parse, then the passes that need nothing from other pages
/// (callouts, directives, inline values), then runnable Swift (all blocks of the set compile
/// together). Notes are parsed on all cores; cmark-gfm itself takes one at a time. Used for the
/// notes parsed up front (`ParseStage`) and for those parsed late (`LateNotesStage`) alike.
struct NoteExpansion {
    /// One note, expanded: not yet numbered or linked to the rest of the course.
    struct Note: Sendable {
        var document: MarkdownDocument
        /// The diagnostics of its parse, directives and runnable Swift.
        var diagnostics: [Diagnostic]
        var figures: Int
    }

    /// By source path.
    var notes: [String: Note] = [:]
    /// Diagnostics that name no note of the set (a missing Swift toolchain).
    var unattributed: [Diagnostic] = []
    /// The compiled engine the notes' runnable Swift blocks used; nil when they have none.
    var engineFingerprint: String?

    /// `prefetcher`, when given, is handed each page as soon as it is expanded.
    init(notes sources: [SourceNote], computed: ComputeCache, cacheDirectory: URL?, mathDelimiters: MathDelimiters = .dollars,
         prefetcher: RenderPrefetcher? = nil) {
        // With a prefetcher, node is rendering this set's formulas meanwhile: leave it a core
        // while it has formulas to render.
        let expanded = sources.concurrentMap(sparing: prefetcher == nil ? 0 : 1, lentWhile: { prefetcher?.isIdle ?? true }) { note in
            Self.expand(note, computed: computed, mathDelimiters: mathDelimiters, prefetcher: prefetcher)
        }
        var runnable = RunnableSwiftStage(cacheDirectory: cacheDirectory, computed: computed)
        let (ran, runProblems) = runnable.run(expanded.enumerated().map { index, note in
            RunnableSwiftStage.Page(document: note.document, displayPath: sources[index].displayPath)
        })
        for (index, source) in sources.enumerated() {
            var note = expanded[index]
            note.document = ran[index]
            notes[source.relativePath] = note
        }
        engineFingerprint = runnable.engineFingerprint
        let notesByDisplayPath = Dictionary(sources.map { ($0.displayPath, $0.relativePath) }, uniquingKeysWith: { first, _ in first })
        for problem in runProblems {
            if let path = problem.location.flatMap({ notesByDisplayPath[$0.path] }) {
                notes[path]?.diagnostics.append(problem)
            } else {
                unattributed.append(problem)
            }
        }
    }

    /// One note's parse and its own passes; runs on any core.
    private static func expand(_ note: SourceNote, computed: ComputeCache, mathDelimiters: MathDelimiters,
                               prefetcher: RenderPrefetcher?) -> Note {
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
        return Note(document: document, diagnostics: diagnostics, figures: directives.figures)
    }
}
