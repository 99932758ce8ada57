import Testing
@testable import LossPlot

@Suite struct LineMarkTests {
    @Test func samplingHitsRoundValuesExactly() {
        let line = LineMark(function: { $0 }, over: -3...3)
        let xs = line.points.map(\.x)
        #expect(xs.count == 241)
        #expect(xs.first == -3 && xs.last == 3)
        #expect(xs.contains(0) && xs.contains(1) && xs.contains(-1))
        #expect(line.isSampled)
    }

    @Test func logSpacingIsGeometric() {
        let line = LineMark(function: { $0 }, over: 1e-2...1e2, samples: 5, spacing: .log)
        let xs = line.points.map(\.x)
        #expect(xs.count == 5)
        #expect(xs[0] == 1e-2 && xs[4] == 1e2)
        #expect(abs(xs[2] - 1) < 1e-12)
    }

    @Test func drawsOnePathInItsSeriesColour() throws {
        let figure = Render.figure([.line(LineMark(name: "a", points: [Point(0, 0), Point(1, 1), Point(2, 0)]))])
        let group = try #require(Render.elements(figure, class: "lp-line-mark").first)
        #expect(group.attribute("class") == "lp-line-mark lp-c1")
        let path = try #require(Render.elements(figure, class: "lp-line").first)
        #expect(Render.runCount(path.attribute("d")!) == 1)
        #expect(path.attribute("stroke-dasharray") == nil)
    }

    @Test func nonFiniteValuesBreakTheLine() throws {
        let points = [Point(0, 1), Point(1, 2), Point(2, .nan), Point(3, 2), Point(4, .infinity), Point(5, 1), Point(6, 2)]
        let figure = Render.figure([.line(LineMark(points: points))])
        let d = try #require(Render.elements(figure, class: "lp-line").first?.attribute("d"))
        #expect(Render.runCount(d) == 2)  // (0,1)-(1,2) and (5,1)-(6,2); (3,2) alone draws nothing
    }

    @Test func zeroOnALogAxisBreaksTheLine() throws {
        let figure = Render.figure([.line(LineMark(function: { abs($0) }, over: -1...1, samples: 21))], y: Axis(scale: .log))
        let d = try #require(Render.elements(figure, class: "lp-line").first?.attribute("d"))
        #expect(Render.runCount(d) == 2)
    }

    @Test func valuesFarOutsideTheDomainAreClippedBeforeWriting() throws {
        let figure = Render.figure([.line(LineMark(function: { $0 * 1e12 }, over: -1...1, samples: 11))], y: Axis(min: -1, max: 1))
        let layout = FigureRenderer(figure: figure).layouts()[0]
        let d = try #require(Render.elements(figure, class: "lp-line").first?.attribute("d"))
        for (x, y) in Render.points(inPath: d) {
            #expect(y >= layout.frame.minY - 4.01 && y <= layout.frame.maxY + 4.01)
            #expect(x >= layout.frame.minX - 4.01 && x <= layout.frame.maxX + 4.01)
        }
    }

    @Test func straightSampledLinesAreSimplified() throws {
        let figure = Render.figure([.line(LineMark(function: { 2 * $0 + 1 }, over: 0...1))])
        let d = try #require(Render.elements(figure, class: "lp-line").first?.attribute("d"))
        #expect(Render.points(inPath: d).count == 2)
    }

    @Test func secondSeriesIsDashedAndMarkersAreOptional() throws {
        let figure = Render.figure([
            .line(LineMark(name: "a", points: [Point(0, 0), Point(1, 1)])),
            .line(LineMark(name: "b", points: [Point(0, 1), Point(1, 0), Point(2, 1)], style: SeriesStyle(showsMarkers: true))),
        ])
        // Legend swatches are lp-line paths too; they are drawn with a relative `h`.
        let paths = Render.elements(figure, class: "lp-line").filter { !$0.attribute("d")!.contains("h") }
        try #require(paths.count == 2)
        #expect(paths[0].attribute("stroke-dasharray") == nil)
        #expect(paths[1].attribute("stroke-dasharray") == DashPattern.dashed.dashArray)
        let markerGroups = Render.elements(figure, class: "lp-line-mark").filter { group in
            group.children.contains { if case .element(let e) = $0 { return e.attribute("class") == "lp-marker" }; return false }
        }
        try #require(markerGroups.count == 1)
        #expect(markerGroups[0].attribute("class")!.contains("lp-c2"))
    }

    @Test func explicitStyleOverridesAutomaticChoices() throws {
        let figure = Render.figure([.line(LineMark(points: [Point(0, 0), Point(1, 1)], style: SeriesStyle(color: .pink, dash: .dotted)))])
        #expect(Render.elements(figure, class: "lp-line-mark").first?.attribute("class") == "lp-line-mark lp-c5")
        #expect(Render.elements(figure, class: "lp-line").first?.attribute("stroke-dasharray") == DashPattern.dotted.dashArray)
    }
}
