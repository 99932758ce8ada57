import Testing
@testable import LossPlot

/// The narrow layout: same marks and numbers, laid out for a phone's column.
@Suite struct NarrowLayoutTests {
    static let wide = Figure(title: "Two views", panels: [
        Panel(title: "Linear", x: Axis(label: "residual", min: -3, max: 3), y: Axis(label: "loss"), marks: [
            .line(LineMark(name: "MSE", function: { $0 * $0 }, over: -3...3)),
            .line(LineMark(name: "Huber with a long name (δ = 1)", function: { abs($0) }, over: -3...3)),
        ]),
        Panel(title: "Log", x: Axis(label: "residual", min: -3, max: 3), y: Axis(label: "loss", scale: .log), marks: [
            .line(LineMark(name: "MSE", function: { $0 * $0 + 0.01 }, over: -3...3)),
        ]),
    ], width: 640, height: 340, legend: .right, idPrefix: "fig-two")

    @Test func panelsStackInOneColumnWithinTheNarrowWidth() throws {
        let narrow = Self.wide.narrowLayout()
        #expect(narrow.width == Figure.narrowWidth)
        let layouts = FigureRenderer(figure: narrow).layouts()
        #expect(layouts.count == 2)
        #expect(layouts[0].cell.minX == layouts[1].cell.minX)
        #expect(layouts[1].cell.minY >= layouts[0].cell.maxY)
        for layout in layouts {
            #expect(layout.cell.maxX <= narrow.width)
            #expect(layout.frame.height >= 120, "each stacked panel keeps a usable plot height")
        }
    }

    @Test func legendGoesUnderThePanelsAndFitsTheWidth() throws {
        let narrow = Self.wide.narrowLayout()
        #expect(narrow.legend == .bottom)
        let renderer = FigureRenderer(figure: narrow)
        let rows = renderer.bottomLegendRows
        #expect(rows.flatMap { $0 }.count == 2)
        for row in rows {
            let width = row.map(LegendRenderer.entryWidth).reduce(0, +) + Double(row.count - 1) * LegendRenderer.entryGap
            #expect(width <= narrow.width - 2 * FigureRenderer.outerPadding)
        }
        let lowestPanel = try #require(renderer.layouts().map(\.cell.maxY).max())
        let legendTop = narrow.height - FigureRenderer.outerPadding - Double(rows.count) * LegendRenderer.rowHeight
        #expect(legendTop >= lowestPanel - 0.001, "the legend is below every panel")
        let texts = Render.elements(narrow, class: "lp-legend").flatMap(\.children)
        #expect(texts.count == 2)
    }

    @Test func fewerTicksThanTheWideLayout() throws {
        // (A panel of a two-panel wide figure is narrower than the narrow layout's stacked one,
        // so the comparison is made on a one-panel figure.)
        let single = Figure(title: "One", panels: [Self.wide.panels[0]], width: 640, height: 400, idPrefix: "one")
        let singleWide = FigureRenderer(figure: single).layouts()[0].xTicks.values.count
        let singleNarrow = FigureRenderer(figure: single.narrowLayout()).layouts()[0].xTicks.values.count
        #expect(singleNarrow < singleWide)
    }

    @Test func idsAreDistinctFromTheWideLayoutAndTheCurvesAreTheSameNumbers() {
        let wideSVG = Self.wide.svg(), narrowSVG = Self.wide.narrowLayout().svg()
        #expect(narrowSVG.contains("id=\"fig-two-narrow-title\""))
        #expect(!narrowSVG.contains("id=\"fig-two-title\""))
        #expect(wideSVG.contains("id=\"fig-two-title\""))
        // Same marks, so the same numbers; the series' ranges in the description agree too (the
        // axes may end at other round values, as they are chosen with the tick count).
        #expect(Self.wide.narrowLayout().panels == Self.wide.panels)
        let series = { (figure: Figure) in figure.accessibleDescription.components(separatedBy: ". ").filter { $0.contains("(line)") } }
        #expect(series(Self.wide.narrowLayout()) == series(Self.wide))
        #expect(series(Self.wide).count == 3)
    }

    @Test func hiddenLegendStaysHidden() {
        var figure = Self.wide
        figure.legend = .hidden
        let narrow = figure.narrowLayout()
        #expect(narrow.legend == .hidden)
        #expect(Render.elements(narrow, class: "lp-legend").isEmpty)
    }
}

/// Panel titles stay inside their cell, so a right-hand panel's long title is not cut off.
@Suite struct PanelTitleTests {
    @Test func longTitleOfTheRightPanelStaysInsideTheFigure() throws {
        let marks: [Mark] = [.line(LineMark(name: "a", points: [Point(0, 0), Point(1, 1000)]))]
        let figure = Figure(title: "t", panels: [
            Panel(title: "Left", y: Axis(label: "a long y label"), marks: marks),
            Panel(title: "Frozen mean, learned σ(x), for a while", y: Axis(label: "a long y label"), marks: marks),
        ], width: 640, height: 340, idPrefix: "pt")
        let titles = Render.elements(figure, class: "lp-title")
        #expect(titles.count == 2)
        let layouts = FigureRenderer(figure: figure).layouts()
        for (title, layout) in zip(titles, layouts) {
            let x = try #require(Double(title.attribute("x") ?? ""))
            guard case .text(let text)? = title.children.first else { Issue.record("no title text"); continue }
            let half = 1.12 * TextMetrics.width(text, fontSize: TextMetrics.titleFontSize) / 2
            #expect(x - half >= layout.cell.minX - 0.01)
            #expect(x + half <= layout.cell.maxX + 0.01)
        }
    }
}
