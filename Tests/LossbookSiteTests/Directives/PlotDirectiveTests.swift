import FoundationXML
import XCTest
@testable import LossbookSite

final class PlotDirectiveTests: XCTestCase {
    func testLossCurvesWithRuleBecomeAnAccessibleFigure() throws {
        let (html, problems) = expand("""
        ```plot
        label: fig-huber
        title: Huber against MSE and MAE
        caption: Quadratic near zero, linear beyond δ.
        x: {label: residual, min: -3, max: 3}
        y: {label: loss}
        curves:
          - {loss: huber, args: {delta: 1}, label: Huber}
          - {loss: mse}
          - {loss: mae, derivative: true}
        rules: [{x: 1, label: δ}]
        ```
        """)
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.hasPrefix("<figure class=\"plot\" id=\"fig-huber\"><div class=\"plot-layout plot-wide\"><svg"), String(html.prefix(200)))
        XCTAssertTrue(html.contains("<title id=\"fig-huber-narrow-title\">"), "the narrow layout's ids are its own")
        XCTAssertTrue(html.contains("role=\"img\""))
        XCTAssertTrue(html.contains("<title id=\"fig-huber-title\">Huber against MSE and MAE</title>"), html)
        XCTAssertTrue(html.contains("<figcaption><span class=\"figure-number\">Figure \u{E010}.</span> <strong>Huber against MSE and MAE.</strong> Quadratic near zero"))
        let svg = try XCTUnwrap(html.range(of: "<svg").map { String(html[$0.lowerBound...]) }?.components(separatedBy: "</svg>").first).appending("</svg>")
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse(), "the SVG parses as XML")
    }

    func testPlotIsDeterministic() {
        let source = "```plot\ntitle: Sigmoid\nx: {min: -6, max: 6}\ncurves:\n  - {activation: sigmoid, both: true}\n```\n"
        XCTAssertEqual(expand(source).html, expand(source).html)
    }

    func testDensitiesOnLinearAndLogViews() {
        let (html, problems) = expand("""
        ```plot
        title: Laplace vs Gaussian
        x: {min: -6, max: 6}
        views: [linear, log]
        curves:
          - {density: normal, params: {loc: 0, scale: 1.4142135623730951}}
          - {density: laplace, params: {loc: 0, scale: 1}}
        ```
        """)
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains("Log scale"), "two panels")
    }

    func testSoftmaxBarsWithTemperatures() {
        let (html, problems) = expand("```plot\ntitle: T\nkind: bars\nlogits: [2, 1, 0.1]\ncategories: [a, b, c]\ntemperatures: [0.5, 1, 2]\n```\n")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains("T = 0.5"), html)
    }

    func testPoissonMass() {
        let (_, problems) = expand("```plot\ntitle: P\nkind: bars\nmass: poisson\nparams: {rate: 3}\nx: {min: 0, max: 10}\n```\n")
        XCTAssertEqual(problems, [])
    }

    func testErrorsPointIntoTheBlock() {
        let (_, problems) = expand("""
        Intro.

        ```plot
        title: Broken
        x: {min: 3, max: -3}
        curves:
          - {loss: hubr}
          - {density: normal, params: {loc: 0, scale: -1}}
          - {activation: swish}
        colour: red
        ```
        """)
        XCTAssertTrue(problems.contains("d.md:5:4: error: the x range is empty: min (3.0) must be below max (-3.0)"), "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("d.md:10:1: error: unknown field 'colour' in the plot directive") }, "\(problems)")
    }

    func testUnknownLossAndBadParametersAreReported() {
        let (_, problems) = expand("""
        ```plot
        title: Broken
        x: {min: -3, max: 3}
        curves:
          - {loss: hubr}
          - {density: normal, params: {loc: 0, scale: -1}}
          - {activation: swish}
        ```
        """)
        XCTAssertTrue(problems.contains("d.md:5:5: error: unknown loss 'hubr' (did you mean 'huber'?)"), "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("d.md:6:5: error: distribution 'normal':") && $0.contains("scale") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("d.md:7:5: error: unknown activation 'swish'") }, "\(problems)")
    }

    func testMissingTitleAndRange() {
        let (_, problems) = expand("```plot\ncurves: []\n```\n")
        XCTAssertTrue(problems.contains("d.md:2:1: error: the plot directive is missing the required field 'title'"), "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("needs its x range") }, "\(problems)")
    }

    func testMisspeltDirectiveIsAnError() {
        let (_, problems) = expand("```plto\ntitle: x\n```\n")
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems.first?.hasPrefix("d.md:1:1: error: unknown directive 'plto' (did you mean 'plot'?)") ?? false, "\(problems)")
    }

    func testOrdinaryCodeBlocksAreLeftAlone() {
        let (html, problems) = expand("```python\nprint(1)\n```\n")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains("language-python"))
    }

    func testBadYAMLInABodyPointsAtTheLine() {
        let (_, problems) = expand("text\n\n```plot\ntitle: [unclosed\n```\n")
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].hasPrefix("d.md:5:") || problems[0].hasPrefix("d.md:4:"), problems[0])
        XCTAssertTrue(problems[0].contains("invalid YAML"), problems[0])
    }
}

/// Issue 16: the slider's label wraps only the slider; figures come in two layouts.
final class PlotDirectivePhoneTests: XCTestCase {
    func testSliderLabelWrapsOnlyItsSliderAndTheValueIsOutside() {
        let (html, problems) = expand("```plot\ntitle: Huber\nx: {min: -3, max: 3}\ncurves:\n  - {loss: huber, args: {delta: 1}}\nslider: {parameter: delta, values: [0.5, 1, 2], initial: 1, label: δ}\n```\n")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains("<label><span class=\"plot-slider-name\">δ</span><input type=\"range\""), html)
        XCTAssertTrue(html.contains("</label><span class=\"plot-slider-value\">= <output>1</output></span>"), html)
        let label = html.components(separatedBy: "<label>")[1].components(separatedBy: "</label>")[0]
        XCTAssertFalse(label.contains("<output"))
        // Every frame has both layouts, each with its own ids.
        XCTAssertEqual(html.components(separatedBy: "plot-layout plot-narrow").count - 1, 3)
        let ids = html.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        XCTAssertEqual(Set(ids).count, ids.count, "ids are unique: \(ids)")
    }

    func testCaptionTitleEndsWithAFullStop() {
        XCTAssertEqual(FigureHeader.sentence("Huber against MSE"), "Huber against MSE.")
        XCTAssertEqual(FigureHeader.sentence("Why log? "), "Why log?")
        XCTAssertEqual(FigureHeader.sentence("Done."), "Done.")
    }
}
