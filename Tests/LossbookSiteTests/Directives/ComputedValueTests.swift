import XCTest
@testable import LossbookSite

final class ComputedValueTests: XCTestCase {
    func testLossTableShowsItemsValueAndGradient() {
        let (html, problems) = expand("```loss\nloss: huber\nargs: {input: [0.5, 2, -3], target: [0, 0, 0], delta: 1}\n```\n")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains("Mean loss: <strong class=\"computed-value\">1.375</strong>."), html)
        XCTAssertFalse(html.contains("huber"), "no API names for readers: \(html)")
        XCTAssertTrue(html.contains("<td>1</td>") && !html.contains("<td>0</td><td>0.5</td>"), "items counted from 1: \(html)")
        XCTAssertTrue(html.contains("<td>0.1667</td>"), "gradient 1/6 at 4 digits: \(html)")
        XCTAssertTrue(html.contains("<td>−0.3333</td>"), html)
        XCTAssertTrue(html.contains("<td>2.5</td>"), "per-item loss of −3 is 2.5: \(html)")
    }

    func testLossTableErrors() {
        XCTAssertTrue(expand("```loss\nloss: hubber\nargs: {input: [1], target: [0]}\n```\n").diagnostics
            .contains { $0.contains("unknown loss 'hubber' (did you mean 'huber'?)") })
        let mismatch = expand("```loss\nloss: mse\nargs: {input: [1, 2], target: [0]}\n```\n").diagnostics
        XCTAssertEqual(mismatch.count, 1)
        XCTAssertTrue(mismatch[0].hasPrefix("d.md:2:1: error: loss 'mse':"), "\(mismatch)")
        XCTAssertTrue(expand("```loss\nloss: mse\n```\n").diagnostics.contains("d.md:2:1: error: the loss directive is missing the required field 'args'"))
    }

    func testTrueCheckPassesAndShowsTheNumbers() {
        let (html, problems) = expand("""
        ```check
        claim: cross entropy ignores a shift of the logits
        equal:
          - {loss: cross_entropy, args: {input: [[2, 1, 0.1]], target: [0]}}
          - {loss: cross_entropy, args: {input: [[1002, 1001, 1000.1]], target: [0]}}
          - {expr: "-2 + log(exp(2) + exp(1) + exp(0.1))"}
        tolerance: 1e-12
        ```
        """)
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains("cross entropy ignores a shift of the logits (0.417)."), html)
        XCTAssertFalse(html.contains("build time"), html)
    }

    func testGaussianNLLWithFixedVarianceIsScaledMSEPlusAConstant() {
        let (_, problems) = expand("""
        ```check
        claim: Gaussian NLL with σ² = 4 is MSE/8 plus ½ log(2π·4)
        equal:
          - {loss: gaussian_nll, args: {input: [1, 2], target: [0, 3], var: [4, 4], full: true}}
          - {expr: "m / 8 + 0.5*log(2*pi*4)", with: {m: {loss: mse, args: {input: [1, 2], target: [0, 3]}}}}
        ```
        """)
        XCTAssertEqual(problems, [])
    }

    func testFalseClaimFailsTheBuildAtTheDirective() {
        let (_, problems) = expand("Some text.\n\n```check\nclaim: MSE equals MAE\nequal:\n  - {loss: mse, args: {input: [3], target: [0]}}\n  - {loss: mae, args: {input: [3], target: [0]}}\n```\n")
        XCTAssertEqual(problems, ["d.md:4:1: error: check failed: MSE equals MAE: the values differ (9.0 vs 3.0), beyond the tolerance 1e-09"])
    }

    func testCheckNeedsTwoValuesAndKnownNames() {
        XCTAssertTrue(expand("```check\nclaim: c\nequal: [1]\n```\n").diagnostics.contains { $0.contains("at least two values") })
        XCTAssertTrue(expand("```check\nclaim: c\nequal: [1, {expr: \"a + 1\"}]\n```\n").diagnostics.contains { $0.contains("uses 'a', which 'with' does not define") })
        XCTAssertTrue(expand("```check\nclaim: c\nequal: [1, {expr: \"foo(1)\"}]\n```\n").diagnostics.contains { $0.contains("unknown function 'foo'") })
    }

    func testInlineValues() {
        let (html, problems) = expand("MSE of 3 is `={loss: mse, args: {input: [3], target: [0]}}`, the density is `={density: normal, params: {loc: 0, scale: 1}, at: 0, digits: 3}`.")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains(">9</span>"), html)
        XCTAssertTrue(html.contains(">0.399</span>"), html)
    }

    func testInlineExperimentField() {
        let (html, problems) = expand("MSE's slope: `={experiment: outlier-line, seed: 7, field: mse.slope, digits: 3}`.")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains("computed-value"), html)
        let missing = expand("`={experiment: outlier-line, field: nope}`").diagnostics
        XCTAssertTrue(missing.first?.contains("experiment 'outlier-line' has no field 'nope'; its fields are") ?? false, "\(missing)")
    }

    func testExperimentDirective() {
        let (html, problems) = expand("```experiment\nname: outlier-line\nseed: 7\nlabel: fig-outliers\n```\n")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains("<figure class=\"plot experiment\" id=\"fig-outliers\"><div class=\"plot-layout plot-wide\"><svg"), String(html.prefix(300)))
        XCTAssertTrue(html.contains("<th scope=\"col\">Slope</th>"), html)
        XCTAssertTrue(html.contains("<div class=\"plot-layout plot-narrow\"><svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lp\" viewBox=\"0 0 340 "), "a narrow layout for phones")
        XCTAssertTrue(html.contains("<div class=\"table-wrapper\" role=\"region\" tabindex=\"0\" aria-label=\"Table: "), "the table's scroll box is a named region")
        XCTAssertTrue(expand("```experiment\nname: outlier-lines\n```\n").diagnostics.first?.contains("unknown experiment 'outlier-lines' (did you mean 'outlier-line'?)") ?? false)
        XCTAssertTrue(expand("```experiment\nname: outlier-line\nshow: [movie]\n```\n").diagnostics.first?.contains("unknown 'show: movie'") ?? false)
    }

    func testInlineValueErrors() {
        let problems = expand("Bad: `={loss: mse, args: {input: [1], target: [1, 2]}}`.").diagnostics
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].contains("error: loss 'mse':"), "\(problems)")
        XCTAssertTrue(expand("`={density: nromal, at: 0}`").diagnostics.contains { $0.contains("unknown distribution 'nromal'") })
    }

    func testNumberFormatting() {
        XCTAssertEqual(NumberFormat.format(1.375), "1.375")
        XCTAssertEqual(NumberFormat.format(2302.5850929940457, digits: 7), "2302.585")
        XCTAssertEqual(NumberFormat.format(-0.3333333), "−0.3333")
        XCTAssertEqual(NumberFormat.format(1e-7, digits: 3), "1 × 10⁻⁷")
        XCTAssertEqual(NumberFormat.format(0), "0")
        XCTAssertEqual(NumberFormat.format(.infinity), "∞")
    }
}
