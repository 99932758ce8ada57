import Testing
@testable import LossPlot

@Suite struct PathGeometryTests {
    let box = Rect(x: 0, y: 0, width: 10, height: 10)

    @Test func segmentCrossingTheBoxIsCut() throws {
        let (a, b) = try #require(PathGeometry.clipSegment(Pixel(x: -5, y: 5), Pixel(x: 15, y: 5), to: box))
        #expect(a == Pixel(x: 0, y: 5) && b == Pixel(x: 10, y: 5))
        #expect(PathGeometry.clipSegment(Pixel(x: -5, y: -5), Pixel(x: -1, y: 20), to: box) == nil)
    }

    @Test func polylineLeavingAndReturningSplitsInTwo() {
        let pieces = PathGeometry.clipPolyline([Pixel(x: 1, y: 5), Pixel(x: 5, y: 50), Pixel(x: 9, y: 5)], to: box)
        #expect(pieces.count == 2)
    }

    /// The shortcut for a line wholly inside (the usual case) gives what clipping each segment
    /// gives, for lines on the box's edges and corners too, where a segment's t lands on 0 or 1.
    @Test func shortcutForALineInsideAgreesWithClippingEachSegment() {
        let coordinates: [Double] = [0, 10, 0.1, 9.999999999, 5, 3.25, -0.0, 1e-300, 10.000000001, -1e-12]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...7, using: &generator)
            let line = (0..<count).map { _ in
                Pixel(x: coordinates.randomElement(using: &generator)!, y: coordinates.randomElement(using: &generator)!)
            }
            #expect(PathGeometry.clipPolyline(line, to: box) == PathGeometry.clipPolylineBySegment(line, to: box), "\(line)")
        }
        let inside = [Pixel(x: 0, y: 0), Pixel(x: 10, y: 0), Pixel(x: 10, y: 10), Pixel(x: 5, y: 5), Pixel(x: 5, y: 5)]
        #expect(PathGeometry.clipPolyline(inside, to: box) == [inside])
    }

    @Test func simplifyKeepsCornersDropsCollinearPoints() {
        let line = (0...10).map { Pixel(x: Double($0), y: Double($0)) } + [Pixel(x: 20, y: 0)]
        let simple = PathGeometry.simplify(line, tolerance: 0.25)
        #expect(simple == [Pixel(x: 0, y: 0), Pixel(x: 10, y: 10), Pixel(x: 20, y: 0)])
    }

    @Test func polygonIsClippedToTheBox() {
        let big = [Pixel(x: -5, y: -5), Pixel(x: 15, y: -5), Pixel(x: 15, y: 15), Pixel(x: -5, y: 15)]
        let clipped = PathGeometry.clipPolygon(big, to: box)
        #expect(clipped.allSatisfy { box.contains($0) })
        #expect(PathGeometry.polygonPath(big, clip: box) == "M0,10L0,0L10,0L10,10Z")
    }
}
