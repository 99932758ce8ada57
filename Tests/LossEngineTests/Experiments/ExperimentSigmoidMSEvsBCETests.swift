import XCTest
@testable import LossEngine

final class ExperimentSigmoidMSEvsBCETests: XCTestCase {
    /// From a saturated wrong start BCE escapes in a few steps; sigmoid + MSE starts with a tiny
    /// gradient and takes many times longer.
    func testBCEEscapesSaturationMSECrawls() throws {
        for seed in ExperimentTesting.seeds {
            let r = try ExperimentTesting.run("sigmoid-mse-vs-bce", seed: seed)
            XCTAssertEqual(r.field("bce.reached_90"), 1, "seed \(seed)")
            XCTAssertLessThan(r.field("bce.steps_to_90"), 20, "seed \(seed)")
            XCTAssertGreaterThan(r.field("mse.steps_to_90"), 5 * r.field("bce.steps_to_90"), "seed \(seed)")
            XCTAssertLessThan(r.field("mse.initial_grad_norm"), 0.05 * r.field("bce.initial_grad_norm"), "seed \(seed)")
        }
    }
}
