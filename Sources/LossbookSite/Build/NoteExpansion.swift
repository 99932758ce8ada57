import Dispatch
import Foundation
import Synchronization

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

    /// No notes: nothing parsed, nothing compiled.
    static let none = NoteExpansion()

    private init() {}

    /// `prefetcher`, when given, is handed each page as soon as it is expanded.
    ///
    /// The long jobs start first: once the notes are parsed (the cheap part), `swiftc` compiles
    /// their runnable blocks in its own process and the experiments their directives need run
    /// on a background thread, the most expensive first, while the notes that need no experiment
    /// are expanded and handed to node (see `ExperimentPlan`). The output is the same whatever
    /// the order: each note is expanded on its own, and experiments are deterministic.
    init(notes sources: [SourceNote], computed: ComputeCache, cacheDirectory: URL?, mathDelimiters: MathDelimiters = .dollars,
         prefetcher: RenderPrefetcher? = nil) {
        // With a prefetcher, node is rendering this set's formulas meanwhile: leave it a core
        // while it has formulas to render.
        let spared = prefetcher == nil ? 0 : 1
        let nodeIsIdle: @Sendable () -> Bool = { prefetcher?.isIdle ?? true }
        // Each note's formulas go to node as soon as it is parsed, and later only what its
        // directives add: handing them over after every note was parsed left node idle for the
        // first 0.3 s of a cold 1000-page build, the longest path when no formula repeats.
        let parsed = sources.concurrentMap(sparing: spared, lentWhile: nodeIsIdle) { note in
            let parsed = Self.parse(note, mathDelimiters: mathDelimiters)
            prefetcher?.add(parsed.document)
            return parsed
        }
        let runnable = BackgroundRun(RunnableSwiftStage(cacheDirectory: cacheDirectory, computed: computed),
                                     pages: parsed.enumerated().map { index, note in
                                         RunnableSwiftStage.Page(document: note.document, displayPath: sources[index].displayPath)
                                     })
        let plan = ExperimentPlan(parsed.enumerated().map { (document: $0.element.document, path: sources[$0.offset].displayPath) }, cache: computed)
        computed.experiments.prefetch(plan.runs.map { ($0.name, $0.seed) })
        let order = plan.expansionOrder
        let expandedInOrder = order.concurrentMap(sparing: spared, lentWhile: nodeIsIdle) { index in
            Self.expand(parsed[index], path: sources[index].displayPath, computed: computed, prefetcher: prefetcher)
        }
        var expanded = [Note?](repeating: nil, count: sources.count)
        for (position, index) in order.enumerated() { expanded[index] = expandedInOrder[position] }
        let (stage, ran) = runnable.wait()
        for (index, source) in sources.enumerated() {
            guard var note = expanded[index] else { continue }
            note.document = RunnableSwiftStage.apply(ran, to: note.document)
            notes[source.relativePath] = note
        }
        engineFingerprint = stage.engineFingerprint
        let notesByDisplayPath = Dictionary(sources.map { ($0.displayPath, $0.relativePath) }, uniquingKeysWith: { first, _ in first })
        for problem in ran.diagnostics {
            if let path = problem.location.flatMap({ notesByDisplayPath[$0.path] }) {
                notes[path]?.diagnostics.append(problem)
            } else {
                unattributed.append(problem)
            }
        }
    }

    /// One note parsed, with its callouts: what its runnable blocks and experiments are read from.
    private static func parse(_ note: SourceNote, mathDelimiters: MathDelimiters) -> Note {
        var diagnostics: [Diagnostic] = []
        let (parsed, parseProblems) = MarkdownParser(mathDelimiters: mathDelimiters).parse(note.body, path: note.displayPath, firstLine: note.bodyFirstLine)
        diagnostics += parseProblems
        var callouts = CalloutPass(path: note.displayPath)
        let document = callouts.run(parsed)
        diagnostics += callouts.diagnostics
        return Note(document: document, diagnostics: diagnostics, figures: 0)
    }

    /// A parsed note's own passes (directives, inline values); runs on any core. The formulas of
    /// what its directives generate go to `prefetcher` (the note's own went when it was parsed).
    private static func expand(_ note: Note, path: String, computed: ComputeCache, prefetcher: RenderPrefetcher?) -> Note {
        var diagnostics = note.diagnostics
        // Directives: code blocks that name a directive become computed figures and tables.
        var directives = DirectiveStage(path: path, cache: computed)
        var document = directives.rewrite(note.document)
        diagnostics += directives.diagnostics
        var values = InlineValuePass(path: path, cache: computed)
        document = values.rewrite(document)
        diagnostics += values.diagnostics
        if let prefetcher {
            var generated = GeneratedBlocks()
            generated.walk(document)
            prefetcher.add(MarkdownDocument(blocks: generated.blocks))
        }
        return Note(document: document, diagnostics: diagnostics, figures: directives.figures)
    }

    /// A page's generated blocks (figures, tables, checks), wherever they sit.
    private struct GeneratedBlocks: TreeWalk {
        var blocks: [Block] = []

        mutating func visit(block: Block) {
            if case .generated = block.kind { blocks.append(block) }
        }
    }
}

/// Runnable Swift compiling and running on a background thread while the build goes on.
private final class BackgroundRun: Sendable {
    private let done = DispatchGroup()
    private let result = Mutex<(RunnableSwiftStage, RunnableSwiftStage.Ran)?>(nil)

    init(_ stage: RunnableSwiftStage, pages: [RunnableSwiftStage.Page]) {
        DispatchQueue.global(qos: .userInitiated).async(group: done) { [self] in
            var stage = stage
            let ran = stage.execute(pages)
            result.withLock { $0 = (stage, ran) }
        }
    }

    /// The stage (its counts and engine) and what the blocks printed, once they ran.
    func wait() -> (RunnableSwiftStage, RunnableSwiftStage.Ran) {
        done.wait()
        return result.withLock { $0 } ?? (RunnableSwiftStage(cacheDirectory: nil, computed: ComputeCache(directory: nil)), RunnableSwiftStage.Ran())
    }
}
