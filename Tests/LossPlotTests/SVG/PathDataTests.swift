import Testing
@testable import LossPlot

@Suite struct PathDataTests {
    /// Commands and numbers as the interpolated strings wrote them: `NumberFormat`'s coordinates,
    /// no separators between a command letter and its number.
    @Test func commandsAndCoordinatesAreWrittenAsBefore() {
        var d = PathData()
        #expect(d.isEmpty && d.string == "")
        d.move(10.004, -0.001)
        d.append("H", 300.5)
        d.move(-1e12, 7)
        d.append("v", 4)
        d.append("h", -2)
        d.append("V", .nan)
        #expect(d.string == "M10,0H300.5M-1000000000,7v4h-2V0")
        #expect(!d.isEmpty)
    }

    @Test func linePathIsTheRunsMoveLines() {
        let runs = [[Pixel(x: 0, y: 0), Pixel(x: 1.5, y: 2)], [Pixel(x: 3, y: 3), Pixel(x: 4, y: 3.25)]]
        let box = Rect(x: -10, y: -10, width: 100, height: 100)
        #expect(PathGeometry.linePath(runs, clip: box) == "M0,0L1.5,2M3,3L4,3.25")
        #expect(PathGeometry.moveLine(runs[0]) == "M0,0L1.5,2")
        #expect(PathGeometry.linePath([], clip: box) == nil)
    }
}
