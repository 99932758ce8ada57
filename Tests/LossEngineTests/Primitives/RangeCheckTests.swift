import XCTest
@testable import LossEngine

/// The vectorised range check behind `Check.probability`: every position (each lane of a full
/// vector and the tail), NaN, and the error naming the first offending value.
final class RangeCheckTests: XCTestCase {
    func testAllWithinSeesEveryPosition() {
        for count in [0, 1, 3, 4, 5, 8, 11] {
            let good = (0..<count).map { Double($0 % 2) * 0.5 }
            XCTAssertTrue(Check.allWithin(good, 0, 1), "count \(count)")
            for at in 0..<count {
                for bad in [-1e-300, 1.0.nextUp, .nan, .infinity, -.infinity] {
                    var x = good
                    x[at] = bad
                    XCTAssertFalse(Check.allWithin(x, 0, 1), "\(bad) at \(at) of \(count)")
                }
            }
        }
    }

    func testProbabilityNamesTheFirstOffendingValue() {
        XCTAssertNoThrow(try Check.probability([0, 1, 0.5, 0.25, 1, 0], "target"))
        XCTAssertThrowsError(try Check.probability([0, 1, 0.5, 0.25, 1, 2, -3], "target")) { error in
            XCTAssertEqual(error as? LossError, .probabilityOutOfRange(argument: "target", value: 2))
        }
        XCTAssertThrowsError(try Check.probability([0.5, 0.5, 0.5, 0.5, .nan], "target"))
    }
}
