import XCTest
@testable import LossbookSite

/// The reader-facing fields of `loss`, `check` and `experiment`: captions, column labels with
/// formulas, items counted from 1, claims that read with their numbers, located errors.
final class DirectiveFieldTests: XCTestCase {
    private let marker = GeneratedBlock.mathStart

    func testLossColumnsCaptionAndTotal() {
        let (html, problems) = expand("""
        ```loss
        loss: mse
        args: {input: [1, 3], target: [0, 0]}
        caption: Two predictions of $y = 0$.
        total: Mean of $\\ell_i$
        columns: {item: '$i$', input: '$\\hat y$', target: '$y$', loss: '$\\ell_i$', input.grad: 'slope'}
        digits: 3
        ```
        """)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(GeneratedBlock.mathMarkers(in: html), ["y = 0", "\\ell_i", "i", "\\hat y", "y", "\\ell_i"])
        XCTAssertTrue(html.contains("<caption>Two predictions of \(GeneratedBlock.mathMarker("y = 0")). Mean of "), html)
        XCTAssertTrue(html.contains(": <strong class=\"computed-value\">5</strong>."), html)
        XCTAssertTrue(html.contains("<th scope=\"col\">slope</th>"), html)
        // Gradient of the mean (1² + 3²)/2 with respect to each input: 2·ŷ/2.
        XCTAssertTrue(html.contains("<tr><td>1</td><td>1</td><td>0</td><td>1</td><td>1</td></tr>"), html)
        XCTAssertTrue(html.contains("<tr><td>2</td><td>3</td><td>0</td><td>9</td><td>3</td></tr>"), html)
        XCTAssertFalse(html.contains("mse"), html)
    }

    func testLossDefaultsSpeakOfTheReducedLossWithoutApiNames() {
        let (html, problems) = expand("```loss\nloss: mae\nargs: {input: [2], target: [0]}\nreduction: sum\n```\n")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains("<caption>Total loss: <strong class=\"computed-value\">2</strong>.</caption>"), html)
        XCTAssertEqual(GeneratedBlock.mathMarkers(in: html), ["\\partial L / \\partial"])
        let none = expand("```loss\nloss: mae\nargs: {input: [2], target: [0]}\nreduction: none\n```\n").html
        XCTAssertFalse(none.contains("<caption>"), "no single value to show: \(none)")
        XCTAssertEqual(GeneratedBlock.mathMarkers(in: none), ["\\partial \\ell_i / \\partial"])
    }

    func testLossUnknownColumnIsALocatedErrorWithASuggestion() {
        let problems = expand("```loss\nloss: mse\nargs: {input: [1], target: [0]}\ncolumns:\n  inptu: a\n```\n").diagnostics
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems[0].hasPrefix("d.md:5:3: error: unknown column 'inptu' (did you mean 'input'?)"), "\(problems)")
        let notMapping = expand("```loss\nloss: mse\nargs: {input: [1], target: [0]}\ncolumns: [a, b]\n```\n").diagnostics
        XCTAssertTrue(notMapping.first?.contains("'columns' must be a mapping") ?? false, "\(notMapping)")
        let unknownField = expand("```loss\nloss: mse\nargs: {input: [1], target: [0]}\ncaptoin: x\n```\n").diagnostics
        XCTAssertTrue(unknownField.first?.contains("unknown field 'captoin' in the loss directive (did you mean 'caption'?)") ?? false, "\(unknownField)")
    }

    func testCheckClaimReadsWithItsNumbers() {
        let (html, problems) = expand("""
        ```check
        claim: "BCE of a positive at $p = 0.5$ is {=1}, which is $\\\\log 2$ = {=2}"
        equal:
          - {loss: bce, args: {input: [0.5], target: [1]}}
          - {expr: "log(2)"}
        digits: 5
        ```
        """)
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains("is 0.69315, which is \(GeneratedBlock.mathMarker("\\log 2")) = 0.69315</p>"), html)
        XCTAssertFalse(html.contains("{=1}") || html.contains(" = 0.6931471806"), html)
        XCTAssertFalse(html.contains("build time"), html)
    }

    func testCheckPlaceholderOutOfRangeAndBraceTeXLeftAlone() {
        let out = expand("```check\nclaim: \"value {=3}\"\nequal: [1, 1]\n```\n").diagnostics
        XCTAssertEqual(out, ["d.md:2:8: error: the claim uses {=3}, but 'equal' has 2 values ({=1} to {=2})"])
        // `\frac{1}{2}` is TeX, not a placeholder.
        let (html, problems) = expand("```check\nclaim: 'half is $\\frac{1}{2}$'\nequal: [0.5, {expr: \"1/2\"}]\n```\n")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(GeneratedBlock.mathMarkers(in: html), ["\\frac{1}{2}"])
        XCTAssertTrue(html.hasSuffix(" (0.5).</p>\n") || html.contains(" (0.5).</p>"), html)
    }

    func testClaimTemplate() {
        XCTAssertEqual(ClaimTemplate("a {=1} b {=2}{=1}").indices, [1, 2, 1])
        XCTAssertEqual(ClaimTemplate("a {=1} b {=2}").filled(["x", "y"]), "a x b y")
        XCTAssertEqual(ClaimTemplate("{=} {=x} {1}").indices, [])
    }

    func testExperimentColumnLabelsAndNoBuildNote() {
        let (html, problems) = expand("""
        ```experiment
        name: outlier-line
        show: table
        columns: {Slope: 'Fitted slope $w$'}
        ```
        """)
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains("<th scope=\"col\">Fitted slope \(GeneratedBlock.mathMarker("w"))</th>"), html)
        XCTAssertFalse(html.contains("build time") || html.contains("engine"), html)
        let wrong = expand("```experiment\nname: outlier-line\ncolumns: {Slop: x}\n```\n").diagnostics
        XCTAssertEqual(wrong.count, 1, "\(wrong)")
        XCTAssertTrue(wrong[0].hasPrefix("d.md:3:11: error: experiment 'outlier-line' has no column 'Slop' (did you mean 'Slope'?)"), "\(wrong)")
    }

    func testDirectiveTextSegments() {
        XCTAssertEqual(DirectiveText.segments("a $x$ b \\$5 $$ c $y"), [.text("a "), .math("x"), .text(" b $5 $$ c $y")])
        XCTAssertEqual(DirectiveText.segments("$\\$$"), [.math("\\$")])
        XCTAssertEqual(DirectiveText.plain("cost $\\ell$"), "cost \\ell")
    }

    func testMathMarkersSurviveEscapingAndRoundTrip() {
        var writer = HTMLWriter()
        DirectiveText.write("<b> $a<b & \"c\"$", into: &writer)
        XCTAssertTrue(writer.html.hasPrefix("&lt;b&gt; "), writer.html)
        XCTAssertEqual(GeneratedBlock.mathMarkers(in: writer.html), ["a<b & \"c\""])
        let replaced = GeneratedBlock.replacingMathMarkers(in: writer.html) { "[\($0.count)]" }
        XCTAssertEqual(replaced, "&lt;b&gt; [9]")
        XCTAssertEqual(GeneratedBlock.replacingMathMarkers(in: "x\(marker)!!!") { _ in "?" }, "x\(marker)!!!", "a broken marker stays")
    }
}
