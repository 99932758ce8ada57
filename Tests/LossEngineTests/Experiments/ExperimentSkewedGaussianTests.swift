import XCTest
@testable import LossEngine

final class ExperimentSkewedGaussianTests: XCTestCase {
    /// The Gaussian NLL's optimum is the sample mean and population std, whatever the skew; the
    /// mean sits above the median and the mode, and the normal spills below zero.
    func testGaussianFitIsMeanAndStd() throws {
        for seed in ExperimentTesting.seeds {
            let r = try ExperimentTesting.run("skewed-gaussian", seed: seed)
            XCTAssertEqual(r.field("fit.mean"), r.field("sample.mean"), accuracy: 1e-3, "seed \(seed)")
            XCTAssertEqual(r.field("fit.sigma"), r.field("sample.std"), accuracy: 1e-3, "seed \(seed)")
            XCTAssertGreaterThan(r.field("fit.mean"), r.field("sample.median"), "seed \(seed)")
            XCTAssertGreaterThan(r.field("sample.median"), r.field("true.mode"), "seed \(seed)")
            XCTAssertGreaterThan(r.field("fit.mass_below_zero"), 0.03, "seed \(seed)")
            XCTAssertLessThan(r.field("gamma.nll"), r.field("fit.nll"), "seed \(seed): the right family fits better")
        }
    }
}
