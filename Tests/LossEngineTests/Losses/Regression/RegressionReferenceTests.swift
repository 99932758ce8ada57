import XCTest
@testable import LossEngine

/// Regression losses against independently computed reference values (see ``ReferenceCases``).
final class RegressionReferenceTests: XCTestCase {
    func testMse() throws { try ReferenceCases.check(Self.cases, loss: "mse") }
    func testMae() throws { try ReferenceCases.check(Self.cases, loss: "mae") }
    func testL1() throws { try ReferenceCases.check(Self.cases, loss: "l1") }
    func testHuber() throws { try ReferenceCases.check(Self.cases, loss: "huber") }
    func testSmoothL1() throws { try ReferenceCases.check(Self.cases, loss: "smooth_l1") }
    func testLogCosh() throws { try ReferenceCases.check(Self.cases, loss: "log_cosh") }
    func testQuantile() throws { try ReferenceCases.check(Self.cases, loss: "quantile") }

    static let cases = #"""
    {"loss": "mse", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2]}, "reduction": "none", "expected": [0.25, 4.0, 9.0, 0.5625, 0.24999999999999994]}
    {"loss": "mse", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2]}, "reduction": "mean", "expected": 2.8125}
    {"loss": "mse", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2]}, "reduction": "sum", "expected": 14.0625}
    {"loss": "mae", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2]}, "reduction": "none", "expected": [0.5, 2.0, 3.0, 0.75, 0.49999999999999994]}
    {"loss": "mae", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2]}, "reduction": "mean", "expected": 1.35}
    {"loss": "mae", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2]}, "reduction": "sum", "expected": 6.75}
    {"loss": "l1", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2]}, "reduction": "none", "expected": [0.5, 2.0, 3.0, 0.75, 0.49999999999999994]}
    {"loss": "l1", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2]}, "reduction": "mean", "expected": 1.35}
    {"loss": "l1", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2]}, "reduction": "sum", "expected": 6.75}
    {"loss": "huber", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "delta": 1.0}, "reduction": "none", "expected": [0.125, 1.5, 2.5, 0.28125, 0.12499999999999997]}
    {"loss": "huber", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "delta": 1.0}, "reduction": "mean", "expected": 0.90625}
    {"loss": "huber", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "delta": 1.0}, "reduction": "sum", "expected": 4.53125}
    {"loss": "huber", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "delta": 0.6}, "reduction": "none", "expected": [0.125, 1.02, 1.62, 0.27, 0.12499999999999997]}
    {"loss": "huber", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "delta": 0.6}, "reduction": "mean", "expected": 0.632}
    {"loss": "huber", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "delta": 0.6}, "reduction": "sum", "expected": 3.16}
    {"loss": "smooth_l1", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "beta": 1.0}, "reduction": "none", "expected": [0.125, 1.5, 2.5, 0.28125, 0.12499999999999997]}
    {"loss": "smooth_l1", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "beta": 1.0}, "reduction": "mean", "expected": 0.90625}
    {"loss": "smooth_l1", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "beta": 1.0}, "reduction": "sum", "expected": 4.53125}
    {"loss": "smooth_l1", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "beta": 0.6}, "reduction": "none", "expected": [0.20833333333333334, 1.7, 2.7, 0.45, 0.2083333333333333]}
    {"loss": "smooth_l1", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "beta": 0.6}, "reduction": "mean", "expected": 1.0533333333333332}
    {"loss": "smooth_l1", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "beta": 0.6}, "reduction": "sum", "expected": 5.266666666666667}
    {"loss": "smooth_l1", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "beta": 0.0}, "reduction": "none", "expected": [0.5, 2.0, 3.0, 0.75, 0.49999999999999994]}
    {"loss": "smooth_l1", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "beta": 0.0}, "reduction": "mean", "expected": 1.35}
    {"loss": "smooth_l1", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "beta": 0.0}, "reduction": "sum", "expected": 6.75}
    {"loss": "log_cosh", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2]}, "reduction": "none", "expected": [0.12011450695827745, 1.3250027473578645, 2.309328504577785, 0.2582660974228072, 0.12011450695827745]}
    {"loss": "log_cosh", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2]}, "reduction": "mean", "expected": 0.8265652726550023}
    {"loss": "log_cosh", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2]}, "reduction": "sum", "expected": 4.1328263632750115}
    {"loss": "log_cosh", "args": {"input": [1000.0, -1000.0, 1e-08, 3.0], "target": [0.0, 0.0, 0.0, 0.0]}, "reduction": "none", "expected": [999.3068528194401, 999.3068528194401, 5e-17, 2.309328504577785]}
    {"loss": "log_cosh", "args": {"input": [1000.0, -1000.0, 1e-08, 3.0], "target": [0.0, 0.0, 0.0, 0.0]}, "reduction": "mean", "expected": 500.2307585358645}
    {"loss": "log_cosh", "args": {"input": [1000.0, -1000.0, 1e-08, 3.0], "target": [0.0, 0.0, 0.0, 0.0]}, "reduction": "sum", "expected": 2000.923034143458}
    {"loss": "quantile", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "q": 0.5}, "reduction": "none", "expected": [0.25, 1.0, 1.5, 0.375, 0.24999999999999997]}
    {"loss": "quantile", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "q": 0.5}, "reduction": "mean", "expected": 0.675}
    {"loss": "quantile", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "q": 0.5}, "reduction": "sum", "expected": 3.375}
    {"loss": "quantile", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "q": 0.9}, "reduction": "none", "expected": [0.04999999999999999, 0.19999999999999996, 2.7, 0.675, 0.44999999999999996]}
    {"loss": "quantile", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "q": 0.9}, "reduction": "mean", "expected": 0.8150000000000001}
    {"loss": "quantile", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "q": 0.9}, "reduction": "sum", "expected": 4.075}
    {"loss": "quantile", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "q": 0.1}, "reduction": "none", "expected": [0.45, 1.8, 0.30000000000000004, 0.07500000000000001, 0.049999999999999996]}
    {"loss": "quantile", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "q": 0.1}, "reduction": "mean", "expected": 0.5349999999999999}
    {"loss": "quantile", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "q": 0.1}, "reduction": "sum", "expected": 2.675}
    """#
}
