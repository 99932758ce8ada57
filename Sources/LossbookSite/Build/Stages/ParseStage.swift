import Foundation

/// Parse and directives: decides which notes are parsed, and parses and expands them.
///
/// Reads `content`, `notes`. Adds the renderer (`renderService`, started for the course's
/// macros), the last build's `manifest`, the `reader` passes (bibliography, glossary),
/// `noteKeys`, the reused `summaries` of notes unchanged since the last build, the `computed`
/// cache, and `expanded`: the other notes, parsed, with their directives computed and their
/// runnable Swift run. Their formulas go to node (`prefetcher`) as soon as each is parsed, so that
/// KaTeX works while the rest of the course is parsed and checked. Records the page inputs it
/// reads for every page: the program, the renderer, the macros, the math delimiters and the
/// reader passes' fingerprint.
struct ParseStage: BuildStage {
    let name = "parse and directives"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        let options = context.options
        startRenderer(&context)
        context.computed = ComputeCache(directory: options.cacheDirectory?.appendingPathComponent("computed"))
        // The notes edited since the last build are parsed before the course-wide bookkeeping
        // below, which a one-page edit of a large course spends most of its time in: their new
        // formulas reach node now, and node starts (about 0.1 s) while that work goes on.
        let edited = context.notes.filter { context.editedNotes.contains($0.relativePath) }
        if !edited.isEmpty, case .success(let service)? = context.renderService {
            context.prefetcher = RenderPrefetcher(service: service)
        }
        let foundFirst = context.expand(edited, prefetcher: context.prefetcher)
        context.manifest = context.manifestLoad.map { $0.wait() }
            ?? OutputManifest.load(from: options.cacheDirectory, output: options.outputDirectory)
        // Citations and glossary links are checked when a note is parsed: a change to the
        // bibliography or the glossary has every note parsed again.
        let (bibliography, bibliographyProblems) = Bibliography.load(contentDirectory: options.contentDirectory,
                                                                     displayPrefix: options.contentDisplayPath)
        context.log.report(contentsOf: bibliographyProblems)
        let notes = context.notes
        let reader = ReaderPasses(bibliography: bibliography, glossary: Glossary(notes: notes), notes: notes)
        context.reader = reader
        saveNoteReads(context)
        context.courseInputs.record(.program, [ComputeCache.programIdentity])
        context.courseInputs.record(.mathDelimiters, [options.mathDelimiters.rawValue])
        context.courseInputs.record(.reader, [reader.fingerprint])
        context.noteKeys = Dictionary(uniqueKeysWithValues: notes.map {
            ($0.relativePath, FNV1a128.hex(of: [NoteSummary.key(for: $0, mathDelimiters: options.mathDelimiters), reader.fingerprint]))
        })
        for note in notes where foundFirst.notes[note.relativePath] == nil {
            if let summary = context.manifest?.notes[note.relativePath], summary.key == context.noteKeys[note.relativePath] {
                context.summaries[note.relativePath] = summary
            }
        }
        let fresh = notes.filter { context.summaries[$0.relativePath] == nil && foundFirst.notes[$0.relativePath] == nil }
        if !fresh.isEmpty, context.prefetcher == nil, case .success(let service)? = context.renderService {
            context.prefetcher = RenderPrefetcher(service: service)
        }
        let found = fresh.isEmpty ? NoteExpansion.none : context.expand(fresh, prefetcher: context.prefetcher)
        for note in notes {
            context.log.report(contentsOf: (foundFirst.notes[note.relativePath] ?? found.notes[note.relativePath])?.diagnostics ?? [])
        }
        context.log.report(contentsOf: foundFirst.unattributed + found.unattributed)
        for note in notes { context.log.report(contentsOf: context.summaries[note.relativePath]?.diagnostics ?? []) }
        context.statistics.figures = (foundFirst.notes.values.map(\.figures) + found.notes.values.map(\.figures)).reduce(0, +)
            + context.summaries.values.map(\.figures).reduce(0, +)
    }

    /// The load's reads, with the citation keys the reader passes found (only a build saves
    /// them, so that `check` leaves the cache as it found it).
    private func saveNoteReads(_ context: BuildContext) {
        guard context.writer != nil, var reads = context.noteReads else { return }
        for note in context.notes where reads.entries[note.relativePath]?.citationKeys == nil {
            if let keys = note.text.knownCitationKeys { reads.entries[note.relativePath]?.citationKeys = keys }
        }
        // On another core: nothing later reads the file; `BuildContext.close` waits for it.
        let cacheDirectory = context.options.cacheDirectory, finished = reads
        DispatchQueue.global(qos: .userInitiated).async(group: context.backgroundSaves) { finished.save(to: cacheDirectory) }
    }

    /// The renderer for the course's macros: one kept by `serve`, or one for this build. Started
    /// now (a failure is reported only if a page needs it), with this build's counts reset.
    private func startRenderer(_ context: inout BuildContext) {
        let options = context.options
        let macros = Self.macros(of: context.content, log: &context.log)
        context.courseInputs.record(.macros, [context.content.macros?.text ?? ""])
        // The installed KaTeX and highlight.js shape every page's math and code.
        context.courseInputs.record(.renderer, [(try? RendererInstallation.locate()).map { $0.mathFingerprint + $0.codeFingerprint } ?? ""])
        let renderCache = options.cacheDirectory?.appendingPathComponent("render")
        let startedNode = context.startedNode?.take()
        let renderService: Result<RenderService, any Error>
        if let renderers = options.renderers {
            startedNode?.end()
            renderService = Result { try renderers.service(macros: macros, cacheDirectory: renderCache) }
        } else {
            do {
                renderService = .success(try RenderService(macros: macros, cacheDirectory: renderCache,
                                                           environment: ProcessInfo.processInfo.environment, startedNode: startedNode))
            } catch {
                renderService = .failure(error)
            }
        }
        context.renderService = renderService
        let started = try? renderService.get()
        context.renderStatisticsBefore = started?.statistics ?? RenderStatistics()
        started?.resetCacheUsage()
    }

    /// The course's KaTeX macros (`content/macros.tex`); every malformed definition is an error
    /// at its line and column.
    static func macros(of content: LoadedContent, log: inout DiagnosticLog) -> [String: String] {
        guard let (text, displayPath) = content.macros else { return [:] }
        let (macros, diagnostics) = RenderService.macros(text, path: displayPath)
        log.report(contentsOf: diagnostics)
        return macros
    }
}

extension BuildContext {
    /// Parses and expands `notes` (see `NoteExpansion`) and adds them to `expanded`: the one way
    /// a note is parsed, up front or late. Returns what was found, for the caller to report.
    mutating func expand(_ notes: [SourceNote], prefetcher: RenderPrefetcher? = nil) -> NoteExpansion {
        guard !notes.isEmpty else { return .none }
        let expansion = NoteExpansion(notes: notes, computed: computed, cacheDirectory: options.cacheDirectory,
                                      mathDelimiters: options.mathDelimiters, prefetcher: prefetcher)
        expanded.merge(expansion.notes) { _, new in new }
        engineFingerprint = engineFingerprint ?? expansion.engineFingerprint
        return expansion
    }
}
