import XCTest
@testable import LossEngine

final class ExperimentOutlierLineTests: XCTestCase {
    /// MSE is pulled by the outliers; MAE and Huber stay near the true line.
    func testRobustLossesResistOutliers() throws {
        for seed in ExperimentTesting.seeds {
            let r = try ExperimentTesting.run("outlier-line", seed: seed)
            let mse = abs(r.field("mse.slope_error")), mae = abs(r.field("mae.slope_error"))
            let huber = abs(r.field("huber.slope_error"))
            XCTAssertLessThan(mae, mse, "seed \(seed)")
            XCTAssertLessThan(huber, mse, "seed \(seed)")
            XCTAssertGreaterThan(mse, 0.4, "seed \(seed): the outliers should pull the MSE slope")
            XCTAssertLessThan(mae, 0.3, "seed \(seed)")
            XCTAssertLessThan(huber, 0.3, "seed \(seed)")
        }
    }

    /// The MSE run has converged: it matches the closed-form least-squares line.
    func testMSEMatchesLeastSquares() throws {
        let (x, y) = OutlierLine.data(seed: 7)
        let mx = Stats.mean(x), my = Stats.mean(y)
        let slope = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let r = try ExperimentCatalog.run("outlier-line", seed: 7)
        XCTAssertEqual(r.field("mse.slope"), slope, accuracy: 1e-4)
        XCTAssertEqual(r.field("mse.intercept"), my - slope * mx, accuracy: 1e-4)
    }
}
