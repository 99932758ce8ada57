import LossEngine

/// The experiments a set of parsed pages will run, found before their directives are expanded,
/// so that a cold build can start the long trainings first (`ExperimentCache.prefetch`) and
/// expand the pages that need none meanwhile.
///
/// An experiment counts only when a directive or inline value that names it is not in the
/// compute cache: a warm build, whose results are stored, starts nothing. The cache keys are the
/// ones `DirectiveStage` and `InlineValuePass` use (`ExperimentPlanTests` checks that a page
/// expanded once plans nothing). Bodies that do not parse are skipped: their directive reports
/// the problem when it runs, and runs nothing.
struct ExperimentPlan {
    /// An experiment by name and seed.
    struct Run: Hashable, Sendable {
        var name: String
        var seed: UInt64
    }

    /// What each page needs, in the pages' order.
    private(set) var needs: [[Run]] = []

    /// `documents` are parsed pages (before directives), with their display paths.
    init(_ documents: [(document: MarkdownDocument, path: String)], cache: ComputeCache) {
        needs = documents.map { page in
            var finder = Finder(path: page.path, cache: cache)
            finder.walk(page.document)
            return finder.runs
        }
    }

    /// Every run needed, once each, the most expensive first (`ExperimentCatalog.costRank`).
    var runs: [Run] {
        var seen = Set<Run>()
        let all = needs.joined().filter { seen.insert($0).inserted }
        return all.enumerated().sorted { a, b in
            let (ca, cb) = (ExperimentCatalog.costRank(a.element.name), ExperimentCatalog.costRank(b.element.name))
            return ca != cb ? ca < cb : a.offset < b.offset
        }.map(\.element)
    }

    /// The order to expand the pages in: those that need no experiment first (their formulas
    /// reach node early), then those whose experiments come last in `runs` before those whose
    /// experiments come first. A page expanded before its experiment's turn runs the experiment
    /// itself, so the prefetch thread and the pages meet in the middle and neither waits long.
    var expansionOrder: [Int] {
        let rank = Dictionary(runs.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let earliest = needs.map { runs in runs.compactMap { rank[$0] }.min() }
        return needs.indices.sorted { a, b in
            switch (earliest[a], earliest[b]) {
            case (nil, nil): return a < b
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x != y ? x > y : a < b
            }
        }
    }

    /// Whether a YAML text can hold the key `experiment`: only if it has those bytes, or a
    /// backslash (a double-quoted key may spell it with escapes). Every other body (a plot's,
    /// most of a course's) is not parsed twice, here and by its directive: that was a sixth
    /// of a cold build's plot directives.
    static func mayNameExperiment(_ text: String) -> Bool {
        ByteSearch.withUTF8(text) { bytes in
            ByteSearch.firstIndex(of: UInt8(ascii: "\\"), in: bytes, from: 0) != nil
                || ByteSearch.find(experimentKey, in: bytes) != nil
        }
    }

    private static let experimentKey = Array("experiment".utf8)

    /// Collects the experiments of one page's uncached directives and inline values.
    private struct Finder: TreeWalk {
        let path: String
        let cache: ComputeCache
        var runs: [Run] = []
        /// Directive blocks so far: part of each one's cache key, as in `DirectiveStage`.
        private var count = 0

        init(path: String, cache: ComputeCache) {
            self.path = path
            self.cache = cache
        }

        mutating func visit(block: Block) {
            guard case .codeBlock(let info, let body) = block.kind else { return }
            let words = info.split(separator: " ")
            guard words.count == 1, let word = words.first.map(String.init), DirectiveRegistry.directive(named: word) != nil else { return }
            count += 1
            guard body.utf8.count <= Limits.directiveBytes, word == ExperimentDirective.name || ExperimentPlan.mayNameExperiment(body),
                  !cache.contains(cache.key(word, "\(word)\(count)\u{0}\(body)")),
                  case .success(let value) = YAMLReader.parse(body, path: path, origin: SourcePosition(line: 1, column: 1)) else { return }
            if word == ExperimentDirective.name, let name = Self.string(value, "name") {
                add(name, seed: Self.seed(value))
            }
            collect(value, depth: 0)
        }

        mutating func visit(inline: Inline) {
            guard case .code(let code, _) = inline, code.hasPrefix("="), ExperimentPlan.mayNameExperiment(code), !cache.contains(cache.key("value", code)),
                  case .success(let value) = YAMLReader.parse(String(code.dropFirst()), path: path, origin: SourcePosition(line: 1, column: 1))
            else { return }
            collect(value, depth: 0)
        }

        /// Computations naming an experiment (`{experiment: NAME, seed: N, field: …}`), wherever
        /// they sit in the value (a check's claim, an expression's `with`).
        private mutating func collect(_ value: YAMLValue, depth: Int) {
            // The reader already limits nesting; this keeps the walk bounded on its own.
            guard depth < 64 else { return }
            switch value {
            case .mapping(let pairs, _):
                if let name = Self.string(value, "experiment") { add(name, seed: Self.seed(value)) }
                for pair in pairs { collect(pair.value, depth: depth + 1) }
            case .sequence(let items, _):
                for item in items { collect(item, depth: depth + 1) }
            case .scalar, .null:
                break
            }
        }

        private mutating func add(_ name: String, seed: UInt64?) {
            guard let seed, ExperimentCatalog.names.contains(name) else { return }
            let run = Run(name: name, seed: seed)
            if !runs.contains(run) { runs.append(run) }
        }

        private static func string(_ value: YAMLValue, _ key: String) -> String? {
            guard case .mapping(let pairs, _) = value, let pair = pairs.first(where: { $0.key == key }),
                  case .scalar(let text, _, _, _) = pair.value else { return nil }
            return text
        }

        /// The `seed` field (7 when absent, as the directive and computations default); nil when
        /// it is not a whole number from 0 up (the directive reports it and runs nothing).
        private static func seed(_ value: YAMLValue) -> UInt64? {
            guard case .mapping(let pairs, _) = value, let pair = pairs.first(where: { $0.key == "seed" }) else { return 7 }
            guard let number = FieldReader.number(pair.value), number >= 0, number < 1e15, number == number.rounded() else { return nil }
            return UInt64(number)
        }
    }
}
