import Testing
@testable import LossPlot

@Suite struct BandMarkTests {
    @Test func bandIsAClosedPolygonBetweenTheCurves() throws {
        let band = BandMark(name: "band", over: 0...1, samples: 11, lower: { $0 }, upper: { $0 + 1 })
        let figure = Render.figure([.band(band)])
        let d = try #require(Render.elements(figure, class: "lp-band").first { $0.name == "path" }?.attribute("d"))
        #expect(d.hasSuffix("Z"))
        #expect(Render.runCount(d) == 1)
        let layout = FigureRenderer(figure: figure).layouts()[0]
        #expect(layout.y.domain == 0...2)
    }

    @Test func areaFillsDownToTheBaseline() throws {
        let figure = Render.figure([.band(.area(points: [Point(0, 1), Point(1, 3), Point(2, 2)]))])
        let layout = FigureRenderer(figure: figure).layouts()[0]
        #expect(layout.y.domain.lowerBound == 0)
        let d = try #require(Render.elements(figure, class: "lp-band").first?.attribute("d"))
        let ys = Render.points(inPath: d).map(\.1)
        #expect(abs(ys.max()! - layout.frame.maxY) < 0.02)
    }

    @Test func gapsSplitTheBand() throws {
        let band = BandMark(x: [0, 1, 2, 3, 4, 5], lower: [0, 0, .nan, 0, 0, 0], upper: [1, 1, 1, 1, 1, 1])
        let paths = Render.elements(Render.figure([.band(band)]), class: "lp-band").filter { $0.name == "path" }
        #expect(paths.count == 2)
    }

    @Test func edgesAreOptional() {
        let band = BandMark(x: [0, 1], lower: [0, 0], upper: [1, 2], showsEdges: true)
        #expect(Render.elements(Render.figure([.band(band)]), class: "lp-band-edge").count == 1)
        let plain = BandMark(x: [0, 1], lower: [0, 0], upper: [1, 2])
        #expect(Render.elements(Render.figure([.band(plain)]), class: "lp-band-edge").isEmpty)
    }
}
