import Testing
@testable import LossPlot

@Suite struct LegendTests {
    static let twoPanels = Figure(title: "t", panels: [
        Panel(marks: [.line(LineMark(name: "MSE", points: [Point(0, 0), Point(1, 1)])), .line(LineMark(points: [Point(0, 1), Point(1, 0)]))]),
        Panel(y: Axis(scale: .log), marks: [
            .line(LineMark(name: "MAE", points: [Point(0, 1), Point(1, 2)])),
            .line(LineMark(name: "MSE", points: [Point(0, 1), Point(1, 4)])),
        ]),
    ], idPrefix: "lg")

    @Test func namedSeriesAppearOnceInFirstAppearanceOrder() {
        let registry = SeriesRegistry(panels: Self.twoPanels.panels)
        #expect(registry.legendEntries.map(\.name) == ["MSE", "MAE"])
    }

    @Test func sameNameSameStyleAcrossPanels() {
        let styles = SeriesRegistry(panels: Self.twoPanels.panels).styles
        #expect(styles[0][0] == styles[1][1])                 // MSE in both panels
        #expect(styles[0][1][0].color != styles[0][0][0].color)     // the unnamed line gets its own
        #expect(styles[1][0][0].color == .green)                 // MAE is the third distinct series
    }

    @Test func topLegendSitsAboveEveryPlotArea() throws {
        let renderer = FigureRenderer(figure: Self.twoPanels)
        let legendTexts = Render.elements(Self.twoPanels, class: "lp-legend").flatMap(\.children)
        #expect(legendTexts.count == 2)
        let top = try #require(renderer.layouts().map(\.frame.minY).min())
        let legendBottom = LegendRenderer.rowHeight + FigureRenderer.outerPadding
        #expect(legendBottom <= top)
    }

    @Test func manyEntriesWrapIntoRows() {
        let entries = (1...12).map { LegendEntry(name: "series number \($0)", swatch: .line, style: .automatic(index: $0, overrides: .automatic)) }
        let rows = LegendRenderer.rows(entries, width: 500)
        #expect(rows.count > 1)
        for row in rows {
            let width = row.map(LegendRenderer.entryWidth).reduce(0, +) + Double(row.count - 1) * LegendRenderer.entryGap
            #expect(width <= 500 || row.count == 1)
        }
    }

    @Test func rightLegendShrinksThePanels() {
        var figure = Self.twoPanels
        let wide = FigureRenderer(figure: figure).layouts().last!.frame.maxX
        figure.legend = .right
        let narrow = FigureRenderer(figure: figure).layouts().last!.frame.maxX
        #expect(narrow < wide - 40)
        #expect(Render.elements(figure, class: "lp-legend").count == 1)
    }

    @Test func insetLegendHasABackground() {
        var figure = Self.twoPanels
        figure.legend = .insideTopRight
        #expect(Render.elements(figure, class: "lp-legend-bg").count == 1)
    }

    @Test func hiddenOrUnnamedMeansNoLegend() {
        var figure = Self.twoPanels
        figure.legend = .hidden
        #expect(Render.elements(figure, class: "lp-legend").isEmpty)
        let unnamed = Render.figure([.line(LineMark(points: [Point(0, 0), Point(1, 1)]))])
        #expect(Render.elements(unnamed, class: "lp-legend").isEmpty)
    }

    @Test func swatchesMatchTheMarkKind() {
        let figure = Render.figure([
            .band(BandMark(name: "band", x: [0, 1], lower: [0, 0], upper: [1, 1])),
            .scatter(ScatterMark(name: "points", points: [Point(0, 0)])),
            .bars(BarMark(categories: ["a"], series: [BarSeries(name: "bars", values: [1])])),
        ])
        let legend = Render.elements(figure, class: "lp-legend").first!.children
        let classes = legend.compactMap { node -> String? in
            guard case .element(let g) = node, case .element(let first)? = g.children.first else { return nil }
            return first.attribute("class")
        }
        #expect(classes == ["lp-band", "lp-marker", "lp-bar"])
    }
}
