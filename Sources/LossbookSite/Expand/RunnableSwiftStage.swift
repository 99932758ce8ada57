import Foundation

/// Runnable Swift: a fenced block whose info string is `swift run` is compiled against LossEngine
/// and run at build time; the page shows the code and what it printed.
///
/// All blocks of a build that are not cached compile together in one `swiftc` run (one function
/// per block, one small executable), then each runs in its own process with a time limit, so a
/// crash or an endless loop is reported for its own block. LossEngine itself is compiled once
/// into a library per version of its sources. Outputs are kept in the compute cache by (code,
/// engine sources), so an unchanged block is never compiled again.
struct RunnableSwiftStage {
    static let infoString = "swift run"

    /// Where compiled engines are kept; nil keeps them in a temporary folder.
    let cacheDirectory: URL?
    /// Where the outputs of blocks that ran are kept.
    let computed: ComputeCache
    /// Longest a block may run before it is stopped and reported.
    var timeLimit: TimeInterval = Limits.swiftRunSeconds

    struct Page {
        var document: MarkdownDocument
        var displayPath: String
    }

    /// One block to run, with where it came from.
    struct Job: Hashable {
        var code: String
        var displayPath: String
        /// The opening fence's position: code line k is file line `fence.line + k`.
        var fence: SourcePosition
    }

    struct Outcome: Equatable {
        var output: String
        /// nil when the block finished normally.
        var failure: String?
    }

    private(set) var compiledCount = 0
    private(set) var cachedCount = 0
    /// The fingerprint of the compiled engine the blocks used; nil when there were none.
    private(set) var engineFingerprint: String?

    init(cacheDirectory: URL?, computed: ComputeCache) {
        self.cacheDirectory = cacheDirectory
        self.computed = computed
    }

    /// What the blocks of a set of pages printed, ready to be put in the pages.
    struct Ran: Sendable {
        var outcomes: [String: Outcome] = [:]
        /// The engine the outputs are keyed by; nil when there were no blocks or no toolchain.
        var engine: String?
        var diagnostics: [Diagnostic] = []
    }

    /// Compiles and runs the blocks of `pages`, then puts their outputs in them.
    mutating func run(_ pages: [Page]) -> ([MarkdownDocument], [Diagnostic]) {
        let ran = execute(pages)
        return (pages.map { Self.apply(ran, to: $0.document) }, ran.diagnostics)
    }

    /// Shows each block's code followed by its output (`ran`, from `execute`), in `document`: the
    /// pages may have been expanded further meanwhile, as long as their `swift run` blocks stay.
    static func apply(_ ran: Ran, to document: MarkdownDocument) -> MarkdownDocument {
        guard let engine = ran.engine else { return document }
        var applier = Applier(outcomes: ran.outcomes, engine: engine)
        return applier.rewrite(document)
    }

    /// Compiles the blocks of `pages` that are not cached (all in one `swiftc` run) and runs them.
    /// Needs only the parsed pages, so that a build can compile while it expands the pages'
    /// directives.
    mutating func execute(_ pages: [Page]) -> Ran {
        var jobs: [Job] = []
        for page in pages {
            var collector = Collector(displayPath: page.displayPath)
            collector.walk(page.document)
            jobs += collector.jobs
        }
        guard !jobs.isEmpty else { return Ran() }
        var diagnostics: [Diagnostic] = []
        var outcomes: [String: Outcome] = [:]
        do {
            let toolchain = try SwiftToolchain.locate()
            let workspace = try Workspace(cacheDirectory: cacheDirectory)
            var (engine, note) = try Self.engine(toolchain: toolchain, workspace: workspace)
            engineFingerprint = engine.fingerprint
            var pending: [Job] = []
            for job in jobs {
                let key = Self.key(job.code, engine: engine.fingerprint)
                if outcomes[key] != nil { continue }
                if let output = computed.lookUp(key) {
                    outcomes[key] = Outcome(output: output, failure: nil)
                    cachedCount += 1
                } else if !pending.contains(where: { $0.code == job.code }) {
                    pending.append(job)
                }
            }
            if !pending.isEmpty {
                var compiled: (URL?, [Diagnostic])
                do {
                    compiled = try workspace.compile(pending, engine: engine, toolchain: toolchain)
                } catch let mismatch as Workspace.IncompatibleEngine {
                    // Made by another compiler than the swiftc on PATH: the sources, if at hand.
                    guard let sources = toolchain.engineSources else {
                        throw SwiftToolchain.Missing(description: "the prebuilt LossEngine module cannot be used by this swiftc (\(mismatch)) and LossEngine's sources are not at hand; install the Swift toolchain lossbook was built with, or set LOSSBOOK_ENGINE_SOURCES")
                    }
                    engine = try workspace.engineLibrary(sources: sources, toolchain: toolchain)
                    note = "the prebuilt LossEngine module cannot be used by this swiftc (\(mismatch)); compiled LossEngine from \(sources.path) instead (once; kept in the cache)"
                    engineFingerprint = engine.fingerprint
                    compiled = try workspace.compile(pending, engine: engine, toolchain: toolchain)
                }
                let (runner, compileErrors) = compiled
                defer { workspace.removeBuild() }
                diagnostics += compileErrors
                if let runner {
                    compiledCount += pending.count
                    for (index, job) in pending.enumerated() {
                        let outcome = workspace.execute(runner, block: index, timeLimit: timeLimit)
                        let key = Self.key(job.code, engine: engine.fingerprint)
                        outcomes[key] = outcome
                        if outcome.failure == nil { computed.store(outcome.output, for: key) }
                    }
                }
            }
            for job in jobs {
                guard let outcome = outcomes[Self.key(job.code, engine: engine.fingerprint)], let failure = outcome.failure else { continue }
                diagnostics.append(.error(.swiftRunFailed,
                                          at: SourceLocation(path: job.displayPath, job.fence),
                                          failure + Self.tail(of: outcome.output)))
            }
            if let note {
                let first = jobs[0]
                diagnostics.append(.warning(.swiftRunEngineFromSources,
                                            at: SourceLocation(path: first.displayPath, first.fence), note))
            }
            return Ran(outcomes: outcomes, engine: engine.fingerprint, diagnostics: diagnostics)
        } catch {
            let first = jobs[0]
            diagnostics.append(.error(.swiftRunToolchain,
                                      at: SourceLocation(path: first.displayPath, first.fence),
                                      "cannot run Swift blocks: \(error)"))
            return Ran(diagnostics: diagnostics)
        }
    }

    /// The engine blocks compile against: the prebuilt one of the running lossbook; failing that,
    /// the sources (compiled once and cached), with a note saying why, to be reported.
    /// `LOSSBOOK_ENGINE_SOURCES` asks for the sources explicitly.
    static func engine(toolchain: SwiftToolchain, workspace: Workspace) throws -> (Workspace.EngineLibrary, String?) {
        if toolchain.sourcesRequested, let sources = toolchain.engineSources {
            return (try workspace.engineLibrary(sources: sources, toolchain: toolchain), nil)
        }
        switch PrebuiltEngine.locate() {
        case .success(let prebuilt):
            return (Workspace.library(prebuilt), nil)
        case .failure(let reason):
            guard let sources = toolchain.engineSources else {
                throw SwiftToolchain.Missing(description: "no prebuilt LossEngine module matches this lossbook: \(reason); and LossEngine's sources are not at hand to compile it (set LOSSBOOK_ENGINE_SOURCES to them, or reinstall lossbook)")
            }
            let engine = try workspace.engineLibrary(sources: sources, toolchain: toolchain)
            return (engine, "no prebuilt LossEngine module matches this lossbook: \(reason); compiled LossEngine from \(sources.path) instead (once; kept in the cache)")
        }
    }

    static func key(_ code: String, engine: String) -> String {
        FNV1a128.hex(of: ["swift-run", engine, code])
    }

    /// The last lines a failed block printed, to show with its error.
    private static func tail(of output: String) -> String {
        var all = output.split(separator: "\n", omittingEmptySubsequences: false)
        // After a crash the runtime prints a stack dump; what the author needs ends at the reason.
        if let reason = all.firstIndex(where: { $0.contains("Fatal error:") }) { all = Array(all[...reason]) }
        let lines = all.suffix(5)
        // At most 2,000 characters: a block stopped for printing too much may print long lines.
        let text = String(lines.joined(separator: "\n").suffix(2000)).trimmingWhitespacesAndNewlines
        return text.isEmpty ? "" : "; it printed:\n\(text)"
    }

    private struct Collector: TreeWalk {
        let displayPath: String
        var jobs: [Job] = []

        mutating func visit(block: Block) {
            guard case .codeBlock(let info, let code) = block.kind, info == RunnableSwiftStage.infoString else { return }
            jobs.append(Job(code: code, displayPath: displayPath, fence: block.position))
        }
    }

    /// Shows the code (highlighted later with the other code) followed by its output.
    private struct Applier: TreePass {
        let outcomes: [String: Outcome]
        let engine: String

        mutating func visit(block: Block) -> [Block]? {
            guard case .codeBlock(let info, let code) = block.kind, info == RunnableSwiftStage.infoString else { return nil }
            let output = outcomes[RunnableSwiftStage.key(code, engine: engine)]?.output ?? ""
            var writer = HTMLWriter()
            writer.element("div", ["class": "run-output"]) { w in
                w.element("p", ["class": "run-output-label", "title": "What this code printed when the course was built"], text: "Output")
                w.element("pre") { $0.element("samp", text: output.isEmpty ? "(no output)" : output) }
            }
            return [Block(.codeBlock(info: "swift", code: code), range: block.range),
                    Block(.generated(GeneratedBlock(label: nil, number: nil, html: writer.html)), range: block.range)]
        }
    }
}

/// Finds `swiftc` (on PATH) and, when they are at hand, LossEngine's sources: those named by
/// `LOSSBOOK_ENGINE_SOURCES`, or, for a lossbook running from its checkout's `.build`, those it
/// was compiled from (`SourceCheckout`). The
/// sources are only a fallback (see `PrebuiltEngine`); an installed lossbook does not need them.
struct SwiftToolchain {
    var swiftc: URL
    var engineSources: URL?
    /// `LOSSBOOK_ENGINE_SOURCES` is set: compile the engine from them rather than use a prebuilt one.
    var sourcesRequested = false

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func locate() throws -> SwiftToolchain {
        let environment = ProcessInfo.processInfo.environment
        let candidates = (environment["PATH"] ?? "/usr/bin").split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("swiftc") }
        guard let swiftc = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw Missing(description: "swiftc is not on PATH; install the Swift toolchain")
        }
        if let explicit = environment["LOSSBOOK_ENGINE_SOURCES"], !explicit.isEmpty {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw Missing(description: "LOSSBOOK_ENGINE_SOURCES names \(explicit), which does not exist")
            }
            return SwiftToolchain(swiftc: swiftc, engineSources: URL(fileURLWithPath: explicit), sourcesRequested: true)
        }
        // A lossbook running from its checkout's .build may fall back on the checkout's sources.
        let engine = SourceCheckout.root()?.appendingPathComponent("Sources/LossEngine")
        let present = engine.map { FileManager.default.fileExists(atPath: $0.appendingPathComponent("EngineVersion.swift").path) } ?? false
        return SwiftToolchain(swiftc: swiftc, engineSources: present ? engine : nil)
    }
}
