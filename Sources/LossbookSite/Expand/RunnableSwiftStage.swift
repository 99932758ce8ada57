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

    mutating func run(_ pages: [Page]) -> ([MarkdownDocument], [Diagnostic]) {
        var jobs: [Job] = []
        for page in pages {
            var collector = Collector(displayPath: page.displayPath)
            _ = collector.rewrite(page.document)
            jobs += collector.jobs
        }
        guard !jobs.isEmpty else { return (pages.map(\.document), []) }
        var diagnostics: [Diagnostic] = []
        var outcomes: [String: Outcome] = [:]
        do {
            let toolchain = try SwiftToolchain.locate()
            let workspace = try Workspace(cacheDirectory: cacheDirectory)
            let engine = try workspace.engineLibrary(toolchain: toolchain)
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
                let (runner, compileErrors) = try workspace.compile(pending, engine: engine, toolchain: toolchain)
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
                diagnostics.append(.error("lossbook.swift-run.failed",
                                          at: SourceLocation(path: job.displayPath, line: job.fence.line, column: job.fence.column),
                                          failure + Self.tail(of: outcome.output)))
            }
            let documents = pages.map { page -> MarkdownDocument in
                var applier = Applier(outcomes: outcomes, engine: engine.fingerprint)
                return applier.rewrite(page.document)
            }
            return (documents, diagnostics)
        } catch {
            let first = jobs[0]
            diagnostics.append(.error("lossbook.swift-run.toolchain",
                                      at: SourceLocation(path: first.displayPath, line: first.fence.line, column: first.fence.column),
                                      "cannot run Swift blocks: \(error)"))
            return (pages.map(\.document), diagnostics)
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
        let text = String(lines.joined(separator: "\n").suffix(2000)).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : "; it printed:\n\(text)"
    }

    private struct Collector: TreePass {
        let displayPath: String
        var jobs: [Job] = []

        mutating func visit(block: Block) -> [Block]? {
            guard case .codeBlock(let info, let code) = block.kind, info == RunnableSwiftStage.infoString else { return nil }
            jobs.append(Job(code: code, displayPath: displayPath, fence: block.position))
            return [block]
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
                w.element("p", ["class": "run-output-label"], text: "Output (run at build time)")
                w.element("pre") { $0.element("samp", text: output.isEmpty ? "(no output)" : output) }
            }
            return [Block(.codeBlock(info: "swift", code: code), at: block.position),
                    Block(.generated(GeneratedBlock(label: nil, number: nil, html: writer.html)), at: block.position)]
        }
    }
}

/// Finds `swiftc` (next to the running lossbook, then on PATH) and LossEngine's sources.
struct SwiftToolchain {
    var swiftc: URL
    var engineSources: URL

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func locate() throws -> SwiftToolchain {
        let environment = ProcessInfo.processInfo.environment
        let candidates = (environment["PATH"] ?? "/usr/bin").split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("swiftc") }
        guard let swiftc = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw Missing(description: "swiftc is not on PATH; install the Swift toolchain")
        }
        // This file sits at Sources/LossbookSite/Expand/; the engine at Sources/LossEngine.
        let sources = URL(fileURLWithPath: environment["LOSSBOOK_ENGINE_SOURCES"] ?? #filePath)
        let engine = environment["LOSSBOOK_ENGINE_SOURCES"] != nil ? sources
            : sources.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("LossEngine")
        guard FileManager.default.fileExists(atPath: engine.path) else {
            throw Missing(description: "LossEngine's sources are not at \(engine.path); set LOSSBOOK_ENGINE_SOURCES")
        }
        return SwiftToolchain(swiftc: swiftc, engineSources: engine)
    }
}
