import XCTest
@testable import LossEngine

final class ExperimentLabelNoiseTests: XCTestCase {
    /// Symmetric flips keep the accuracy but shrink the weight and the confidence.
    func testFlippedLabelsFlattenTheFit() throws {
        for seed in ExperimentTesting.seeds {
            let r = try ExperimentTesting.run("label-noise", seed: seed)
            XCTAssertEqual(r.field("clean.accuracy"), r.field("noisy.accuracy"), accuracy: 0.05, "seed \(seed)")
            XCTAssertLessThan(r.field("noisy.weight_norm"), 0.7 * r.field("clean.weight_norm"), "seed \(seed)")
            XCTAssertLessThan(r.field("noisy.confidence"), r.field("clean.confidence") - 0.05, "seed \(seed)")
            XCTAssertGreaterThan(r.field("clean.accuracy"), 0.75, "seed \(seed)")
        }
    }
}
