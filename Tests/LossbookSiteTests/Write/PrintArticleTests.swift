import XCTest
@testable import LossbookSite

/// The print page cuts each page's article out by its bytes.
final class PrintArticleTests: XCTestCase {
    func testArticleWithoutItsContentsBoxAndWithSolutionsUnfolded() {
        let page = """
        <html><body><nav class="site">s</nav><article class="page">é<nav class="toc"><a href="#a">A</a></nav>\
        <h2 id="a">A</h2><details class="solution"><summary>S</summary>x</details>\
        <details class="solution">y</details></article><footer>f</footer></body></html>
        """
        XCTAssertEqual(PrintPage.article(of: page),
                       "é<h2 id=\"a\">A</h2><details class=\"solution\" open><summary>S</summary>x</details><details class=\"solution\" open>y</details>")
    }

    func testArticleWithoutContentsBoxAndTheLastCloseTag() {
        let page = "<article>a<p>b</p></article>x</article>"
        XCTAssertEqual(PrintPage.article(of: page), "a<p>b</p></article>x")
        XCTAssertNil(PrintPage.article(of: "<p>no article</p>"))
        XCTAssertNil(PrintPage.article(of: "</article><article>"))
    }

    func testRewritingBytesGivesWhatRewritingTheStringGives() {
        let rewriter = HTMLIdRewriter(prefix: "p1-", pagePrefix: { _ in nil }, resource: { $0 })
        let html = "<h2 id=\"é\">ℓ</h2><a href=\"#é\">x</a>"
        let bytes = Array(html.utf8).withUnsafeBufferPointer { rewriter.rewrite(bytes: $0) }
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), rewriter.rewrite(html))
        XCTAssertEqual(rewriter.rewrite(html), "<h2 id=\"p1-é\">ℓ</h2><a href=\"#p1-é\">x</a>")
    }
}
