import XCTest
@testable import LossEngine

final class ExperimentClassImbalanceTests: XCTestCase {
    /// Plain BCE at 0.5 misses most positives while looking accurate; pos_weight and the moved
    /// threshold trade precision for recall; focal's γ alone does not rebalance, α = 0.75 helps.
    func testRebalancingRaisesMinorityRecall() throws {
        for seed in ExperimentTesting.seeds {
            let r = try ExperimentTesting.run("class-imbalance", seed: seed)
            let recall = r.field("bce.recall")
            XCTAssertLessThan(recall, 0.5, "seed \(seed)")
            XCTAssertGreaterThan(r.field("bce.accuracy"), 0.95, "seed \(seed)")
            XCTAssertGreaterThan(r.field("weighted_bce.recall"), recall + 0.3, "seed \(seed)")
            XCTAssertGreaterThan(r.field("bce_threshold.recall"), recall + 0.3, "seed \(seed)")
            XCTAssertLessThan(r.field("weighted_bce.precision"), r.field("bce.precision"), "seed \(seed)")
            XCTAssertGreaterThan(r.field("weighted_bce.balanced_accuracy"), r.field("bce.balanced_accuracy"), "seed \(seed)")
            XCTAssertLessThan(r.field("weighted_bce.boundary"), r.field("bce.boundary"), "seed \(seed)")
            XCTAssertLessThanOrEqual(r.field("focal.recall"), recall, "seed \(seed)")
            XCTAssertGreaterThan(r.field("focal_a75.recall"), recall, "seed \(seed)")
        }
    }
}
