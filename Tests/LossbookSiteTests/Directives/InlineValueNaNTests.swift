import XCTest
@testable import LossbookSite

/// An inline value that evaluates to NaN is a located error, never the text "NaN" in the page.
final class InlineValueNaNTests: XCTestCase {
    func testNaNIsALocatedError() {
        let (html, problems) = expand("Line one.\n\nThe value `={expr: \"0/0\"}` here.", path: "nan.md")
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems.first?.hasPrefix("nan.md:3:") ?? false, "\(problems)")
        XCTAssertTrue(problems.first?.contains("error: the inline value comes out NaN") ?? false, "\(problems)")
        XCTAssertFalse(html.contains(">NaN<"), html)
    }

    func testNaNCoversTheSpansText() {
        // `={expr: "0/0"}` between the backticks: columns 12 to 25 of line 1.
        let (document, _) = MarkdownParser().parse("The value `={expr: \"0/0\"}` here.\n", path: "nan.md", firstLine: 1)
        var pass = InlineValuePass(path: "nan.md")
        _ = pass.rewrite(document)
        XCTAssertEqual(pass.diagnostics.first?.location?.range,
                       SourceRange(start: SourcePosition(line: 1, column: 12), end: SourcePosition(line: 1, column: 25)))
    }

    func testInfinityIsStillANumber() {
        let (html, problems) = expand("`={expr: \"1/0\"}`")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains(">∞</span>"), html)
    }
}
