import XCTest
@testable import LossEngine

final class ExperimentMultiOutputScalesTests: XCTestCase {
    /// Summed MSE fits the kilograms and neglects the metres; a learned σ per output fits both
    /// close to their noise, and the σs come out in each output's units.
    func testLearnedSigmaBalancesOutputs() throws {
        for seed in ExperimentTesting.seeds {
            let r = try ExperimentTesting.run("multi-output-scales", seed: seed)
            XCTAssertGreaterThan(r.field("mse.rel_error_m"), 2 * r.field("nll.rel_error_m"), "seed \(seed)")
            XCTAssertLessThan(r.field("nll.rel_error_m"), 0.35, "seed \(seed)")
            XCTAssertLessThan(r.field("nll.rel_error_kg"), 0.4, "seed \(seed)")
            XCTAssertLessThan(r.field("mse.rel_error_kg"), 0.3, "seed \(seed)")
            XCTAssertGreaterThan(r.field("nll.sigma_kg") / r.field("nll.sigma_m"), 50, "seed \(seed)")
        }
    }
}
