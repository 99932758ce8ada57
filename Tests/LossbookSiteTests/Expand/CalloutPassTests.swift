import XCTest
@testable import LossbookSite

final class CalloutPassTests: XCTestCase {
    private func run(_ markdown: String) -> (MarkdownDocument, [Diagnostic]) {
        let (document, _) = MarkdownParser().parse(markdown, path: "c.md", firstLine: 1)
        var pass = CalloutPass(path: "c.md")
        return (pass.run(document), pass.diagnostics)
    }

    func testCalloutWithDefaultTitle() {
        let (document, diagnostics) = run("> [!NOTE]\n> A loss is an assumption.\n")
        XCTAssertEqual(diagnostics, [])
        let html = HTMLRenderer().render(document)
        XCTAssertTrue(html.contains("<aside class=\"callout callout-note\"><p class=\"callout-title\">Note</p>"), html)
        XCTAssertTrue(html.contains("<p>A loss is an assumption.</p>"), html)
    }

    func testKeyIdeaWithTitle() {
        let html = HTMLRenderer().render(run("> [!KEY] Logs are monotonic\n> Same argmax.\n").0)
        XCTAssertTrue(html.contains("callout-key"), html)
        XCTAssertTrue(html.contains("<p class=\"callout-title\">Logs are monotonic</p>"), html)
    }

    func testExerciseWithFoldedSolution() {
        let (document, diagnostics) = run("> [!EXERCISE] Outliers\n> Which line moves?\n>\n> > [!SOLUTION]\n> > The MSE line.\n\n> [!EXERCISE]\n> Second.\n")
        XCTAssertEqual(diagnostics, [])
        let html = HTMLRenderer().render(document)
        XCTAssertTrue(html.contains("<section class=\"exercise\" id=\"exercise-1\"><h2 class=\"exercise-title\">Exercise 1: Outliers</h2>"), html)
        XCTAssertTrue(html.contains("<details class=\"solution\"><summary>Solution</summary>"), html)
        XCTAssertTrue(html.contains("The MSE line."), html)
        XCTAssertTrue(html.contains("Exercise 2"), html)
    }

    func testUnknownCalloutIsAnError() {
        let (_, diagnostics) = run("text\n\n> [!NOPE]\n> x\n")
        XCTAssertEqual(diagnostics.map(\.description), ["c.md:3:1: error: unknown callout '[!NOPE]'; use NOTE, TIP, WARNING, KEY or EXERCISE"])
    }

    func testSolutionOutsideExerciseIsAnError() {
        XCTAssertEqual(run("> [!SOLUTION]\n> x\n").1.map(\.id), [.calloutUnknown])
    }

    func testOrdinaryBlockQuoteAndLinkTextStayAsTheyAre() {
        let html = HTMLRenderer().render(run("> Just a quote with [a link](x.md).\n").0)
        XCTAssertTrue(html.hasPrefix("<blockquote>"), html)
    }
}
