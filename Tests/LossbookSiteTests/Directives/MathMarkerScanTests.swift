import XCTest
@testable import LossbookSite

/// Formula markers in generated HTML are found by their bytes; broken ones stay as they were.
final class MathMarkerScanTests: XCTestCase {
    func testMarkersAreFoundAndReplacedInOrder() {
        let html = "<p>é " + GeneratedBlock.mathMarker("x^2") + " and " + GeneratedBlock.mathMarker("\\ell_{é}") + "</p>"
        XCTAssertTrue(GeneratedBlock.containsMathMarker(html))
        XCTAssertEqual(GeneratedBlock.mathMarkers(in: html), ["x^2", "\\ell_{é}"])
        XCTAssertEqual(GeneratedBlock.replacingMathMarkers(in: html) { "[\($0)]" }, "<p>é [x^2] and [\\ell_{é}]</p>")
    }

    func testWithoutMarkersNothingChanges() {
        let html = "<svg><text>ℓ(y)</text></svg>"
        XCTAssertFalse(GeneratedBlock.containsMathMarker(html))
        XCTAssertEqual(GeneratedBlock.mathMarkers(in: html), [])
        XCTAssertEqual(GeneratedBlock.replacingMathMarkers(in: html) { _ in "!" }, html)
    }

    func testABrokenMarkerIsKeptAndTheNextOneStillFound() {
        let start = String(GeneratedBlock.mathStart)
        // Not base64, then no end at all, around a good marker.
        let html = "a" + start + "%%" + String(GeneratedBlock.mathEnd) + "b" + GeneratedBlock.mathMarker("y") + "c" + start + "eW"
        XCTAssertEqual(GeneratedBlock.mathMarkers(in: html), ["y"])
        XCTAssertEqual(GeneratedBlock.replacingMathMarkers(in: html) { "<\($0)>" },
                       "a" + start + "%%" + String(GeneratedBlock.mathEnd) + "b<y>c" + start + "eW")
    }
}
