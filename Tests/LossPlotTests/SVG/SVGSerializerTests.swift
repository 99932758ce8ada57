import Testing
@testable import LossPlot

@Suite struct SVGSerializerTests {
    @Test func escapesTheFiveSpecialsInTextAndAttributes() {
        let node = SVGNode.el("text", ["data-x": #"a&b<c>d"e'f"#], [.text(#"a&b<c>d"e'f"#)])
        #expect(SVGSerializer.serialize(node) == "<text data-x=\"a&amp;b&lt;c&gt;d&quot;e&#39;f\">a&amp;b&lt;c&gt;d&quot;e&#39;f</text>\n")
    }

    @Test func dropsCharactersXMLForbids() {
        #expect(SVGSerializer.escape("a\u{0}b\u{1B}c\td\ne") == "abc\td\ne")
        #expect(SVGSerializer.escape("\u{FFFE}ok") == "ok")
    }

    @Test func keepsAttributeOrderAndOmitsNil() {
        let node = SVGNode.el("line", ["z": "1", "a": nil, "m": "2", "b": "3"])
        #expect(SVGSerializer.serialize(node) == "<line z=\"1\" m=\"2\" b=\"3\"/>\n")
    }

    @Test func indentsNestedElementsButKeepsTextInline() {
        let node = SVGNode.group(["class": "g"], [.el("title", [:], [.text("Hi")]), .el("rect", ["x": "0"])])
        #expect(SVGSerializer.serialize(node) == """
            <g class="g">
              <title>Hi</title>
              <rect x="0"/>
            </g>

            """)
    }

    @Test func unicodeIsKeptAsIs() {
        #expect(SVGSerializer.escape("σ(0) = ½, δ, −1") == "σ(0) = ½, δ, −1")
    }
}
