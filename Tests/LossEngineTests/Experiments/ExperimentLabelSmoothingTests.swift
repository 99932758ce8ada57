import XCTest
@testable import LossEngine

final class ExperimentLabelSmoothingTests: XCTestCase {
    /// Plain cross entropy is overconfident on held-out data; smoothing lowers the confidence,
    /// the calibration error and the held-out NLL.
    func testSmoothingCalibrates() throws {
        for seed in ExperimentTesting.seeds {
            let r = try ExperimentTesting.run("label-smoothing", seed: seed)
            XCTAssertGreaterThan(r.field("hard.confidence"), r.field("hard.accuracy") + 0.05, "seed \(seed): overconfident")
            XCTAssertLessThan(r.field("smooth.confidence"), r.field("hard.confidence"), "seed \(seed)")
            XCTAssertLessThan(r.field("smooth.ece"), r.field("hard.ece"), "seed \(seed)")
            XCTAssertLessThan(r.field("smooth.nll"), r.field("hard.nll"), "seed \(seed)")
        }
    }

    /// ECE by hand on a tiny example: two bins, |1 − 0.95|·½ + |0 − 0.55|·½.
    func testExpectedCalibrationError() {
        let c = LabelSmoothing.calibration(confidence: [0.95, 0.55], correct: [true, false])
        XCTAssertEqual(c.ece, 0.5 * 0.05 + 0.5 * 0.55, accuracy: 1e-12)
        XCTAssertEqual(c.confidence, [0.55, 0.95])
        XCTAssertEqual(c.accuracy, [0, 1])
        XCTAssertEqual(c.histogram.reduce(0, +), 1, accuracy: 1e-12)
    }
}
