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

    /// bce_with_logits and focal check their targets inside the fused loop (`WithinTally`): a bad
    /// target anywhere (the two-vector body, the one-vector step, the tail, the pos_weight loop)
    /// is still refused, naming the first offending value, and still before a bad argument.
    func testFusedLossesRefuseABadTargetWherever() {
        let fused: [(String, ([Double], [Double]) throws -> LossOutput)] = [
            ("bce_with_logits", { try Losses.bceWithLogits(input: $0, target: $1) }),
            ("bce_with_logits pos_weight", { try Losses.bceWithLogits(input: $0, target: $1, posWeight: [2, 0.5, 1]) }),
            ("focal", { try Losses.focal(input: $0, target: $1, reduction: .none) }),
        ]
        for (name, loss) in fused {
            for count in [1, 3, 4, 6, 8, 12, 13, 21] where count % 3 == 0 || !name.hasSuffix("pos_weight") {
                let input = (0..<count).map { Double($0) - 4.5 }
                let good = (0..<count).map { Double($0 % 3) * 0.5 }
                XCTAssertNoThrow(try loss(input, good), "\(name), \(count)")
                for at in 0..<count {
                    for bad in [-1e-300, 1.0.nextUp, .infinity] {
                        var target = good
                        target[at] = bad
                        if at + 1 < count { target[count - 1] = 7 }   // a later bad value is not the one named
                        XCTAssertThrowsError(try loss(input, target), "\(name), \(bad) at \(at) of \(count)") { error in
                            XCTAssertEqual(error as? LossError, .probabilityOutOfRange(argument: "target", value: bad))
                        }
                    }
                    var target = good
                    target[at] = .nan
                    XCTAssertThrowsError(try loss(input, target), "\(name), NaN at \(at) of \(count)")
                }
            }
        }
        // A bad target is reported before a bad argument of the loss, as when it was checked first.
        XCTAssertThrowsError(try Losses.bceWithLogits(input: [0, 1], target: [0, 3], posWeight: [-1])) { error in
            XCTAssertEqual(error as? LossError, .probabilityOutOfRange(argument: "target", value: 3))
        }
        XCTAssertThrowsError(try Losses.focal(input: [0, 1], target: [-2, 0], gamma: -1)) { error in
            XCTAssertEqual(error as? LossError, .probabilityOutOfRange(argument: "target", value: -2))
        }
    }
}
