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
    /// The process exits as soon as the build returns (`lossbook build`): the build's state (every
    /// note, summary and page key) is left for the exit to reclaim at once, instead of being freed
    /// object by object (50 ms of a one-page edit at 10,000 pages). False for `serve`, which
    /// builds again in the same process.
    public var leavesStateToExit = false

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

/// The generator: an ordered list of stages (`BuildStage`) that share one `BuildContext` and
/// one diagnostics log. This type only puts the stages in order, runs and times them, so that an
/// author sees every problem of a build at once; what each stage reads and adds is in its doc
/// comment and in docs/architecture.md.
public struct SiteBuilder {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// The stages of a build, in order; `check` runs the same stages but those that write.
    static func stages(writing: Bool) -> [any BuildStage] {
        let checks: [any BuildStage] = [
            LoadStage(), ParseStage(), LinkStage(), PageKeyStage(), LateNotesStage(), MathStartStage(),
            SearchIndexStage(), PagesStage(), PrintStage(), AssetsStage(),
        ]
        return writing ? checks + [SweepStage(), WriteStage()] : checks
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
        // The footers' dates come from git: a new commit is a change even when no file is. The
        // commit HEAD names says whether it is without running git (`GitHead`); when it cannot,
        // the dates themselves are read and compared.
        let head = GitHead.fingerprint(of: options.contentDirectory)
        let gitDates = head == nil ? GitDates.read(contentDirectory: options.contentDirectory) : nil
        let history = head.map { ["git head", $0] }
            ?? ["git dates"] + (gitDates?.dates ?? [:]).sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] }
        var contentFiles: [(path: String, info: stat)] = []
        let inputs = FNV1a128.hex(of: [BuildStamp.inputSignature(of: options, contentFiles: &contentFiles)] + history)
        if let stamp = BuildStamp.current(in: options.cacheDirectory, inputs: inputs, output: options.outputDirectory),
           !(options.strict && !stamp.warnings.isEmpty) {
            clock.finish("look for changes")
            return BuildSummary(pages: stamp.pages, formulas: 0, formulasRendered: 0, figures: 0,
                                computed: 0, computedCached: 0, pagesUnchanged: stamp.pages, warnings: stamp.warnings,
                                seconds: Date().timeIntervalSince(start), stages: clock.stages, upToDate: true)
        }
        clock.finish("look for changes")
        BuildStamp.remove(in: options.cacheDirectory)
        var context = BuildContext(options: options, writer: SiteWriter(outputDirectory: options.outputDirectory), gitDates: gitDates)
        context.stampInputs = inputs
        context.contentFiles = contentFiles
        try run(Self.stages(writing: true), &context)
        let statistics = context.statistics
        if options.leavesStateToExit { _ = Unmanaged.passRetained(LeftToExit(context)) }
        return BuildSummary(pages: context.site.pageCount, formulas: statistics.formulas,
                            formulasRendered: statistics.rendered,
                            figures: statistics.figures, computed: statistics.computed, computedCached: statistics.computedCached,
                            pagesUnchanged: statistics.pagesUnchanged,
                            warnings: context.log.sorted(strict: false),
                            seconds: Date().timeIntervalSince(start), stages: clock.stages + statistics.stages)
    }

    /// Validates everything a build validates — front matter, Markdown, math, directives,
    /// references, links and anchors — without writing anything. Returns the warnings.
    public func check() throws(BuildFailure) -> [Diagnostic] {
        try CacheFolder.check(options)
        var context = BuildContext(options: options, writer: nil)
        try run(Self.stages(writing: false), &context)
        try context.stopIfNotesChanged()
        return context.log.sorted(strict: false)
    }

    /// Runs `stages` in order on `context`, timing each under its name; whatever happens, what
    /// they started is ended (`BuildContext.close`).
    func run(_ stages: [any BuildStage], _ context: inout BuildContext) throws(BuildFailure) {
        var clock = StageClock(progress: options.progress)
        var finished = false
        defer { context.close(committed: finished) }
        for stage in stages {
            options.progress?(stage.name)
            try stage.run(&context)
            clock.finish(stage.name)
        }
        context.statistics.stages = clock.stages
        finished = true
    }

    /// A build's state, retained on purpose and never released (`BuildOptions.leavesStateToExit`).
    private final class LeftToExit {
        let context: BuildContext
        init(_ context: BuildContext) { self.context = context }
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
}
