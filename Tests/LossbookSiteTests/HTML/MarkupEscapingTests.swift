import LossPlot
@testable import LossbookSite
import MarkupEscaping
import XCTest

/// One escaper for pages, templates and figures (issue 20, item 3), working on scalars.
final class MarkupEscapingTests: XCTestCase {
    func testTheFiveSpecialsAndForbiddenControls() {
        XCTAssertEqual(MarkupEscaping.escaped(#"a & b < c > d "e" 'f'"#), "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;")
        XCTAssertEqual(MarkupEscaping.escaped("tab\tline\ncr\r bell\u{7} nul\u{0} \u{FFFE}\u{FFFF}x"), "tab\tline\ncr\r bell nul x")
        XCTAssertEqual(MarkupEscaping.escaped("plain é ∑ 🙂"), "plain é ∑ 🙂")
    }

    /// A quote followed by a combining mark is one Character that is not `"`: an escaper that
    /// compared Characters (HTMLWriter's did) let it close an attribute.
    func testAQuoteWithACombiningMarkIsStillEscaped() {
        let hostile = "x\"\u{301} onmouseover=alert(1) '\u{308}"
        let expected = "x&quot;\u{301} onmouseover=alert(1) &#39;\u{308}"
        XCTAssertEqual(MarkupEscaping.escaped(hostile), expected)
        var writer = HTMLWriter()
        writer.element("a", ["title": hostile], text: hostile)
        XCTAssertEqual(writer.html, "<a title=\"\(expected)\">\(expected)</a>")
        let template = try? PageTemplate(parsing: "<p title=\"{{t}}\">{{t}}</p>")
        XCTAssertEqual(template?.render(["t": .text(hostile)], partials: [:]), "<p title=\"\(expected)\">\(expected)</p>")
    }

    func testPagesTemplatesAndFiguresEscapeAlike() {
        for text in ["<&>\"'", "a\u{1}b", "x\"\u{301}", "ok"] {
            XCTAssertEqual(HTMLWriter.escape(text), MarkupEscaping.escaped(text))
        }
    }

    /// Pages are written as bytes: escaping into a byte buffer gives the bytes of the escaped
    /// string, for hostile text too (a quote with a combining mark, forbidden characters).
    func testEscapingIntoBytesGivesTheEscapedStringsBytes() {
        for text in ["<&>\"'", "a\u{1}b\u{FFFE}c", "x\"\u{301}", "ok", "", "é ∑ 🙂 <b>"] {
            var out: [UInt8] = Array("prefix".utf8)
            MarkupEscaping.appendEscaped(text, to: &out)
            XCTAssertEqual(out, Array(("prefix" + MarkupEscaping.escaped(text)).utf8), text)
            var writer = HTMLWriter()
            writer.element("p", ["title": text], text: text)
            XCTAssertEqual(writer.html, "<p title=\"\(MarkupEscaping.escaped(text))\">\(MarkupEscaping.escaped(text))</p>")
        }
    }
}
