import Testing
@testable import LossPlot

@Suite struct ArrowMarkTests {
    @Test func shaftAndHeadEndAtTheTarget() throws {
        let figure = Render.figure([.arrow(ArrowMark(from: Point(0, 0), to: Point(1, 1), label: "here"))], x: Axis(min: 0, max: 1), y: Axis(min: 0, max: 1))
        let layout = FigureRenderer(figure: figure).layouts()[0]
        let head = try #require(Render.elements(figure, class: "lp-arrowhead").first?.attribute("d"))
        let tip = Render.points(inPath: head)[0]
        #expect(abs(tip.0 - layout.x.position(1)!) < 0.01)
        #expect(abs(tip.1 - layout.y.position(1)!) < 0.01)
        #expect(head.hasSuffix("Z"))
        #expect(Render.elements(figure, class: "lp-arrow").count == 1)
        #expect(figure.svg().contains(">here</text>"))
    }

    @Test func degenerateArrowDrawsNothing() {
        let figure = Render.figure([.arrow(ArrowMark(from: Point(0.5, 0.5), to: Point(0.5, 0.5)))], x: Axis(min: 0, max: 1), y: Axis(min: 0, max: 1))
        #expect(Render.elements(figure, class: "lp-arrowhead").isEmpty)
    }

    @Test func describedInTheDesc() {
        let figure = Render.figure([.arrow(ArrowMark(from: Point(0, 0), to: Point(1, 1), label: "steepest"))])
        #expect(figure.accessibleDescription.contains("Arrow from (0, 0) to (1, 1): steepest."))
    }
}
