import Foundation

/// What the stages of one build share: the options, the one diagnostics log, and what each stage
/// has made so far, grouped by the stage that adds it. A stage reads only what stages before it
/// add (see each stage's doc comment); `SiteBuilder` makes the context and runs the stages.
struct BuildContext {
    let options: BuildOptions
    /// Where the pages are staged; nil for `check`, which writes nothing.
    let writer: SiteWriter?
    var log = DiagnosticLog()
    var statistics = SiteBuilder.Statistics()
    /// The git dates of the notes, read by `build` before deciding there is anything to do; the
    /// load stage reads them when nil.
    var gitDates: GitDates?
    /// What the build reads, hashed, for the build stamp (`build` only).
    var stampInputs: String?
    /// Every entry below the content folder as the stamp's walk found it (`build` only): the
    /// load stage lists the notes from it instead of walking the folder again.
    var contentFiles: [(path: String, info: stat)]?
    /// What every page is made from, and what each page is made from besides (by source path),
    /// recorded by the stages as they read it: the pages' keys (`PageInputs`).
    var courseInputs = PageInputs()
    var pageInputs: [String: PageInputs] = [:]

    // Added by `LoadStage`.
    var content = LoadedContent(notes: [], macros: nil, assets: [])
    var templates: TemplateSet?
    var outline = CourseOutline(notes: [])
    /// The notes in reading order.
    var notes: [SourceNote] = []
    var footer: PageFooter?
    /// What reading the notes gave, for the next build (saved by `ParseStage`).
    var noteReads: NoteReads?
    /// The notes whose text differs from the last build's read of the same path, or that it did
    /// not have (empty when there was no last read): parsed first (`ParseStage`).
    var editedNotes: Set<String> = []
    /// The last build's manifest, being read on another core (`ParseStage` waits for it).
    var manifestLoad: ManifestLoad?
    /// Cache files being saved on another core (the note reads); `close` waits for them.
    let backgroundSaves = DispatchGroup()

    // Added by `ParseStage`.
    /// node, started by the load when every formula will be rendered (no cache of them), for
    /// the renderer to take over.
    var startedNode: StartedNode?
    var renderService: Result<RenderService, any Error>?
    var renderStatisticsBefore = RenderStatistics()
    var manifest: OutputManifest?
    var reader: ReaderPasses?
    /// Each note's summary key: its text, its place and the course-wide facts its parse reads.
    var noteKeys: [String: String] = [:]
    /// What the rest of the course needs from each note: reused from the last build for a note
    /// that is not parsed, made by `LinkStage` for one that is.
    var summaries: [String: NoteSummary] = [:]
    var computed = ComputeCache(directory: nil)
    var prefetcher: RenderPrefetcher?
    /// The notes parsed and expanded so far (`ParseStage`, then `LateNotesStage`), not yet
    /// numbered or linked.
    var expanded: [String: NoteExpansion.Note] = [:]
    var engineFingerprint: String?

    // Added by `LinkStage`.
    var labels = LabelIndex()
    var previews = PreviewSources()
    var linkTargets = LinkPass.Targets(anchors: [:], assets: [])
    /// The documents ready for math and templates: numbered, cited, referenced and linked.
    var documents: [String: MarkdownDocument] = [:]

    // Added by `PageKeyStage`.
    var siteTitle = "lossbook"
    /// The hash of what every page reads (`PageInputs.Keyer.courseDigest`), and the kinds of
    /// input it covers.
    var courseDigest = ""
    var courseKinds: Set<PageInputs.Input> = []
    var pageKeys: [String: String] = [:]
    /// Pages taken whole from the previous site, by source path.
    var unchangedPages: [String: URL] = [:]
    /// The signatures of the unchanged pages' and shards' files, by output path, as checked here:
    /// the next manifest records them without looking at the files again.
    var keptSignatures: [String: OutputManifest.Signature] = [:]
    /// The notes whose pages are made again, in reading order.
    var changedNotes: [SourceNote] = []
    var shards: [SearchShard] = []
    var unchangedShards: [String: URL] = [:]
    /// Search passages by source path: kept from the last build for unchanged pages.
    var sections: [String: [SearchSection]] = [:]

    // Added by `MathStartStage`.
    var chunks: [[SourceNote]] = []
    var chunkPages: [[MathStage.Page]] = []
    var service: RenderService?
    var pipeline: MathPipeline?

    // Added by `SearchIndexStage`, `PagesStage`, `PrintStage` and `AssetsStage`: the site.
    var site = SiteBuilder.AssembledSite()
    var assembler: PageAssembler?
    /// The print page's part of each page made in this build, by output path (`PagesStage`).
    var printParts: [String: [UInt8]] = [:]

    init(options: BuildOptions, writer: SiteWriter?, gitDates: GitDates? = nil) {
        self.options = options
        self.writer = writer
        self.gitDates = gitDates
    }

    /// Stops the build when a note whose body was read late (`NoteBody`) had changed since the
    /// build began: what was made of it would not match what the build recorded of it.
    func stopIfNotesChanged() throws(BuildFailure) {
        let changed = notes.filter(\.changedSinceLoad)
        guard !changed.isEmpty else { return }
        var log = self.log
        for note in changed {
            log.report(.error(.contentUnreadable, at: SourceLocation(path: note.displayPath, line: 1, column: 1),
                              "the note changed (or went) while the site was being built; build again"))
        }
        throw BuildFailure(log.sorted(strict: options.strict))
    }

    /// Records what the page of `note` is made from, besides what every page is.
    mutating func record(_ input: PageInputs.Input, _ values: [String], for note: SourceNote) {
        pageInputs[note.relativePath, default: PageInputs()].record(input, values)
    }

    /// Ends what the stages started, whether the build succeeded or not: the staged site goes
    /// unless it was committed, node stops rendering ahead, computed results are saved, and a
    /// renderer started for this build alone is closed.
    func close(committed: Bool) {
        if !committed { site.staging?.abandon() }
        startedNode?.take()?.end()
        prefetcher?.cancel()
        computed.flush()
        backgroundSaves.wait()
        if options.renderers == nil, case .success(let service)? = renderService { service.close() }
    }
}
