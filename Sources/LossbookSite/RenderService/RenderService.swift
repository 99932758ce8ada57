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
/// Thread safety: the caches and counters are behind one `Mutex`, each node process behind its
/// own, held for a whole batch, so the service may be shared; a batch runs on the calling thread
/// (plus two helper threads for the pipes). There are two node processes, `lanes`: every call
/// uses the first unless it names the second (the prefetcher's second thread does, when a cold
/// build queues more formulas than one process renders in time). A formula another call is
/// rendering is waited for, not rendered twice.
public final class RenderService: Sendable {
    /// The macros every formula is rendered with.
    public let macros: [String: String]

    private let installation: RendererInstallation
    private let macrosFingerprint: String
    private let mathPrefix: String
    private let codePrefix: String
    /// The caches, the counters and what is being rendered, behind one lock, held only between
    /// node's batches.
    private let state: Mutex<State>
    /// The node processes (each started when first needed), each behind its own lock, held for a
    /// whole batch, so that two batches never interleave on one process's pipes.
    private let lanes: [Lane]
    /// Broadcast whenever keys stop being rendered (`State.inFlight`), for the calls waiting on them.
    private let settled = NSCondition()

    /// The number of node processes a service may run (`renderMath(_:lane:)`).
    static let laneCount = 2

    /// A node process and its lock.
    private final class Lane: Sendable {
        let node: Mutex<NodeRenderer?>

        init(node: sending NodeRenderer?) {
            self.node = Mutex(node)
        }
    }

    /// The caches and the counters.
    private struct State {
        var mathCache: RenderCache
        var codeCache: RenderCache
        var counters = RenderStatistics()
        /// Formulas KaTeX rejected or warned about, for this service's lifetime: never written to
        /// the cache on disk, so that every build that renders them reports them again.
        var flagged: [String: MathResult] = [:]
        /// Keys answered in this build, to tell deduplication from cache hits in the statistics.
        var seen: Set<String> = []
        /// Keys some call is rendering now: another call that needs one waits for it.
        var inFlight: Set<String> = []
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
    /// `startedNode`, a node process started before the macros were known (see `LoadStage`),
    /// becomes the first lane's if it runs this service's installation; otherwise it is stopped.
    init(macros: [String: String], cacheDirectory: URL?, environment: [String: String],
         startedNode: sending NodeRenderer? = nil) throws {
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
        var first = startedNode
        if let node = first, node.launchedFrom != installation {
            node.terminate()
            first = nil
        }
        first?.configure(macros: macros)
        lanes = [Lane(node: first)] + (1..<Self.laneCount).map { _ in Lane(node: nil) }
        macrosFingerprint = FNV1a128.hex(of: macros.keys.sorted().flatMap { [$0, macros[$0]!] })
    }

    deinit {
        for lane in lanes { lane.node.withLock { $0?.end() } }
    }

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
        try renderMath(requests, lane: 0)
    }

    /// The same, with node process `lane` (0 or 1) for what is not cached.
    func renderMath(_ requests: [MathRequest], lane: Int) throws -> [MathResult] {
        try resolve(requests.map(mathKey), lane: lane, known: { state, key in
            if let earlier = state.flagged[key] {
                state.counters.mathDeduplicated += 1
                return earlier
            }
            guard let html = state.mathCache.value(for: key) else { return nil }
            if state.seen.insert(key).inserted { state.counters.mathCacheHits += 1 } else { state.counters.mathDeduplicated += 1 }
            return .html(html)
        }, repeated: { $0.counters.mathDeduplicated += 1 }, beforeRendering: {}, request: { index in
            .math(tex: requests[index].tex, display: requests[index].display)
        }, answered: { state, key, answer in
            state.counters.mathRendered += 1
            if let html = answer.html, let warnings = answer.warnings, !warnings.isEmpty {
                state.flagged[key] = .warned(html: html, warnings: warnings)
                return .warned(html: html, warnings: warnings)
            } else if let html = answer.html {
                state.mathCache.store(html, for: key)
                state.seen.insert(key)
                return .html(html)
            }
            let failure = MathResult.failure(message: answer.error ?? "KaTeX gave no result", position: answer.position)
            state.flagged[key] = failure
            return failure
        })
    }

    // MARK: - Code

    /// Highlights every block; returns the HTML to put inside each block's `<code>`, already
    /// escaped, in request order.
    ///
    /// - Throws: `RenderError.highlightJSNotFound` when highlight.js is not installed, or another
    ///   `RenderError` when node cannot be started or stops answering.
    public func highlight(_ requests: [CodeRequest]) throws -> [String] {
        try highlight(requests, lane: 0)
    }

    /// The same, with node process `lane` (0 or 1) for what is not cached.
    func highlight(_ requests: [CodeRequest], lane: Int) throws -> [String] {
        try resolve(requests.map(codeKey), lane: lane, known: { state, key in
            guard let html = state.codeCache.value(for: key) else { return nil }
            if state.seen.insert(key).inserted { state.counters.codeCacheHits += 1 } else { state.counters.codeDeduplicated += 1 }
            return html
        }, repeated: { $0.counters.codeDeduplicated += 1 }, beforeRendering: {
            guard installation.highlightJS != nil else { throw RenderError.highlightJSNotFound }
        }, request: { index in
            .code(code: requests[index].code, language: requests[index].language)
        }, answered: { state, key, answer in
            guard let html = answer.html else {
                let message = answer.error ?? "no result"
                if message.hasPrefix("highlight.js not found") { throw RenderError.highlightJSNotFound }
                throw RenderError.highlightFailed(message)
            }
            state.counters.codeHighlighted += 1
            state.codeCache.store(html, for: key)
            state.seen.insert(key)
            return html
        })
    }

    // MARK: - Batches

    /// One result per key, in order: what is known (`known`: cached, or flagged) at once; what
    /// another call is rendering, once it has; the rest rendered by node process `lane` (a
    /// request made by `request` from a key's first index, after `beforeRendering` did not
    /// throw) and recorded by `answered`. `repeated` counts a key asked for twice in one call. The caches' lock is not held while node works,
    /// so two calls on different lanes render at the same time.
    private func resolve<Result: Sendable>(_ keys: [String], lane: Int, known: @Sendable (inout State, String) -> Result?,
                                           repeated: @Sendable (inout State) -> Void, beforeRendering: () throws -> Void,
                                           request: (Int) -> NodeRenderer.Request,
                                           answered: @Sendable (inout State, String, NodeRenderer.Answer) throws -> Result) throws -> [Result] {
        var results = [Result?](repeating: nil, count: keys.count)
        while true {
            // What is known, what this call renders (claimed), and whether another call is
            // rendering some of the rest.
            let open = keys.indices.filter { results[$0] == nil }
            let (found, misses, indices, waiting) = state.withLock { state -> ([(Int, Result)], [String], [String: [Int]], Bool) in
                var found: [(Int, Result)] = []
                var misses: [String] = []
                var indices: [String: [Int]] = [:]
                var waiting = false
                for index in open {
                    let key = keys[index]
                    if indices[key] != nil {
                        indices[key]!.append(index)
                        repeated(&state)
                    } else if let result = known(&state, key) {
                        found.append((index, result))
                    } else if state.inFlight.contains(key) {
                        waiting = true
                    } else {
                        indices[key] = [index]
                        misses.append(key)
                        state.inFlight.insert(key)
                    }
                }
                return (found, misses, indices, waiting)
            }
            for (index, result) in found { results[index] = result }
            if !misses.isEmpty {
                let answers: [NodeRenderer.Answer]
                do {
                    try beforeRendering()
                    answers = try exchange(misses.map { request(indices[$0]![0]) }, lane: lane)
                } catch {
                    release(misses) { _ in [Result]() }
                    throw error
                }
                let made = try release(misses) { state in
                    try zip(misses, answers).map { key, answer in try answered(&state, key, answer) }
                }
                for (key, result) in zip(misses, made) {
                    for index in indices[key]! { results[index] = result }
                }
            }
            guard waiting else { return results.map { $0! } }
            // Wait until no key this call needs is being rendered elsewhere, then look again: the
            // other call's results are known now (or, if it failed, this call renders them).
            let needed = Set(keys.indices.filter { results[$0] == nil }.map { keys[$0] })
            settled.lock()
            while state.withLock({ state in !state.inFlight.isDisjoint(with: needed) }) { settled.wait() }
            settled.unlock()
        }
    }

    /// Records a batch (`body`, under the caches' lock) and ends its keys' rendering, waking the
    /// calls that wait for them, even when `body` throws.
    @discardableResult
    private func release<Result: Sendable>(_ keys: [String], _ body: @Sendable (inout State) throws -> [Result]) rethrows -> [Result] {
        settled.lock()
        defer {
            settled.broadcast()
            settled.unlock()
        }
        return try state.withLock { state in
            defer { state.inFlight.subtract(keys) }
            return try body(&state)
        }
    }

    // MARK: - Versions

    /// The versions of KaTeX and highlight.js node actually loaded (starts node if needed).
    public func versions() throws -> (katex: String, highlightJS: String?) {
        let answer = try exchange([.version], lane: 0).first
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
        }
        for lane in lanes {
            lane.node.withLock { node in
                node?.end()
                node = nil
            }
        }
    }

    /// What node printed on stderr lately; for tests and crash reports.
    var nodeStandardError: String {
        lanes[0].node.withLock { $0?.standardError ?? "" }
    }

    // MARK: - Internals

    /// One exchange with node process `lane`, started first if needed.
    private func exchange(_ requests: [NodeRenderer.Request], lane: Int) throws -> [NodeRenderer.Answer] {
        try lanes[lane].node.withLock { node throws -> [NodeRenderer.Answer] in
            if node == nil { node = try NodeRenderer(installation: installation, macros: macros) }
            if !node!.hasExchanged { state.withLock { $0.counters.nodeStarted = true } }
            do {
                return try node!.exchange(requests)
            } catch {
                // The process is gone or confused: start afresh next time.
                node?.terminate()
                node = nil
                throw error
            }
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
