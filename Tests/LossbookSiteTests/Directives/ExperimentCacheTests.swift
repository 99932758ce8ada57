import Dispatch
import LossEngine
import XCTest
@testable import LossbookSite

/// The experiment cache belongs to one build (its `ComputeCache`): within the build an experiment
/// runs once however many pages show or quote it; another build, in the same process, runs it
/// again rather than seeing the first build's result.
final class ExperimentCacheTests: XCTestCase {
    private let lab = """
        ```experiment
        name: outlier-line
        seed: 7
        show: [table]
        ```

        The slope is `={experiment: outlier-line, seed: 7, field: mse.slope, digits: 3}`.
        """

    /// Expands `markdown` as the build's note expansion does: directives, then inline values,
    /// both with the build's compute cache.
    private func expand(_ markdown: String, with computed: ComputeCache) -> (html: String, diagnostics: [String]) {
        let (document, problems) = MarkdownParser().parse(markdown, path: "lab.md", firstLine: 1)
        var directives = DirectiveStage(path: "lab.md", cache: computed)
        var values = InlineValuePass(path: "lab.md", cache: computed)
        let expanded = values.rewrite(directives.rewrite(document))
        return (HTMLRenderer().render(expanded), (problems + directives.diagnostics + values.diagnostics).map(\.description))
    }

    func testAFigureAndAnInlineValueOfOneBuildShareOneRun() {
        let computed = ComputeCache(directory: nil)
        let (html, diagnostics) = expand(lab, with: computed)
        XCTAssertEqual(diagnostics, [])
        XCTAssertTrue(html.contains("<table class=\"computed\">") && html.contains("computed-value"), String(html.prefix(400)))
        XCTAssertEqual(computed.experiments.runs, 1)
    }

    func testTwoBuildsInOneProcessEachRunTheirOwnExperiments() {
        let first = ComputeCache(directory: nil)
        let second = ComputeCache(directory: nil)
        let one = expand(lab, with: first)
        // Another course, with another seed and the same experiment.
        let other = expand(lab.replacingOccurrences(of: "seed: 7", with: "seed: 11"), with: second)
        XCTAssertEqual(one.diagnostics, [])
        XCTAssertEqual(other.diagnostics, [])
        XCTAssertEqual(first.experiments.runs, 1)
        XCTAssertEqual(second.experiments.runs, 1, "the second build ran its experiment itself")
        // The second build's cache holds only what it ran: asking it for the first build's
        // experiment runs it now, and what it gives is what the first build showed.
        let third = ComputeCache(directory: nil)
        let again = expand(lab, with: third)
        XCTAssertEqual(third.experiments.runs, 1, "nothing left over from the first build")
        XCTAssertEqual(again.html, one.html, "same name and seed, same numbers")
        XCTAssertNotEqual(other.html, one.html, "another seed, other numbers")
    }

    func testManyPagesAskingAtOnceGetOneResult() throws {
        let cache = ExperimentCache()
        let results = ResultSlots<ExperimentResult>(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            results.set(index, try? cache.result("outlier-line", seed: 7))
        }
        let expected = try ExperimentCatalog.run("outlier-line", seed: 7)
        XCTAssertEqual(results.all, Array(repeating: Optional(expected), count: 16))
        XCTAssertEqual(cache.runs, 1, "one page ran it; the others waited for that run")
        XCTAssertEqual(try cache.result("outlier-line", seed: 7), expected)
        let runs = cache.runs
        _ = try cache.result("outlier-line", seed: 7)
        XCTAssertEqual(cache.runs, runs, "once stored, never run again")
    }

    /// A build starts its experiments before its pages ask (`prefetch`): a page asking for one
    /// that is running waits for that run, and one asking before its turn runs it itself.
    func testPagesAndThePrefetchShareEachRun() throws {
        let cache = ExperimentCache()
        cache.prefetch([("outlier-line", 7), ("skewed-gaussian", 11), ("no-such-experiment", 1)])
        let results = ResultSlots<ExperimentResult>(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            results.set(index, try? cache.result(index % 2 == 0 ? "skewed-gaussian" : "outlier-line", seed: index % 2 == 0 ? 11 : 7))
        }
        let line = try ExperimentCatalog.run("outlier-line", seed: 7), skewed = try ExperimentCatalog.run("skewed-gaussian", seed: 11)
        XCTAssertEqual(results.all, (0..<8).map { $0 % 2 == 0 ? skewed : line })
        XCTAssertThrowsError(try cache.result("no-such-experiment", seed: 1))
        XCTAssertThrowsError(try cache.result("no-such-experiment", seed: 1), "a failure is kept and reported to every page that asks")
        XCTAssertEqual(cache.runs, 3, "each experiment ran once, by the prefetch or by a page")
    }
}
