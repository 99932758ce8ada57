import Testing
@testable import LossPlot

@Suite struct RuleMarkTests {
    @Test func verticalRuleSpansThePlotAtItsX() throws {
        let figure = Render.figure([.line(LineMark(points: [Point(-3, 0), Point(3, 9)])), .rule(RuleMark(x: 1, label: "δ"))], x: Axis(min: -3, max: 3))
        let layout = FigureRenderer(figure: figure).layouts()[0]
        let line = try #require(Render.tree(figure).allElements.first { $0.name == "line" })
        let x = try #require(layout.x.position(1))
        #expect(line.attribute("x1") == NumberFormat.coordinate(x))
        #expect(line.attribute("y1") == NumberFormat.coordinate(layout.frame.minY))
        #expect(line.attribute("y2") == NumberFormat.coordinate(layout.frame.maxY))
        #expect(line.attribute("stroke-dasharray") == DashPattern.dashed.dashArray)
        #expect(figure.svg().contains(">δ</text>"))
    }

    @Test func horizontalRuleWithColour() throws {
        let figure = Render.figure([.rule(RuleMark(y: 0, label: "zero", color: .green, dash: .solid))])
        let line = try #require(Render.tree(figure).allElements.first { $0.name == "line" })
        #expect(line.attribute("class") == "lp-rule lp-colored lp-c3")
        #expect(line.attribute("y1") == line.attribute("y2"))
        #expect(line.attribute("stroke-dasharray") == nil)
    }

    @Test func rulesWidenComputedDomains() {
        let layout = Render.layout([.line(LineMark(points: [Point(0, 0), Point(1, 1)])), .rule(RuleMark(x: 10))])
        #expect(layout.x.domain.upperBound >= 10)
    }

    @Test func rulesOutsideAFixedDomainAreNotDrawn() {
        let figure = Render.figure([.rule(RuleMark(x: 10, label: "far"))], x: Axis(min: 0, max: 1))
        #expect(!Render.tree(figure).allElements.contains { $0.name == "line" })
        #expect(!figure.svg().contains(">far<"))
    }

    @Test func rulesAreNotSeries() {
        let figure = Render.figure([.rule(RuleMark(x: 1, label: "δ"))])
        #expect(Render.elements(figure, class: "lp-legend").isEmpty)
    }
}
