import Foundation
import Synchronization

/// Renders TeX with KaTeX and highlights code with highlight.js, through one long-lived
/// `node renderer.js` process per build, with a persistent cache.
///
/// Use one service for a whole build, and hand it whole batches (every formula of the course at
/// once is best): requests are streamed to node without waiting for each answer.
///
///     let macros = try RenderService.parseMacros(String(contentsOf: macrosFile, encoding: .utf8))
///     let renderer = try RenderService(macros: macros, cacheDirectory: root.appendingPathComponent(".lossbook-cache"))
///     defer { renderer.close() }
///     let results = try renderer.renderMath(formulas)      // one result per request, same order
///     let blocks = try renderer.highlight(codeBlocks)      // inner HTML of each <code>
///
/// Caching: each formula's key is (TeX, display mode, macros, renderer fingerprint); the
/// fingerprint hashes renderer.js and katex.js themselves (see `RendererInstallation`). Rendered
/// HTML is stored under `<cacheDirectory>/math/`, highlighted code under `<cacheDirectory>/code/`,
/// so an unchanged formula is rendered once, ever; within a build, identical requests are rendered
/// once. Failures are not cached. Output does not depend on the cache: a cached entry holds the
/// exact bytes KaTeX produced. node is started only when something is not cached.
///
/// KaTeX runs with `output: "htmlAndMathml"`, `throwOnError: true`, `trust: false`, and a
/// `strict` function that records LaTeX-incompatibility reports (unicode in `\text{…}` or in math
/// mode, …) without failing: such formulas render as with `strict: "ignore"`. Macros are copied
/// for every formula, so `\gdef` in one formula cannot leak into another.
///
/// Thread safety: calls are serialised by a `Mutex`, so the service may be shared, but a batch runs
/// on the calling thread (plus two helper threads for the pipes); it is meant for synchronous
/// pipeline code.
public final class RenderService: Sendable {
    /// The macros every formula is rendered with.
    public let macros: [String: String]

    private let installation: RendererInstallation
    private let macrosFingerprint: String
    private let mathPrefix: String
    private let codePrefix: String
    /// Everything that changes, behind one lock: a batch holds it from the first lookup to the
    /// last answer, so two batches never interleave on node's pipes.
    private let state: Mutex<State>

    /// The node process (started when first needed), the caches and the counters.
    private struct State {
        var node: NodeRenderer?
        var mathCache: RenderCache
        var codeCache: RenderCache
        var counters = RenderStatistics()
        /// Formulas KaTeX rejected or warned about, for this service's lifetime: never written to
        /// the cache on disk, so that every build that renders them reports them again.
        var flagged: [String: MathResult] = [:]
        /// Keys answered in this build, to tell deduplication from cache hits in the statistics.
        var seen: Set<String> = []
    }

    /// Finds node, KaTeX and highlight.js (see `RenderError` for the messages when they are
    /// missing) and opens the cache. Does not start node yet.
    ///
    /// - Parameters:
    ///   - macros: KaTeX's macros dictionary, usually from `parseMacros(_:)`.
    ///   - cacheDirectory: the build cache (e.g. `<root>/.lossbook-cache`); the service uses its
    ///     `math/` and `code/` subfolders and creates them when needed. `nil` caches in memory only.
    public convenience init(macros: [String: String], cacheDirectory: URL?) throws {
        try self.init(macros: macros, cacheDirectory: cacheDirectory, environment: ProcessInfo.processInfo.environment)
    }

    /// `environment` is where `LOSSBOOK_NODE`, `LOSSBOOK_KATEX`, `LOSSBOOK_HIGHLIGHT_JS` and `PATH`
    /// are looked up; tests use it to simulate a machine without node or KaTeX.
    init(macros: [String: String], cacheDirectory: URL?, environment: [String: String]) throws {
        self.macros = macros
        let installation = try RendererInstallation.locate(environment: environment)
        self.installation = installation
        mathPrefix = Self.mathKeyPrefix(installation)
        codePrefix = Self.codeKeyPrefix(installation)
        let mathCache = RenderCache(
            directory: cacheDirectory?.appendingPathComponent("math", isDirectory: true),
            livePrefix: mathPrefix
        )
        // A course has a formula for every code block or so: fewer buckets for code.
        let codeCache = RenderCache(
            directory: cacheDirectory?.appendingPathComponent("code", isDirectory: true),
            livePrefix: codePrefix,
            buckets: 8
        )
        state = Mutex(State(mathCache: mathCache, codeCache: codeCache))
        macrosFingerprint = FNV1a128.hex(of: macros.keys.sorted().flatMap { [$0, macros[$0]!] })
    }

    deinit { state.withLock { $0.node?.close() } }

    // MARK: - Statistics

    /// Counters for the build summary.
    public var statistics: RenderStatistics {
        state.withLock { $0.counters }
    }

    /// Formula requests answered from the persistent cache.
    public var cacheHits: Int { statistics.mathCacheHits }

    /// Formulas KaTeX rendered in this build.
    public var rendered: Int { statistics.mathRendered }

    // MARK: - Math

    /// Renders every formula; returns one result per request, in the same order. Formula errors are
    /// `.failure` results, not thrown.
    ///
    /// - Throws: `RenderError` when node cannot be started or stops answering.
    public func renderMath(_ requests: [MathRequest]) throws -> [MathResult] {
        try state.withLock { state throws -> [MathResult] in
            var results = [MathResult?](repeating: nil, count: requests.count)
            var missIndices: [String: [Int]] = [:]
            var misses: [(key: String, request: MathRequest)] = []

            for (index, request) in requests.enumerated() {
                let key = mathKey(request)
                if let earlier = state.flagged[key] {
                    results[index] = earlier
                    state.counters.mathDeduplicated += 1
                } else if missIndices[key] != nil {
                    missIndices[key]!.append(index)
                    state.counters.mathDeduplicated += 1
                } else if let html = state.mathCache.value(for: key) {
                    results[index] = .html(html)
                    if state.seen.insert(key).inserted { state.counters.mathCacheHits += 1 } else { state.counters.mathDeduplicated += 1 }
                } else {
                    missIndices[key] = [index]
                    misses.append((key, request))
                }
            }

            if !misses.isEmpty {
                let answers = try exchange(misses.map { .math(tex: $0.request.tex, display: $0.request.display) }, in: &state)
                state.counters.mathRendered += misses.count
                for (miss, answer) in zip(misses, answers) {
                    let result: MathResult
                    if let html = answer.html, let warnings = answer.warnings, !warnings.isEmpty {
                        result = .warned(html: html, warnings: warnings)
                        state.flagged[miss.key] = result
                    } else if let html = answer.html {
                        result = .html(html)
                        state.mathCache.store(html, for: miss.key)
                        state.seen.insert(miss.key)
                    } else {
                        result = .failure(message: answer.error ?? "KaTeX gave no result", position: answer.position)
                        state.flagged[miss.key] = result
                    }
                    for index in missIndices[miss.key]! { results[index] = result }
                }
            }
            return results.map { $0! }
        }
    }

    // MARK: - Code

    /// Highlights every block; returns the HTML to put inside each block's `<code>`, already
    /// escaped, in request order.
    ///
    /// - Throws: `RenderError.highlightJSNotFound` when highlight.js is not installed, or another
    ///   `RenderError` when node cannot be started or stops answering.
    public func highlight(_ requests: [CodeRequest]) throws -> [String] {
        try state.withLock { state throws -> [String] in
            var results = [String?](repeating: nil, count: requests.count)
            var missIndices: [String: [Int]] = [:]
            var misses: [(key: String, request: CodeRequest)] = []

            for (index, request) in requests.enumerated() {
                let key = codeKey(request)
                if missIndices[key] != nil {
                    missIndices[key]!.append(index)
                    state.counters.codeDeduplicated += 1
                } else if let html = state.codeCache.value(for: key) {
                    results[index] = html
                    if state.seen.insert(key).inserted { state.counters.codeCacheHits += 1 } else { state.counters.codeDeduplicated += 1 }
                } else {
                    missIndices[key] = [index]
                    misses.append((key, request))
                }
            }

            if !misses.isEmpty {
                guard installation.highlightJS != nil else { throw RenderError.highlightJSNotFound }
                let answers = try exchange(misses.map { .code(code: $0.request.code, language: $0.request.language) }, in: &state)
                state.counters.codeHighlighted += misses.count
                for (miss, answer) in zip(misses, answers) {
                    guard let html = answer.html else {
                        let message = answer.error ?? "no result"
                        if message.hasPrefix("highlight.js not found") { throw RenderError.highlightJSNotFound }
                        throw RenderError.highlightFailed(message)
                    }
                    state.codeCache.store(html, for: miss.key)
                    state.seen.insert(miss.key)
                    for index in missIndices[miss.key]! { results[index] = html }
                }
            }
            return results.map { $0! }
        }
    }

    // MARK: - Versions

    /// The versions of KaTeX and highlight.js node actually loaded (starts node if needed).
    public func versions() throws -> (katex: String, highlightJS: String?) {
        let answer = try state.withLock { state throws -> NodeRenderer.Answer? in
            try exchange([.version], in: &state).first
        }
        guard let answer, let katex = answer.katex else {
            throw RenderError.protocolViolation("no version answer")
        }
        return (katex, answer.highlight)
    }

    // MARK: - Lifetime

    /// Writes the results rendered since the last flush to the cache folder (also done by `close`).
    public func flush() {
        state.withLock { state in
            state.mathCache.flush()
            state.codeCache.flush()
        }
    }

    /// Starts counting which cached formulas and code blocks a build uses (see `sweepCache()`); a
    /// `serve` session keeps one service, and so one count, across its builds.
    public func resetCacheUsage() {
        state.withLock { state in
            state.mathCache.resetUsage()
            state.codeCache.resetUsage()
        }
    }

    /// Drops from the cache the formulas and code blocks not used since `resetCacheUsage()`, and
    /// writes the rest; for a build that rendered every page. Returns how many were dropped.
    @discardableResult
    public func sweepCache() -> Int {
        state.withLock { $0.mathCache.sweep() + $0.codeCache.sweep() }
    }

    /// Writes the cache and ends the node process (it is started again if the service is used afterwards).
    public func close() {
        state.withLock { state in
            state.mathCache.flush()
            state.codeCache.flush()
            state.node?.close()
            state.node = nil
        }
    }

    /// What node printed on stderr lately; for tests and crash reports.
    var nodeStandardError: String {
        state.withLock { $0.node?.standardError ?? "" }
    }

    // MARK: - Internals

    /// One exchange with node, started first if needed; called with the lock held.
    private func exchange(_ requests: [NodeRenderer.Request], in state: inout State) throws -> [NodeRenderer.Answer] {
        if state.node == nil {
            state.node = try NodeRenderer(installation: installation, macros: macros)
            state.counters.nodeStarted = true
        }
        do {
            return try state.node!.exchange(requests)
        } catch {
            // The process is gone or confused: start afresh next time.
            state.node?.terminate()
            state.node = nil
            throw error
        }
    }

    // Keys hold the full TeX or code, so two different requests can never share an entry.

    private static func mathKeyPrefix(_ installation: RendererInstallation) -> String {
        "math 1|\(installation.mathFingerprint)|"
    }

    private static func codeKeyPrefix(_ installation: RendererInstallation) -> String {
        "code 1|\(installation.codeFingerprint)|"
    }

    private func mathKey(_ request: MathRequest) -> String {
        "\(mathPrefix)\(macrosFingerprint)|\(request.display ? "display" : "inline")|\(request.tex)"
    }

    private func codeKey(_ request: CodeRequest) -> String {
        let language = request.language ?? ""
        return "\(codePrefix)\(language.utf8.count)|\(language)|\(request.code)"
    }
}
