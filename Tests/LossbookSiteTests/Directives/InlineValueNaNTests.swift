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

    func testInfinityIsStillANumber() {
        let (html, problems) = expand("`={expr: \"1/0\"}`")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(html.contains(">∞</span>"), html)
    }
}
