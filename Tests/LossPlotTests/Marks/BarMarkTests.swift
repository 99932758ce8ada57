import Testing
@testable import LossPlot

@Suite struct BarMarkTests {
    static let bars = BarMark(categories: ["cat", "dog", "bird"], series: [
        BarSeries(name: "T = 1", values: [0.7, 0.2, 0.1]),
        BarSeries(name: "T = 2", values: [0.5, 0.3, 0.2]),
    ])

    @Test func oneRectPerCategoryAndSeries() {
        let figure = Render.figure([.bars(Self.bars)])
        #expect(Render.elements(figure, class: "lp-bar").filter { $0.name == "rect" && $0.attribute("width") != "12" }.count == 6)
    }

    @Test func xAxisBecomesCategorical() {
        let layout = Render.layout([.bars(Self.bars)])
        #expect(layout.categories == ["cat", "dog", "bird"])
        #expect(layout.xTicks.labels == ["cat", "dog", "bird"])
        #expect(layout.x.domain == -0.5...2.5)
        #expect(layout.y.domain.lowerBound == 0)
    }

    @Test func seriesSitSideBySideWithinACategory() throws {
        let figure = Render.figure([.bars(Self.bars)], legend: .hidden)
        let rects = Render.elements(figure, class: "lp-bar")
        let x0 = try #require(Double(rects[0].attribute("x")!)), x1 = try #require(Double(rects[3].attribute("x")!))
        #expect(x1 > x0)  // series 2 of "cat" is right of series 1 of "cat"
        let catRight = x1 + Double(rects[3].attribute("width")!)!
        let dogLeft = Double(rects[1].attribute("x")!)!
        #expect(catRight < dogLeft)
    }

    @Test func negativeValuesHangBelowZero() throws {
        let figure = Render.figure([.bars(BarMark(categories: ["a", "b"], values: [2, -1]))])
        let layout = FigureRenderer(figure: figure).layouts()[0]
        let zero = try #require(layout.y.position(0))
        let rects = Render.elements(figure, class: "lp-bar")
        #expect(abs(Double(rects[0].attribute("y")!)! + Double(rects[0].attribute("height")!)! - zero) < 0.02)
        #expect(abs(Double(rects[1].attribute("y")!)! - zero) < 0.02)
    }

    @Test func seriesColoursFollowTheirOrder() {
        let figure = Render.figure([.bars(Self.bars)], legend: .hidden)
        let groups = Render.tree(figure).allElements.filter { $0.name == "g" && ($0.attribute("class") ?? "").hasPrefix("lp-c") }
        #expect(groups.map { $0.attribute("class")! } == ["lp-c1", "lp-c2"])
    }

    @Test func describedWithCategoriesAndValues() {
        let text = Render.figure([.bars(Self.bars)]).accessibleDescription
        #expect(text.contains("Bars over cat, dog, bird"))
        #expect(text.contains("T = 2: cat 0.5, dog 0.3, bird 0.2"))
    }
}
