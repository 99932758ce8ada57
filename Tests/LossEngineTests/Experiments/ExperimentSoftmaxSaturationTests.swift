import XCTest
@testable import LossEngine

final class ExperimentSoftmaxSaturationTests: XCTestCase {
    /// Scaling logits: max probability ↑, gradient (right target) ↓ towards 0, gradient (wrong
    /// target) → √2. Training without regularisation: weights keep growing, gradient → 0.
    func testSaturation() throws {
        for seed in ExperimentTesting.seeds {
            let r = try ExperimentTesting.run("softmax-saturation", seed: seed)
            let scales = [1, 2, 5, 10, 20, 40]
            for (a, b) in zip(scales, scales.dropFirst()) {
                XCTAssertGreaterThan(r.field("scale_\(b).max_prob"), r.field("scale_\(a).max_prob"), "seed \(seed)")
                XCTAssertLessThan(r.field("scale_\(b).grad_norm"), r.field("scale_\(a).grad_norm"), "seed \(seed)")
            }
            XCTAssertLessThan(r.field("scale_40.grad_norm"), 0.1 * r.field("scale_1.grad_norm"), "seed \(seed)")
            XCTAssertEqual(r.field("scale_40.wrong_grad_norm"), 2.0.squareRoot(), accuracy: 0.05, "seed \(seed)")
            XCTAssertLessThan(r.field("train.final_grad_norm"), 0.01 * r.field("train.initial_grad_norm"), "seed \(seed)")
            XCTAssertGreaterThan(r.field("train.weight_norm"), r.field("train.weight_norm_half"), "seed \(seed)")
            XCTAssertGreaterThan(r.field("train.mean_max_prob"), 0.99, "seed \(seed)")
            XCTAssertEqual(r.field("train.accuracy"), 1, "seed \(seed)")
        }
    }
}
