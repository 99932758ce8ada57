import LossEngine
import XCTest
@testable import LossbookSite

/// The experiments a build starts before it expands its pages: the ones their uncached
/// directives and inline values name, once each, the most expensive first.
final class ExperimentPlanTests: XCTestCase {
    private let lab = """
        # A lab

        ```experiment
        name: outlier-line
        seed: 7
        show: [table]
        ```

        The slope is `={experiment: outlier-line, seed: 7, field: mse.slope, digits: 3}`, and
        `={expr: "a / b", with: {a: {experiment: skewed-gaussian, seed: 11, field: data.n}, b: 2}}`.

        ```check
        claim: "n is {=1}"
        equal:
          - {experiment: priors-map, seed: 7, field: data.n}
          - {expr: "a", with: {a: {experiment: priors-map, seed: 7, field: data.n}}}
        ```
        """

    private let plain = """
        # No experiment

        Just text, `code`, and `={loss: mse, args: {input: [3], target: [0]}}`.
        """

    private func parse(_ markdown: String, path: String = "lab.md") -> MarkdownDocument {
        MarkdownParser().parse(markdown, path: path, firstLine: 1).0
    }

    func testFindsEveryExperimentOnceMostExpensiveFirst() {
        let page = lab + "\n\n```experiment\nname: heteroscedastic\nshow: [plot]\n```\n"
        let plan = ExperimentPlan([(document: parse(page), path: "lab.md")], cache: ComputeCache(directory: nil))
        let runs = plan.runs.map { "\($0.name)#\($0.seed)" }
        XCTAssertEqual(Set(runs), ["outlier-line#7", "skewed-gaussian#11", "priors-map#7", "heteroscedastic#7"])
        XCTAssertEqual(runs.count, 4, "each once")
        XCTAssertEqual(runs.first, "heteroscedastic#7", "the costliest experiment starts first")
        let ranks = plan.runs.map { ExperimentCatalog.costRank($0.name) }
        XCTAssertEqual(ranks, ranks.sorted())
    }

    /// The plan's cache keys are the directive and inline-value passes' own: once a page has been
    /// expanded with a cache, planning it again with that cache starts nothing.
    func testAnExpandedPagePlansNothing() {
        let computed = ComputeCache(directory: nil)
        let document = parse(lab)
        var directives = DirectiveStage(path: "lab.md", cache: computed)
        var values = InlineValuePass(path: "lab.md", cache: computed)
        _ = values.rewrite(directives.rewrite(document))
        XCTAssertEqual(directives.diagnostics.map(\.description) + values.diagnostics.map(\.description), [])
        let plan = ExperimentPlan([(document: document, path: "lab.md")], cache: ComputeCache(directory: nil, experiments: computed.experiments))
        XCTAssertFalse(plan.runs.isEmpty, "a fresh cache plans the experiments")
        XCTAssertEqual(ExperimentPlan([(document: document, path: "lab.md")], cache: computed).runs, [])
    }

    func testPagesWithoutExperimentsAreExpandedFirst() {
        let pages = [(document: parse("```experiment\nname: heteroscedastic\n```\n"), path: "a.md"), (document: parse(plain), path: "b.md"),
                     (document: parse("```experiment\nname: outlier-line\nseed: 3\n```\n"), path: "c.md"),
                     (document: parse(plain), path: "d.md")]
        let plan = ExperimentPlan(pages, cache: ComputeCache(directory: nil))
        // b and d need nothing; c's experiment is cheaper than a's heteroscedastic, so c comes
        // before a (the prefetch thread starts at a's end of the list).
        XCTAssertEqual(plan.expansionOrder, [1, 3, 2, 0])
    }

    /// Broken bodies, unknown names and bad seeds are left to the directive to report: the plan
    /// skips them and starts nothing for them.
    func testSkipsWhatTheDirectiveWillReject() {
        let broken = """
            ```experiment
            name: [unclosed
            ```

            ```experiment
            name: no-such-experiment
            ```

            ```experiment
            name: outlier-line
            seed: -1
            ```

            ```experiment
            name: outlier-line
            seed: 2.5
            ```

            `={experiment: skewed-gaussian, field: x` and ```` `plain` ````.
            """
        XCTAssertEqual(ExperimentPlan([(document: parse(broken), path: "x.md")], cache: ComputeCache(directory: nil)).runs, [])
    }

    func testTheDefaultSeedIsTheDirectivesOwn() {
        let page = parse("```experiment\nname: label-noise\n```\n\n`={experiment: label-noise, field: a}`\n")
        let plan = ExperimentPlan([(document: page, path: "x.md")], cache: ComputeCache(directory: nil))
        XCTAssertEqual(plan.runs, [ExperimentPlan.Run(name: "label-noise", seed: 7)])
    }

    /// Bodies without the bytes `experiment` are not parsed by the plan; a double-quoted key that
    /// spells it with escapes still names one, so a backslash keeps a body in.
    func testAKeySpelledWithEscapesStillNamesAnExperiment() {
        let page = """
            ```check
            claim: "n is {=1}"
            equal:
              - {"\\x65xperiment": priors-map, seed: 5, field: data.n}
              - 1
            ```

            A value: `={expr: "a", with: {a: {"\\u0065xperiment": outlier-line, seed: 2, field: mse.slope}}}`.
            """
        let plan = ExperimentPlan([(document: parse(page), path: "lab.md")], cache: ComputeCache(directory: nil))
        XCTAssertEqual(Set(plan.runs.map { "\($0.name)#\($0.seed)" }), ["priors-map#5", "outlier-line#2"])
        XCTAssertTrue(ExperimentPlan.mayNameExperiment("x: 1\ny: {experiment: a}"))
        XCTAssertFalse(ExperimentPlan.mayNameExperiment("function: mse\nxs: [0, 1]"))
    }
}
