import Testing
@testable import LossPlot

@Suite struct TextMarkTests {
    @Test func textSitsAtItsPointWithOffsetAndHalo() throws {
        let figure = Render.figure([.text(TextMark(at: Point(0, 0.5), text: "σ(0) = ½", anchor: .middle, dx: 0, dy: -8, showsDot: true))],
                                   x: Axis(min: -1, max: 1), y: Axis(min: 0, max: 1))
        let layout = FigureRenderer(figure: figure).layouts()[0]
        let text = try #require(Render.elements(figure, class: "lp-halo").first)
        #expect(text.attribute("x") == NumberFormat.coordinate(layout.x.position(0)!))
        #expect(text.attribute("y") == NumberFormat.coordinate(layout.y.position(0.5)! - 8))
        #expect(text.attribute("text-anchor") == "middle")
        #expect(text.children == [.text("σ(0) = ½")])
        #expect(Render.elements(figure, class: "lp-marker").count == 1)
    }

    @Test func textIsEscapedOnlyInTheWriter() throws {
        let figure = Render.figure([.text(TextMark(at: Point(0, 0), text: "a < b & c > \"d\""))])
        let text = try #require(Render.elements(figure, class: "lp-halo").first)
        #expect(text.children == [.text("a < b & c > \"d\"")])  // the tree holds plain text
        #expect(figure.svg().contains("a &lt; b &amp; c &gt; &quot;d&quot;"))
    }

    @Test func pointsOutsideThePlotDrawNothing() {
        let figure = Render.figure([.text(TextMark(at: Point(5, 5), text: "away"))], x: Axis(min: 0, max: 1), y: Axis(min: 0, max: 1))
        #expect(!figure.svg().contains("away</text>"))
    }
}
