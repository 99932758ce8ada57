import XCTest
@testable import LossEngine

final class ExperimentVarianceCollapseTests: XCTestCase {
    /// Without a guard the NLL keeps falling (σ → 0); with the σ floor it never goes below its bound.
    func testCollapseDivergesAndGuardHolds() throws {
        for seed in ExperimentTesting.seeds {
            let r = try ExperimentTesting.run("variance-collapse", seed: seed)
            XCTAssertLessThan(r.field("exact.final_nll"), -20, "seed \(seed)")
            XCTAssertGreaterThan(r.field("exact.nll_drop_last_half"), 10, "seed \(seed): still falling steadily")
            XCTAssertLessThan(r.field("exact.sigma_min"), 1e-10, "seed \(seed)")
            XCTAssertLessThan(r.field("scratch.min_nll"), r.field("guarded.nll_bound"), "seed \(seed)")
            XCTAssertGreaterThanOrEqual(r.field("guarded.min_nll"), r.field("guarded.nll_bound") - 1e-9, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(r.field("guarded.sigma_min"), 0.05, "seed \(seed)")
            XCTAssertLessThan(abs(r.field("guarded.nll_drop_last_half")), 0.5, "seed \(seed)")
        }
    }
}
