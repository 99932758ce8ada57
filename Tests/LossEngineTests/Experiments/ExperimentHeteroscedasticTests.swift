import XCTest
@testable import LossEngine

final class ExperimentHeteroscedasticTests: XCTestCase {
    /// A learned σ(x) wins on NLL and covers both regions; a single σ over-covers the quiet region
    /// and under-covers the noisy one; a frozen mean inflates σ and has a much worse MSE.
    func testLearnedSigmaAndGamingCase() throws {
        for seed in ExperimentTesting.seeds {
            let r = try ExperimentTesting.run("heteroscedastic", seed: seed)
            XCTAssertLessThan(r.field("heteroscedastic.nll"), r.field("homoscedastic.nll"), "seed \(seed)")
            XCTAssertLessThan(r.field("homoscedastic.coverage_high"), 0.9, "seed \(seed)")
            XCTAssertGreaterThan(r.field("heteroscedastic.coverage_high"), 0.9, "seed \(seed)")
            XCTAssertGreaterThan(r.field("homoscedastic.coverage_low"), 0.99, "seed \(seed)")
            XCTAssertGreaterThan(r.field("homoscedastic.sigma_low"), 2 * r.field("heteroscedastic.sigma_low"), "seed \(seed)")
            XCTAssertGreaterThan(r.field("frozen_mean.mse"), 1.3 * r.field("heteroscedastic.mse"), "seed \(seed)")
            XCTAssertGreaterThan(r.field("frozen_mean.sigma_mean"), 1.2 * r.field("heteroscedastic.sigma_mean"), "seed \(seed)")
            XCTAssertGreaterThan(r.field("frozen_mean.nll"), r.field("heteroscedastic.nll"), "seed \(seed)")
        }
    }
}
