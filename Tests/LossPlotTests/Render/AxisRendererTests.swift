import Testing
@testable import LossPlot

@Suite struct AxisRendererTests {
    static let marks: [Mark] = [.line(LineMark(points: [Point(0, 0), Point(10, 10)]))]

    @Test func gridFollowsTheAxisFlags() throws {
        let both = Render.elements(Render.figure(Self.marks), class: "lp-grid")
        let d = try #require(both.first?.attribute("d"))
        #expect(d.contains("H") && d.contains("V"))
        let none = Render.figure(Self.marks, x: Axis(grid: false), y: Axis(grid: false))
        #expect(Render.elements(none, class: "lp-grid").isEmpty)
        let yOnly = try #require(Render.elements(Render.figure(Self.marks, x: Axis(grid: false)), class: "lp-grid").first?.attribute("d"))
        #expect(yOnly.contains("H") && !yOnly.contains("V"))
    }

    @Test func labelsAndTitleAreDrawn() throws {
        let figure = Figure(title: "t", panels: [Panel(title: "Linear view", x: Axis(label: "residual"), y: Axis(label: "loss"), marks: Self.marks)])
        let labels = Render.elements(figure, class: "lp-label")
        #expect(labels.map(\.children) == [[.text("residual")], [.text("loss")]])
        #expect(labels[1].attribute("transform") == "rotate(-90)")
        #expect(Render.elements(figure, class: "lp-title").first?.children == [.text("Linear view")])
    }

    @Test func tickLabelsUseTheTypographicMinus() {
        let layout = Render.layout([.line(LineMark(points: [Point(-2, -2), Point(2, 2)]))])
        #expect(layout.xTicks.labels.first == "−2.0")
        #expect(layout.yTicks.labels.allSatisfy { !$0.hasPrefix("-") })
    }

    @Test func logAxesGetMinorTicks() throws {
        let figure = Render.figure([.line(LineMark(points: [Point(0, 1e-3), Point(1, 10)]))], y: Axis(scale: .log))
        let axis = try #require(Render.elements(figure, class: "lp-axis").first?.attribute("d"))
        #expect(axis.contains("h-2"))  // half-length ticks
    }
}
