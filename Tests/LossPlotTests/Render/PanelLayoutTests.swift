import Testing
@testable import LossPlot

@Suite struct PanelLayoutTests {
    @Test func leftMarginGrowsWithTickLabels() {
        let short = Render.layout([.line(LineMark(points: [Point(0, 0), Point(1, 5)]))])
        let long = Render.layout([.line(LineMark(points: [Point(0, 0.0001), Point(1, 0.0005)]))])
        #expect(long.frame.minX > short.frame.minX)
    }

    @Test func narrowPanelsThinTheirXTicksUntilLabelsFit() {
        let panel = Panel(marks: [.line(LineMark(points: [Point(-123_456, 0), Point(987_654, 1)]))])
        let figure = Figure(title: "t", panels: [panel, panel, panel, panel], width: 640)
        for layout in FigureRenderer(figure: figure).layouts() {
            let xs = layout.xTicks.values.map { layout.x.position($0)! }
            for i in 1..<xs.count {
                let needed = (TextMetrics.width(layout.xTicks.labels[i - 1]) + TextMetrics.width(layout.xTicks.labels[i])) / 2
                #expect(xs[i] - xs[i - 1] >= needed)
            }
        }
    }

    @Test func sideBySidePanelsShareTheirPlotHeight() {
        let layouts = FigureRenderer(figure: Fixtures.huberTwoPanels).layouts()
        #expect(layouts[0].frame.minY == layouts[1].frame.minY)
        #expect(layouts[0].frame.height == layouts[1].frame.height)
        #expect(layouts[0].frame.maxX < layouts[1].frame.minX)
    }

    @Test func explicitTickCountIsHonoured() {
        let layout = Render.layout([.line(LineMark(points: [Point(0, 0), Point(1, 1)]))], y: Axis(tickCount: 2))
        #expect(layout.yTicks.values == [0, 0.5, 1])
    }
}
