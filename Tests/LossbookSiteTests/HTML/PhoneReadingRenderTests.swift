import XCTest
@testable import LossbookSite

/// What the HTML renderer writes for reading on a phone (issue 16): scroll boxes that are named
/// regions, reference tables as labelled cards, math that keeps its punctuation, exercises with
/// headings, smart punctuation that leaves math and code alone.
final class PhoneReadingRenderTests: XCTestCase {
    private func html(_ markdown: String) -> String {
        let (document, diagnostics) = MarkdownParser().parse(markdown, path: "t.md", firstLine: 1)
        XCTAssertEqual(diagnostics, [])
        return HTMLRenderer().render(document)
    }

    func testTableIsANamedFocusableRegionAndEmptyHeadingsAreNotHeadings() {
        let out = html("| | loss | $\\sigma^2$ |\n|---|---|---|\n| a | MSE | 1 |\n")
        XCTAssertTrue(out.contains(#"<div class="table-wrapper" role="region" tabindex="0" aria-label="Table: loss, σ²">"#), out)
        XCTAssertTrue(out.contains("<thead><tr><td></td><th scope=\"col\">loss</th>"), out)
        XCTAssertFalse(out.contains("<th></th>"))
        XCTAssertFalse(out.contains("data-label"), "plain tables get no card labels")
    }

    func testCardsMarkerLabelsEveryCellAndIsNotShown() {
        let out = html("| loss | assumed distribution of $y$ | how it breaks |\n|---|---|---|\n| MSE | normal | outliers |\n\n{.cards}\n\nAfter.\n")
        XCTAssertTrue(out.contains(#"<table class="cards">"#), out)
        XCTAssertTrue(out.contains(#"<td data-label="assumed distribution of y">normal</td>"#), out)
        XCTAssertTrue(out.contains(#"<td data-label="how it breaks">outliers</td>"#), out)
        XCTAssertFalse(out.contains("{.cards}"), out)
        XCTAssertTrue(out.contains("<p>After.</p>"))
    }

    func testCardsMarkerElsewhereIsOrdinaryText() {
        let out = html("Text.\n\n{.cards}\n")
        XCTAssertTrue(out.contains("<p>{.cards}</p>"), out)
    }

    func testCardsInsideACalloutToo() {
        let out = html("> | a | b |\n> |---|---|\n> | 1 | 2 |\n>\n> {.cards}\n")
        XCTAssertTrue(out.contains(#"<table class="cards">"#), out)
    }

    func testDisplayEquationIsANamedRegion() {
        let numbered = html("$$\nx^2\n$$ {#eq-sq}\n")
        XCTAssertTrue(numbered.contains(#"role="region" tabindex="0" aria-label="Equation: x²""#), numbered)
        let long = html("$$\n\\frac{1}{2}\\sum_{i=1}^{N} (y_i - \\mu_\\theta(x_i))^2 + \\lambda \\lVert \\theta \\rVert_2^2 + \\gamma \\lVert \\theta \\rVert_1 + \\text{more terms here}\n$$\n")
        let label = long.components(separatedBy: "aria-label=\"").dropFirst().first?.components(separatedBy: "\"").first ?? ""
        XCTAssertTrue(label.hasPrefix("Equation: 1/2"), label)
        XCTAssertLessThanOrEqual(label.count, 72)
        XCTAssertFalse(label.contains("\\"), "no TeX in the name: \(label)")
    }

    func testPunctuationAfterInlineMathStaysWithIt() {
        let out = html("The loss is $a^2$, and the gradient $2a$. Then $b$ alone and $c$)! done\n")
        XCTAssertTrue(out.contains(#"<span class="math-nowrap"><span class="math-inline">"#), out)
        XCTAssertEqual(out.components(separatedBy: "math-nowrap").count - 1, 3, out)
        XCTAssertTrue(out.contains("</span>,</span> and the gradient"), out)
        XCTAssertTrue(out.contains("</span>)!</span> done"), out)
        XCTAssertTrue(out.contains(#"<span class="math-inline">"#))
    }

    func testExerciseTitleIsAHeadingBelowItsSection() {
        let document = MarkdownDocument(blocks: [
            Block(.heading(level: 2, content: [.text("Practice", at: TextSource(at: SourcePosition(line: 1, column: 1)))], anchor: "practice"), at: SourcePosition(line: 1, column: 1)),
            Block(.exercise(Exercise(number: 1, title: [.text("Outliers", at: TextSource(at: SourcePosition(line: 2, column: 1)))], content: [], solution: nil)), at: SourcePosition(line: 2, column: 1)),
        ])
        let out = HTMLRenderer().render(document)
        XCTAssertTrue(out.contains(#"<h3 class="exercise-title">Exercise 1: Outliers</h3>"#), out)
    }

    func testSmartPunctuationInProseButNotInMathOrCode() {
        let out = html("It's \"quoted\" -- and --- done... Math $f'(x) -- g''$ and `it's -- code`.\n\n```\nlet s = \"a\" -- 'b'\n```\n")
        XCTAssertTrue(out.contains("It’s “quoted” – and — done…"), out)
        XCTAssertTrue(out.contains("<code>it&#39;s -- code</code>"), out)
        XCTAssertTrue(out.contains("let s = &quot;a&quot; -- &#39;b&#39;"), out)
        let (document, _) = MarkdownParser().parse("Math $f'(x) -- g''$ here.\n", path: "t.md", firstLine: 1)
        guard case .paragraph(let inlines) = document.blocks.first?.kind,
              let math = inlines.compactMap({ if case .math(let m) = $0 { m } else { nil } }).first else {
            return XCTFail("no math")
        }
        XCTAssertEqual(math.tex, "f'(x) -- g''")
    }

    func testSmartDashesKeepHeadingAnchors() {
        XCTAssertEqual(Slug.make("Huber -- robust"), Slug.make("Huber – robust"))
        XCTAssertEqual(Slug.make("a--b"), "a-b")
        XCTAssertEqual(Slug.make("a–b"), "a-b")
    }
}

/// Hostile input for the names of scroll regions: deep nesting and huge formulas stay bounded.
final class ScrollRegionNameLimitTests: XCTestCase {
    func testDeeplyNestedFormulaGetsAShortName() {
        let tex = String(repeating: "{", count: 50_000) + "x" + String(repeating: "}", count: 50_000)
        var math = Math(tex: tex, display: true, position: SourcePosition(line: 1, column: 1))
        math.html = "<span class=\"katex-display\"></span>"
        let out = HTMLRenderer().render(MarkdownDocument(blocks: [Block(.displayMath(math), at: SourcePosition(line: 1, column: 1))]))
        XCTAssertTrue(out.contains("aria-label=\"Equation\""), String(out.prefix(300)))
        XCTAssertEqual(TableLayout.readableMath(String(repeating: "a", count: 10_000)).count, 400)
    }
}
