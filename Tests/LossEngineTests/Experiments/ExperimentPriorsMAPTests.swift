import XCTest
@testable import LossEngine

final class ExperimentPriorsMAPTests: XCTestCase {
    /// The Laplace prior sets most irrelevant weights exactly to zero; the Gaussian prior and
    /// maximum likelihood set none; the Gaussian prior shrinks the weights' norm.
    func testLaplaceZeroesGaussianShrinks() throws {
        for seed in ExperimentTesting.seeds {
            let r = try ExperimentTesting.run("priors-map", seed: seed)
            XCTAssertEqual(r.field("ml.zeros"), 0, "seed \(seed)")
            XCTAssertEqual(r.field("gauss.zeros"), 0, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(r.field("laplace.irrelevant_zeros"), 6, "seed \(seed)")
            XCTAssertEqual(r.field("laplace.zeros"), r.field("laplace.irrelevant_zeros"),
                           "seed \(seed): a relevant weight was set to zero")
            XCTAssertLessThan(r.field("gauss.norm"), r.field("ml.norm"), "seed \(seed)")
            XCTAssertLessThan(r.field("laplace.test_mse"), r.field("ml.test_mse"), "seed \(seed)")
        }
    }

    /// The penalties are the negative log priors rescaled like the data term: λ₂ = σ²/(N σ_φ²),
    /// λ₁ = 2σ²/(N b_φ).
    func testPenaltiesComeFromThePriors() throws {
        let r = try ExperimentCatalog.run("priors-map", seed: 7)
        XCTAssertEqual(r.field("gauss.penalty"), 0.25 / (30 * 0.25), accuracy: 1e-15)
        XCTAssertEqual(r.field("laplace.penalty"), 2 * 0.25 / (30 * 0.15), accuracy: 1e-15)
        XCTAssertEqual(r.field("ml.penalty"), 0)
    }

    /// Each fit has converged to the minimiser of its own objective: the optimality conditions
    /// hold. Maximum likelihood: ∇MSE = 0. Gaussian prior: ∇MSE + 2λ₂w = 0. Laplace prior:
    /// ∂MSE/∂w_j = −λ₁ sign(w_j) where w_j ≠ 0 and |∂MSE/∂w_j| ≤ λ₁ where w_j = 0; bias gradient 0.
    func testFitsSatisfyTheirOptimalityConditions() throws {
        let (train, _) = PriorsMAP.data(seed: 7)
        let x = Tensor(unchecked: [train.y.count, PriorsMAP.features], train.x)
        let n = PriorsMAP.features
        let ml = try PriorsMAP.fit(x: train.x, y: train.y, prior: .flat)
        let mlGradient = try PriorsMAP.dataGradient(ml, x: x, y: train.y).gradient
        for g in mlGradient { XCTAssertEqual(g, 0, accuracy: 1e-6) }

        let l2 = PriorsMAP.gaussianLambda
        let gauss = try PriorsMAP.fit(x: train.x, y: train.y, prior: .gaussian(lambda: l2))
        let gaussGradient = try PriorsMAP.dataGradient(gauss, x: x, y: train.y).gradient
        for j in 0..<n { XCTAssertEqual(gaussGradient[j] + 2 * l2 * gauss.parameters[j], 0, accuracy: 1e-6) }
        XCTAssertEqual(gaussGradient[n], 0, accuracy: 1e-6)

        let l1 = PriorsMAP.laplaceLambda
        let laplace = try PriorsMAP.fit(x: train.x, y: train.y, prior: .laplace(lambda: l1))
        let laplaceGradient = try PriorsMAP.dataGradient(laplace, x: x, y: train.y).gradient
        for j in 0..<n {
            let w = laplace.parameters[j]
            if w == 0 {
                XCTAssertLessThanOrEqual(abs(laplaceGradient[j]), l1 + 1e-6, "weight \(j)")
            } else {
                XCTAssertEqual(laplaceGradient[j] + l1 * (w > 0 ? 1 : -1), 0, accuracy: 1e-6, "weight \(j)")
            }
        }
        XCTAssertEqual(laplaceGradient[n], 0, accuracy: 1e-6)
        // Maximum likelihood with no prior is not what the MAP fits found.
        XCTAssertGreaterThan(Stats.norm(zip(ml.weights, gauss.weights).map { $0 - $1 }), 0.05)
    }
}
