import Foundation

/// Where a build reads and writes, and how strict it is.
public struct BuildOptions: Sendable {
    public var contentDirectory: URL
    public var templatesDirectory: URL
    public var outputDirectory: URL
    /// Rendered formulas and computed results kept between builds; nil to keep nothing.
    public var cacheDirectory: URL?
    /// How the content and templates folders are named in diagnostics (as the user typed them).
    public var contentDisplayPath: String
    public var templatesDisplayPath: String
    public var includeDrafts: Bool
    /// Warnings fail the build too.
    public var strict: Bool
    /// Told the name of each stage as it starts, for a progress line on a terminal.
    public var progress: (@Sendable (String) -> Void)?
    /// A renderer kept alive across builds (`lossbook serve`); nil starts one for this build only.
    public var renderers: RenderServicePool?
    /// Where the site will be published, for `sitemap.xml` and canonical links; nil for neither.
    public var address: SiteAddress? = nil
    /// The project's folder (where `lossbook` runs), which the output may never be or contain.
    public var projectDirectory: URL? = nil
    /// Whether `\\(…\\)` and `\\[…\\]` are math as well as `$…$` and `$$…$$`.
    public var mathDelimiters: MathDelimiters = .dollars
    /// The course's settings (`lossbook.yml`): title, authors, licence… for the templates.
    public var course = CourseConfig()
    /// The theme the templates folder overrides file by file (`TemplateSet.defaultTheme()`);
    /// nil when the templates folder is the whole theme.
    public var themeDirectory: URL? = nil
    /// The TeX macros file named by the settings, and how to name it in messages; nil for
    /// `macros.tex` in the content folder.
    public var macrosFile: (url: URL, displayPath: String)? = nil

    public init(contentDirectory: URL, templatesDirectory: URL, outputDirectory: URL, cacheDirectory: URL?,
                contentDisplayPath: String = "content", templatesDisplayPath: String = "templates",
                includeDrafts: Bool = false, strict: Bool = false) {
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.cacheDirectory = cacheDirectory
        self.contentDisplayPath = contentDisplayPath
        self.templatesDisplayPath = templatesDisplayPath
        self.includeDrafts = includeDrafts
        self.strict = strict
    }
}

/// What a successful build did, for the one-line summary.
public struct BuildSummary: Sendable {
    public var pages: Int
    /// Formulas on the pages built (each occurrence), and how many of them KaTeX rendered now;
    /// the rest came from the cache or repeat another one.
    public var formulas: Int
    public var formulasRendered: Int
    public var figures: Int
    /// Directives and inline values computed in this build, and those taken from the cache.
    public var computed: Int
    public var computedCached: Int
    /// Pages taken whole from the page cache, because nothing they depend on changed.
    public var pagesUnchanged: Int
    public var warnings: [Diagnostic]
    public var seconds: Double
    /// How long each stage took, in order, for `--verbose`.
    public var stages: [(name: String, seconds: Double)]
    /// Nothing the build reads had changed and the output was intact, so nothing was done.
    public var upToDate = false
}

/// The generator: load → parse → expand directives → render math → template → write.
/// Each stage is its own type; this one only runs them in order and gathers their diagnostics,
/// so that an author sees every problem of a build at once.
public struct SiteBuilder {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Builds the site and swaps it into the output folder. On any error nothing is written and
    /// every diagnostic is thrown together.
    public func build() throws(BuildFailure) -> BuildSummary {
        let start = Date()
        // The swap replaces whatever is at the output path: refuse before anything is done.
        try OutputGuard.check(options)
        try CacheFolder.check(options)
        // What builds killed mid-write left beside it goes (a retired site back in place if none is).
        StaleFolders(output: options.outputDirectory.standardizedFileURL).sweep()
        var clock = StageClock(progress: options.progress)
        // Nothing read has changed and the output folder is as the last build left it: done.
        // The footers' dates come from git: a new commit is a change even when no file is.
        let gitDates = GitDates.read(contentDirectory: options.contentDirectory)
        let inputs = FNV1a128.hex(of: [BuildStamp.inputSignature(of: options)]
            + gitDates.dates.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
        if let stamp = BuildStamp.current(in: options.cacheDirectory, inputs: inputs, output: options.outputDirectory),
           !(options.strict && !stamp.warnings.isEmpty) {
            clock.finish("look for changes")
            return BuildSummary(pages: stamp.pages, formulas: 0, formulasRendered: 0, figures: 0,
                                computed: 0, computedCached: 0, pagesUnchanged: stamp.pages, warnings: stamp.warnings,
                                seconds: Date().timeIntervalSince(start), stages: clock.stages, upToDate: true)
        }
        clock.finish("look for changes")
        let comparison = clock.stages
        BuildStamp.remove(in: options.cacheDirectory)
        let (site, log, assembled) = try assemble(writingTo: SiteWriter(outputDirectory: options.outputDirectory), gitDates: gitDates)
        var statistics = assembled
        clock = StageClock(progress: options.progress)
        options.progress?("write")
        if let staging = site.staging {
            do {
                try staging.write(site.files)
                try staging.commit(copies: site.copies, links: site.links)
            } catch {
                staging.abandon()
                throw error
            }
        }
        OutputManifest(output: options.outputDirectory, keys: site.keys, notes: site.notes).save(to: options.cacheDirectory)
        let warnings = log.sorted(strict: false)
        BuildStamp.save(in: options.cacheDirectory, inputs: inputs, output: options.outputDirectory, pages: site.pageCount, warnings: warnings)
        clock.finish("write")
        statistics.stages = comparison + statistics.stages + clock.stages
        return BuildSummary(pages: site.pageCount, formulas: statistics.formulas,
                            formulasRendered: statistics.rendered,
                            figures: statistics.figures, computed: statistics.computed, computedCached: statistics.computedCached,
                            pagesUnchanged: statistics.pagesUnchanged,
                            warnings: warnings,
                            seconds: Date().timeIntervalSince(start), stages: statistics.stages)
    }

    /// Validates everything a build validates — front matter, Markdown, math, directives,
    /// references, links and anchors — without writing anything. Returns the warnings.
    public func check() throws(BuildFailure) -> [Diagnostic] {
        try CacheFolder.check(options)
        let (_, log, _) = try assemble()
        return log.sorted(strict: false)
    }

    struct AssembledSite {
        /// Where the pages were written as they were made (none for `check`); the other files
        /// are written there by `build`.
        var staging: SiteWriter.Staging?
        var files: [String: Data] = [:]
        var copies: [String: URL] = [:]
        /// Unchanged files taken from the previous site.
        var links: [String: URL] = [:]
        /// The input key of every generated file, for the next build's manifest.
        var keys: [String: String] = [:]
        /// Every note's summary, for the next build's manifest.
        var notes: [String: NoteSummary] = [:]
        var pageCount = 0
    }

    struct Statistics {
        var formulas = 0
        var rendered = 0
        var figures = 0
        var computed = 0
        var computedCached = 0
        var pagesUnchanged = 0
        var stages: [(name: String, seconds: Double)] = []
    }

    /// Everything but the final write: pages go to a staging folder of `writer` as they are made
    /// (not written at all without a writer), the other files are returned in memory.
    func assemble(writingTo writer: SiteWriter? = nil, gitDates: GitDates? = nil) throws(BuildFailure) -> (AssembledSite, DiagnosticLog, Statistics) {
        var log = DiagnosticLog()
        var statistics = Statistics()
        var clock = StageClock(progress: options.progress)
        options.progress?("load")

        // 1. Load.
        let loader = ContentLoader(contentDirectory: options.contentDirectory, displayPrefix: options.contentDisplayPath,
                                   includeDrafts: options.includeDrafts)
        var (content, loadProblems) = loader.load()
        log.report(contentsOf: loadProblems)
        if let file = options.macrosFile {
            if let data = FileManager.default.contents(atPath: file.url.path), let text = String(data: data, encoding: .utf8) {
                content.macros = (text, file.displayPath)
            } else {
                log.report(.error("lossbook.config.macros", at: SourceLocation(path: file.displayPath, line: 1, column: 1),
                                  "cannot read the macros file named by the course settings"))
            }
        }
        let templates: TemplateSet
        switch TemplateSet.load(from: options.templatesDirectory, displayPrefix: options.templatesDisplayPath, theme: options.themeDirectory) {
        case .success(let set): templates = set
        case .failure(let failure):
            log.report(contentsOf: failure.diagnostics)
            throw BuildFailure(log.sorted(strict: options.strict))
        }
        let outline = CourseOutline(notes: content.notes)
        let notes = outline.readingOrder.compactMap { outline.notesByPath[$0] }
        let metadata = CourseMetadata(course: options.course, outline: outline, contentFolder: options.contentDisplayPath)
        let footer = PageFooter(metadata: metadata, dates: gitDates ?? GitDates.read(contentDirectory: options.contentDirectory))

        clock.finish("load", next: "parse and directives")

        let macros = Self.macros(of: content, log: &log)
        let renderCache = options.cacheDirectory?.appendingPathComponent("render")
        let renderService = Result { () throws -> RenderService in
            try options.renderers?.service(macros: macros, cacheDirectory: renderCache)
                ?? RenderService(macros: macros, cacheDirectory: renderCache)
        }
        defer { if options.renderers == nil, case .success(let service) = renderService { service.close() } }

        // 2. Parse, then the per-page passes that need nothing from other pages. A note unchanged
        // since the last successful build is not parsed: its summary stands in for it.
        let manifest = OutputManifest.load(from: options.cacheDirectory, output: options.outputDirectory)
        // Citations and glossary links are checked when a note is parsed: a change to the
        // bibliography or the glossary has every note parsed again.
        let (bibliography, bibliographyProblems) = Bibliography.load(contentDirectory: options.contentDirectory,
                                                                     displayPrefix: options.contentDisplayPath)
        log.report(contentsOf: bibliographyProblems)
        let reader = ReaderPasses(bibliography: bibliography, glossary: Glossary(notes: notes), notes: notes)
        let noteKeys = Dictionary(uniqueKeysWithValues: notes.map { ($0.relativePath, FNV1a128.hex(of: [NoteSummary.key(for: $0, mathDelimiters: options.mathDelimiters), reader.fingerprint])) })
        var summaries: [String: NoteSummary] = [:]
        for note in notes {
            if let summary = manifest?.notes[note.relativePath], summary.key == noteKeys[note.relativePath] {
                summaries[note.relativePath] = summary
            }
        }
        let computed = ComputeCache(directory: options.cacheDirectory?.appendingPathComponent("computed"))
        defer { computed.flush() }
        let fresh = notes.filter { summaries[$0.relativePath] == nil }
        // The changed notes' formulas go to node as soon as each note is parsed, so that KaTeX
        // works while the rest of the course is parsed and checked.
        let startedService = try? renderService.get()
        let statisticsBefore = startedService?.statistics ?? RenderStatistics()
        startedService?.resetCacheUsage()
        var prefetcher: RenderPrefetcher?
        if !fresh.isEmpty, case .success(let service) = renderService { prefetcher = RenderPrefetcher(service: service) }
        defer { prefetcher?.cancel() }
        let expansion = NoteExpansion(notes: fresh, computed: computed, cacheDirectory: options.cacheDirectory,
                                      mathDelimiters: options.mathDelimiters, prefetcher: prefetcher)
        var engineFingerprint = expansion.engineFingerprint
        var documents = expansion.documents
        for note in fresh { log.report(contentsOf: expansion.diagnostics[note.relativePath] ?? []) }
        log.report(contentsOf: expansion.unattributed)
        for note in notes { log.report(contentsOf: summaries[note.relativePath]?.diagnostics ?? []) }
        statistics.figures = expansion.figures.values.reduce(0, +) + summaries.values.map(\.figures).reduce(0, +)

        clock.finish("parse and directives", next: "references and links")

        // Labels are numbered course-wide, in reading order, before any reference resolves.
        var labels = LabelIndex()
        for note in notes {
            let chapter = outline.chapterNumbers[note.relativePath]
            if let document = documents[note.relativePath] {
                documents[note.relativePath] = labels.number(document, page: note.outputPath, displayPath: note.displayPath, chapter: chapter)
            } else if let summary = summaries[note.relativePath] {
                labels.register(summary.labels, page: note.outputPath, displayPath: note.displayPath, chapter: chapter)
            }
        }
        log.report(contentsOf: labels.diagnostics)

        // What each page offers to previews of links to it, from the page or from its summary.
        var previewSources = PreviewSources()
        previewSources.figures = FigureCopies(directory: options.cacheDirectory?.appendingPathComponent("figures"))
        for note in notes where documents[note.relativePath] != nil {
            previewSources.figures.store(labels.definitions[note.outputPath] ?? [])
        }
        previewSources.figures.sweep(keeping: Set(labels.targets.values.compactMap(\.htmlKey)))
        for note in notes {
            let sections = documents[note.relativePath].map {
                PreviewSources.sections(of: $0, body: note.body, firstLine: note.bodyFirstLine)
            } ?? summaries[note.relativePath]?.sections ?? [:]
            previewSources.pages[note.relativePath] = PreviewSources.Page(title: note.frontMatter.title, description: note.frontMatter.description,
                                                                          outputPath: note.outputPath, sections: sections)
        }

        // node may still be rendering the formulas sent while parsing: leave it a core.
        let nodeBusy = prefetcher == nil ? 0 : 1
        let anchorSets = notes.concurrentMap(sparing: nodeBusy) { note -> Set<String> in
            if let document = documents[note.relativePath] { return AnchorCollector.anchors(in: document) }
            return Set(summaries[note.relativePath]?.anchors ?? [])
        }
        let anchors = Dictionary(uniqueKeysWithValues: zip(notes.map(\.relativePath), anchorSets))
        let linkTargets = LinkPass.Targets(anchors: anchors, assets: Set(content.assets))
        // Every note's references and links are checked against the course as it is now; from
        // the page itself when it was parsed, from its summary when not.
        let linked = notes.concurrentMap(sparing: nodeBusy) { note -> (document: MarkdownDocument?, diagnostics: [Diagnostic], summary: NoteSummary?) in
            var references = ReferencePass(labels: labels, page: note.outputPath, displayPath: note.displayPath)
            var links = LinkPass(targets: linkTargets, source: note.relativePath, displayPath: note.displayPath)
            guard var document = documents[note.relativePath] else {
                references.replay(summaries[note.relativePath]?.references ?? [])
                links.replay(summaries[note.relativePath]?.links ?? [])
                return (nil, references.diagnostics + links.diagnostics, nil)
            }
            let (cited, citationProblems) = reader.before(document, note: note)
            document = references.rewrite(cited)
            document = links.rewrite(document)
            let (previewed, readerProblems) = reader.after(document, note: note, referenced: references.checks.map(\.label), labels: labels,
                                                           links: links.checks, previews: previewSources, mathDelimiters: options.mathDelimiters)
            document = previewed
            let summary = NoteSummary(key: noteKeys[note.relativePath] ?? "", labels: labels.definitions[note.outputPath] ?? [],
                                      anchors: anchors[note.relativePath, default: []].sorted(), references: references.checks,
                                      links: links.checks, diagnostics: expansion.diagnostics[note.relativePath] ?? [],
                                      figures: expansion.figures[note.relativePath] ?? 0,
                                      sections: previewSources.pages[note.relativePath]?.sections)
            return (document, citationProblems + references.diagnostics + links.diagnostics + readerProblems, summary)
        }
        for (note, result) in zip(notes, linked) {
            if let document = result.document { documents[note.relativePath] = document }
            if let summary = result.summary { summaries[note.relativePath] = summary }
            log.report(contentsOf: result.diagnostics)
        }

        clock.finish("references and links", next: "search index")

        if log.hasFatal(strict: false) {
            // Rendering math is the slow part; skip it when the build has already failed.
            throw BuildFailure(log.sorted(strict: options.strict))
        }
        // A page whose source and whose surroundings (navigation, labels, templates, macros, the
        // program) are unchanged is taken whole from the previous site: nothing on it is rendered again.
        let siteTitle = options.course.title ?? outline.home.flatMap { outline.notesByPath[$0]?.frontMatter.title } ?? "lossbook"
        let surroundings = PageKeys.surroundings(outline: outline, labels: labels, templates: templates,
                                                 macros: content.macros?.text ?? "", address: options.address?.baseURL ?? "",
                                                 course: options.course.fingerprint)
        var pageKeys: [String: String] = [:]
        var unchangedPages: [String: URL] = [:]
        for note in notes {
            let key = PageKeys.key(for: note, surroundings: FNV1a128.hex(of: [surroundings + "\u{0}math " + options.mathDelimiters.rawValue, reader.fingerprint]
                + footer.fingerprint(for: note) + Self.previewFingerprint(note, summaries[note.relativePath], labels: labels, previews: previewSources)))
            pageKeys[note.relativePath] = key
            if let previous = manifest?.reusable(note.outputPath, key: key, in: options.outputDirectory) {
                unchangedPages[note.relativePath] = previous
            }
        }
        statistics.pagesUnchanged = unchangedPages.count
        let changedNotes = notes.filter { unchangedPages[$0.relativePath] == nil }
        // The search index, in one shard per part of the course: a shard changes when a page of
        // its part does, or the outline.
        let shards = Self.searchShards(notes).enumerated().map { number, group in
            SearchShard(name: "part-\(number + 1)", notes: group,
                        key: FNV1a128.hex(of: [surroundings] + group.compactMap { pageKeys[$0.relativePath] }))
        }
        let unchangedShards = Dictionary(shards.compactMap { shard in
            manifest?.reusable(shard.path, key: shard.key, in: options.outputDirectory).map { (shard.path, $0) }
        }, uniquingKeysWith: { first, _ in first })

        // A shard made again takes the passages of its unchanged pages from the last build.
        var sections: [String: [SearchSection]] = [:]
        for shard in shards where unchangedShards[shard.path] == nil {
            let cached = SearchShard.cachedSections(of: shard.name, in: options.cacheDirectory)
            for note in shard.notes where unchangedPages[note.relativePath] != nil {
                if let key = pageKeys[note.relativePath], let passages = cached[key] { sections[note.relativePath] = passages }
            }
        }

        // Unparsed notes whose page is made again, or whose passages are not kept, are parsed
        // now, and numbered and linked like the others. Their summaries' diagnostics are already
        // reported; what this expansion finds besides (swiftc gone since, a damaged cache) is
        // reported too, and kept in their summaries, so that no page is written without its errors.
        let neededPaths = Set(changedNotes.map(\.relativePath)
            + shards.filter { unchangedShards[$0.path] == nil }.flatMap { $0.notes.map(\.relativePath) }
                .filter { sections[$0] == nil })
        let late = notes.filter { neededPaths.contains($0.relativePath) && documents[$0.relativePath] == nil }
        if !late.isEmpty {
            let lateExpansion = NoteExpansion(notes: late, computed: computed, cacheDirectory: options.cacheDirectory,
                                              mathDelimiters: options.mathDelimiters)
            engineFingerprint = engineFingerprint ?? lateExpansion.engineFingerprint
            let lateDocuments = late.concurrentMap { note -> MarkdownDocument in
                var document = lateExpansion.documents[note.relativePath] ?? MarkdownDocument(blocks: [])
                document = labels.renumber(document, page: note.outputPath, displayPath: note.displayPath,
                                           chapter: outline.chapterNumbers[note.relativePath])
                var references = ReferencePass(labels: labels, page: note.outputPath, displayPath: note.displayPath)
                document = references.rewrite(reader.before(document, note: note).0)
                var links = LinkPass(targets: linkTargets, source: note.relativePath, displayPath: note.displayPath)
                document = links.rewrite(document)
                return reader.after(document, note: note, referenced: references.checks.map(\.label), labels: labels,
                                    links: links.checks, previews: previewSources, mathDelimiters: options.mathDelimiters).0
            }
            for (note, document) in zip(late, lateDocuments) { documents[note.relativePath] = document }
            for note in late {
                let found = lateExpansion.diagnostics[note.relativePath] ?? []
                let reported = summaries[note.relativePath]?.diagnostics ?? []
                log.report(contentsOf: found.filter { !reported.contains($0) })
                summaries[note.relativePath]?.diagnostics = found
            }
            log.report(contentsOf: lateExpansion.unattributed)
            if log.hasFatal(strict: false) { throw BuildFailure(log.sorted(strict: options.strict)) }
        }
        // 4–5. Math and code, then templates, in a pipeline: node renders a chunk of pages while
        // this thread templates the chunk before it. The search index reads TeX, not KaTeX's
        // output, so it is made while node renders the first chunk.
        // Only pages that are rendered need KaTeX, and only formulas not in the cache need node.
        let chunks = stride(from: 0, to: changedNotes.count, by: 50).map { Array(changedNotes[$0..<min($0 + 50, changedNotes.count)]) }
        let chunkPages = chunks.map { chunk in
            chunk.map { MathStage.Page(document: documents[$0.relativePath] ?? MarkdownDocument(blocks: []), displayPath: $0.displayPath) }
        }
        var service: RenderService?
        var pipeline: MathPipeline?
        if !chunks.isEmpty {
            do {
                let started = try renderService.get()
                service = started
                pipeline = MathPipeline(service: started, chunks: chunkPages)
            } catch {
                log.report(.error("lossbook.render.failed", at: nil, "\(error)"))
            }
        }

        var site = AssembledSite()
        site.staging = try writer?.begin()
        // Any failure from here on leaves the output folder as it was.
        var finished = false
        defer { if !finished { site.staging?.abandon() } }
        for shard in shards {
            site.keys[shard.path] = shard.key
            if let previous = unchangedShards[shard.path] { site.links[shard.path] = previous }
        }
        // Made on this thread while node renders the first chunk of pages on the other core.
        let changedShards = shards.filter { unchangedShards[$0.path] == nil }
        for shard in changedShards {
            var kept: [String: [SearchSection]] = [:]
            for note in shard.notes {
                if sections[note.relativePath] == nil, let document = documents[note.relativePath] {
                    sections[note.relativePath] = SearchSections.sections(of: document)
                }
                if let key = pageKeys[note.relativePath] { kept[key] = sections[note.relativePath] }
            }
            site.files[shard.path] = shard.script(sections: sections)
            SearchShard.store(kept, of: shard.name, in: options.cacheDirectory)
        }
        site.files["assets/search-index.js"] = Data(SearchIndex.loaderScript(shards: shards.map { ($0.name, $0.path) }).utf8)
        clock.finish("search index", next: "math, code and pages")

        let assembler = PageAssembler(outline: outline, siteTitle: siteTitle, course: options.course,
                                      contentDisplayPath: options.contentDisplayPath)
        for note in notes {
            if let key = pageKeys[note.relativePath] { site.keys[note.outputPath] = key }
            if let previous = unchangedPages[note.relativePath] { site.links[note.outputPath] = previous }
        }
        for (index, chunk) in chunks.enumerated() {
            guard let pipeline else { break }
            switch pipeline.result(index) {
            case .success(let output):
                let (rendered, problems) = MathStage.apply(output, to: chunkPages[index])
                for (note, pageProblems) in zip(chunk, problems) where !pageProblems.isEmpty {
                    log.report(contentsOf: pageProblems)
                    // Not reusable next time: the page is made again, and its warnings reported again.
                    site.keys[note.outputPath] = nil
                }
                statistics.formulas += output.formulas
                // Templating takes the cores node leaves: all but one while node is still
                // rendering (sharing its core slowed a cold build by a tenth), all once it is done.
                let pages = zip(chunk, rendered).map { ($0, $1) }.concurrentMap(sparing: pipeline.isReady(index + 1) ? 0 : 1) { note, document in
                    page(note, document: document, assembler: assembler, templates: templates, footer: footer)
                }
                // Written now, while node renders the next chunk.
                try site.staging?.write(Dictionary(uniqueKeysWithValues: zip(chunk.map(\.outputPath), pages)))
            case .failure(let error):
                // The chunks after a failed one fail with the same error: report it once.
                if !log.diagnostics.contains(where: { $0.id == "lossbook.render.failed" }) {
                    options.renderers?.discard()
                    log.report(.error("lossbook.render.failed", at: nil, "\(error)"))
                }
            }
        }
        if let service {
            service.flush()
            // A service kept alive by `serve` counts across builds; this build's share is the difference.
            let after = service.statistics
            statistics.rendered = after.mathRendered - statisticsBefore.mathRendered
        }
        statistics.computed = computed.misses
        statistics.computedCached = computed.hits
        if log.hasFatal(strict: options.strict) {
            throw BuildFailure(log.sorted(strict: options.strict))
        }
        site.pageCount = notes.count
        site.notes = summaries
        clock.finish("math, code and pages", next: "print page")

        if let staging = site.staging, templates.names.contains("print") {
            // The whole course on one page, from the pages just written or kept; a kept page's
            // part is taken from the cache rather than made again from the page.
            var printCache = options.cacheDirectory.map { directory -> PrintChunkCache in
                var keys: [String: String] = [:]
                for note in notes { keys[note.outputPath] = pageKeys[note.relativePath] }
                return PrintChunkCache(directory: directory.appendingPathComponent("print"), pageKeys: keys)
            }
            site.files[PrintPage.path] = PrintPage.make(notes: notes, outline: outline, siteTitle: siteTitle,
                                                        description: outline.home.flatMap { outline.notesByPath[$0]?.frontMatter.description } ?? "",
                                                        templates: templates, cache: &printCache) { page in
                let url = site.links[page] ?? staging.folder.appendingPathComponent(page)
                return (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
            }
            printCache?.sweep()
        }
        clock.finish("print page", next: "assets")
        addSupportFiles(to: &site, content: content, notes: notes, assembler: assembler, templates: templates, log: &log)
        if log.hasFatal(strict: options.strict) {
            throw BuildFailure(log.sorted(strict: options.strict))
        }
        clock.finish("assets")
        // A build that remade every page has looked up every formula, code block and computed
        // result the course needs: what it did not use is left over from earlier versions.
        if writer != nil, unchangedPages.isEmpty, !notes.isEmpty {
            computed.sweep()
            service?.sweepCache()
            if let cacheDirectory = options.cacheDirectory {
                CacheSweep.removeLeftovers(in: cacheDirectory, shardNames: Set(shards.map(\.name)), engine: engineFingerprint)
            }
        }
        statistics.stages = clock.stages
        finished = true
        return (site, log, statistics)
    }
}
