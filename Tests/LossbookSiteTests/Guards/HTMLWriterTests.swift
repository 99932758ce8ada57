import XCTest
@testable import LossbookSite

/// The one writer of generated HTML: escaped text and attributes, trusted markup only through `raw`.
final class HTMLWriterTests: XCTestCase {
    func testAttributesKeepTheirOrderAndNilOnesAreLeftOut() {
        var writer = HTMLWriter()
        writer.open("a", ["href": "x.html", "class": nil, "title": "T", "data-z": "", "aria-label": "L"])
        writer.close("a")
        XCTAssertEqual(writer.html, "<a href=\"x.html\" title=\"T\" data-z=\"\" aria-label=\"L\"></a>")
    }

    func testTextAndAttributeValuesAreEscapedRawIsNot() {
        var writer = HTMLWriter()
        let hostile = "<script>alert('x')</script> & \"q\""
        writer.element("p", ["title": hostile], text: hostile)
        writer.raw("<math><mi>x</mi></math>")
        let escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        XCTAssertEqual(writer.html, "<p title=\"\(escaped)\">\(escaped)</p><math><mi>x</mi></math>")
        XCTAssertFalse(writer.html.contains("<script"), "no hostile tag gets through text or attributes")
        XCTAssertEqual(HTMLWriter.escape("a\u{1}b\u{FFFE}c\td"), "abc\td", "characters XML forbids are dropped")
    }

    func testElementsNestAndVoidElementsHaveNoEnd() {
        var writer = HTMLWriter()
        writer.element("figure", ["id": "fig-1"]) { inner in
            inner.void("img", ["src": "a.svg", "alt": "A & B"])
            inner.newline()
            inner.element("figcaption", text: "Figure 1")
        }
        writer.void("br")
        XCTAssertEqual(writer.html, "<figure id=\"fig-1\"><img src=\"a.svg\" alt=\"A &amp; B\">\n<figcaption>Figure 1</figcaption></figure><br>")
    }

    func testWritingTwiceGivesTheSameBytes() {
        func write() -> String {
            var writer = HTMLWriter()
            for index in 0..<50 {
                writer.element("li", ["data-i": String(index), "class": index.isMultiple(of: 2) ? "even" : nil], text: "item \(index) <\(index)>")
            }
            return writer.html
        }
        XCTAssertEqual(write(), write())
    }
}
