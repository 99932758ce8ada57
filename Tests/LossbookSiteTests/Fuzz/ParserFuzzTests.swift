import Foundation
import LossbookTestSupport
import XCTest
@testable import LossbookSite

/// Feeds thousands of mutated notes, built from the real course, through every parsing pass:
/// front matter splitting, math recognition, Markdown, callouts, directive arguments, inline
/// values and references. Nothing may crash or take more than a second, and every problem must
/// come back as a diagnostic that points inside the file. Inputs that once failed are kept in
/// Fixtures/fuzz-corpus and replayed first.
final class ParserFuzzTests: XCTestCase {
    /// Deterministic, so a failure reproduces.
    private typealias Random = SeededRandom

    /// Fragments that stress our own syntax more than random bytes would.
    private static let fragments = ["$", "$$", "\\$", "\\(", "\\)", "\\[", "\\]", "`", "```", "```plot\n", "```loss\n", "```check\n",
                                    "```swift run\n", "> ", "> [!NOTE]\n", "> [!EXERCISE] x\n", "> > [!SOLUTION]\n", "[!FOO]",
                                    "@eq-", "@fig-x", "{#eq-a}", "{#", "\n---\n", "---\n", "title:", ": [", "{", "}", "[", "]",
                                    "|", "\n| a | b |\n|---|---|\n", "- ", "1. ", "*", "_", "\\", "\u{E000}", "\u{0}", "\r\n", "\t",
                                    "`={loss: mse, args: {input: [1], target: [0]}}`", "`={", "é", "🙂", "\u{FEFF}", "](x.md)", "<div>"]

    private static func seedDocuments() -> [(String, String)] {
        let content = TestProject.repositoryRoot.appendingPathComponent("content")
        let files = FileListing.regularFiles(under: content).filter { $0.hasSuffix(".md") }
        return files.compactMap { name in
            (try? String(contentsOf: content.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
        }
    }

    private static func mutate(_ text: String, _ random: inout Random) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<(1 + random.below(8)) {
            let at = random.below(scalars.count + 1)
            switch random.below(5) {
            case 0: // insert a fragment
                scalars.insert(contentsOf: fragments[random.below(fragments.count)].unicodeScalars, at: at)
            case 1: // delete a run
                let end = min(scalars.count, at + random.below(40))
                if at < end { scalars.removeSubrange(at..<end) }
            case 2: // duplicate a run
                let end = min(scalars.count, at + random.below(200))
                if at < end { scalars.insert(contentsOf: scalars[at..<end], at: at) }
            case 3: // a random scalar
                scalars.insert(Unicode.Scalar(UInt32(random.below(0x7F))) ?? "x", at: at)
            default: // cut the document short
                scalars = Array(scalars.prefix(at))
            }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    /// The experiments the notes run, trained once for the whole fuzz run as one build would
    /// (each page is expanded with a fresh compute cache, so its directives do run).
    private let experiments = ExperimentCache()

    /// CPU seconds the calling thread has used: a hang or a blow-up in the passes shows in it,
    /// while a loaded machine (wall time 5–10 times the CPU time here) does not.
    private static func threadCPUSeconds() -> TimeInterval {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return TimeInterval(time.tv_sec) + TimeInterval(time.tv_nsec) / 1e9
    }

    /// Runs every pass of one page; returns the CPU time it took on this thread (the passes run
    /// here; an experiment's training may use a second thread too).
    private func exercise(_ text: String, name: String) -> TimeInterval {
        let start = Self.threadCPUSeconds()
        let path = "content/\(name)"
        // Lines as Markdown counts them: \n, \r\n and a lone \r each end one.
        let bytes = Array(text.utf8)
        let lineCount = 1 + bytes.indices.filter { bytes[$0] == 0x0A || (bytes[$0] == 0x0D && ($0 + 1 == bytes.count || bytes[$0 + 1] != 0x0A)) }.count
        var diagnostics: [Diagnostic] = []
        switch FrontMatterParser.split(text, path: path) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
        case .success(let split):
            diagnostics += FrontMatterParser.read(split, path: path).1
            let (document, parseProblems) = MarkdownParser().parse(split.body, path: path, firstLine: split.bodyFirstLine)
            diagnostics += parseProblems
            var callouts = CalloutPass(path: path)
            var expanded = callouts.run(document)
            let computed = ComputeCache(directory: nil, experiments: experiments)
            var directives = DirectiveStage(path: path, cache: computed)
            expanded = directives.rewrite(expanded)
            var values = InlineValuePass(path: path, cache: computed)
            expanded = values.rewrite(expanded)
            var labels = LabelIndex()
            expanded = labels.number(expanded, page: "p.html", displayPath: path, chapter: 1)
            var references = ReferencePass(labels: labels, page: "p.html", displayPath: path)
            expanded = references.rewrite(expanded)
            _ = HTMLRenderer().render(expanded)
            diagnostics += callouts.diagnostics + directives.diagnostics + values.diagnostics + labels.diagnostics + references.diagnostics
        }
        for diagnostic in diagnostics {
            guard let location = diagnostic.location else { continue }
            XCTAssertEqual(location.path, path)
            XCTAssertTrue((1...max(lineCount, 1) + 1).contains(location.line), "\(diagnostic) is outside the \(lineCount)-line file")
            XCTAssertGreaterThanOrEqual(location.column, 1, "\(diagnostic)")
        }
        return Self.threadCPUSeconds() - start
    }

    /// What counts as a hang, in CPU seconds of the passes' thread: far above any honest page (the
    /// slowest train a model for an `experiment` whose seed a mutation changed, in a debug build
    /// where the engine's SIMD kernels run unoptimised: about 1–2 s), far below what a quadratic
    /// blow-up or a loop takes. CPU time, because wall time on a loaded machine was 7 s for such a
    /// page.
    static let hangSeconds: TimeInterval = 5

    func testCorpusOfInputsThatOnceFailed() throws {
        let corpus = TestProject.repositoryRoot.appendingPathComponent("Tests/LossbookSiteTests/Fixtures/fuzz-corpus")
        for name in FileListing.regularFiles(under: corpus) {
            let data = try Data(contentsOf: corpus.appendingPathComponent(name))
            let seconds = exercise(String(decoding: data, as: UTF8.self), name: name)
            XCTAssertLessThan(seconds, Self.hangSeconds, "\(name) took \(seconds) s")
        }
    }

    func testMutatedCourseNotes() {
        let seeds = Self.seedDocuments()
        XCTAssertFalse(seeds.isEmpty, "the course's notes are the fuzzing seeds")
        // Each note once as written, untimed: the experiments the notes run are trained here and
        // kept for the rest of the run (`experiments`), so a mutated note is timed on its passes, not on a
        // first training run (a minute for the heteroscedastic lab in a debug build).
        for (name, text) in seeds { _ = exercise(text, name: name) }
        var random = Random(seed: 20261127)
        let iterations = Int(ProcessInfo.processInfo.environment["LOSSBOOK_FUZZ_ITERATIONS"] ?? "") ?? 2000
        var slowest = 0.0
        for iteration in 0..<iterations {
            let (name, text) = seeds[random.below(seeds.count)]
            let mutated = Self.mutate(text, &random)
            let seconds = exercise(mutated, name: name)
            slowest = max(slowest, seconds)
            if seconds > Self.hangSeconds {
                let saved = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-fuzz-slow-\(iteration).md")
                try? Data(mutated.utf8).write(to: saved)
                XCTFail("iteration \(iteration) took \(seconds) s; input saved at \(saved.path) (add it to Fixtures/fuzz-corpus)")
            }
        }
        print("fuzz: \(iterations) mutated notes, slowest \(Int(slowest * 1000)) ms")
    }
}
