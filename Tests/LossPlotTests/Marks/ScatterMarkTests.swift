import Testing
@testable import LossPlot

@Suite struct ScatterMarkTests {
    @Test func oneSubpathPerVisiblePoint() throws {
        let points = [Point(0, 0), Point(1, 1), Point(2, 4), Point(.nan, 1)]
        let figure = Render.figure([.scatter(ScatterMark(name: "data", points: points))])
        let marker = try #require(Render.elements(figure, class: "lp-marker").first)
        #expect(Render.runCount(marker.attribute("d")!) == 3)
    }

    @Test func pointsOutsideAFixedDomainAreLeftOut() throws {
        let figure = Render.figure([.scatter(ScatterMark(points: [Point(0, 0), Point(50, 50)]))], x: Axis(min: -1, max: 1), y: Axis(min: -1, max: 1))
        let marker = try #require(Render.elements(figure, class: "lp-marker").first)
        #expect(Render.runCount(marker.attribute("d")!) == 1)
    }

    @Test func secondScatterSeriesGetsAnotherShape() throws {
        let figure = Render.figure([
            .scatter(ScatterMark(name: "a", points: [Point(0, 0)])),
            .scatter(ScatterMark(name: "b", points: [Point(1, 1)])),
        ])
        let markers = Render.elements(figure, class: "lp-marker").compactMap { $0.attribute("d") }
        #expect(markers.count >= 2)
        #expect(markers[0].contains("a"))       // circle: drawn with arcs
        #expect(!markers[1].contains("a"))      // square: a polygon
    }

    @Test func usesTheLooseClipSoEdgePointsStayWhole() throws {
        let figure = Render.figure([.scatter(ScatterMark(points: [Point(0, 0), Point(1, 1)]))])
        let group = try #require(Render.elements(figure, class: "lp-scatter").first)
        #expect(group.attribute("clip-path") == "url(#t-clip-1)")
        let clip = Render.tree(figure).allElements.first { $0.name == "clipPath" }
        let layout = FigureRenderer(figure: figure).layouts()[0]
        guard case .element(let rect)? = clip?.children.first else { Issue.record("no rect"); return }
        #expect(Double(rect.attribute("width")!)! > layout.frame.width)
    }
}
