import XCTest
@testable import LossEngine

/// Every analytic gradient of every loss in the catalog against central finite differences,
/// for every reduction the loss allows.
final class GradientCheckTests: XCTestCase {
    func replacing(_ value: EngineValue, at index: Int, with x: Double) -> EngineValue {
        guard let shape = value.shape, var data = value.flattened() else { return value }
        data[index] = x
        return EngineValue(shape: shape, flat: data)
    }

    func scalar(_ e: LossEvaluation) -> Double { flat(e.value).reduce(0, +) }

    func testEveryGradientMatchesFiniteDifferences() throws {
        var g = SeededGenerator(seed: 42)
        // circle's gradient holds its weights αp, αn constant by definition (Sun et al. 2020), so
        // it is checked against finite differences of the frozen-weight function in CircleTests.
        for d in LossCatalog.all where d.name != "circle" {
            for trial in 0..<3 {
                guard let args = Samples.args(d.name, &g) else {
                    XCTFail("no sample arguments for \(d.name)")
                    break
                }
                for reduction in d.reductions {
                    let base = try LossCatalog.evaluate(d.name, args: args, reduction: reduction)
                    XCTAssertEqual(Set(base.gradients.keys), Set(d.differentiable), d.name)
                    for name in d.differentiable {
                        guard let value = args[name], let data = value.flattened(), let grad = base.gradients[name] else {
                            XCTFail("\(d.name): missing \(name)")
                            continue
                        }
                        XCTAssertEqual(grad.shape, value.shape, "\(d.name) gradient shape of \(name)")
                        let analytic = flat(grad)
                        for i in data.indices {
                            // The upper triangle of a Cholesky factor is not a free parameter.
                            if name == "scale_tril", let d0 = value.shape?.last, i % d0 > i / d0 {
                                XCTAssertEqual(analytic[i], 0)
                                continue
                            }
                            let h = 1e-6 * Swift.max(1, Swift.abs(data[i]))
                            var plus = args, minus = args
                            plus[name] = replacing(value, at: i, with: data[i] + h)
                            minus[name] = replacing(value, at: i, with: data[i] - h)
                            let fp = scalar(try LossCatalog.evaluate(d.name, args: plus, reduction: reduction))
                            let fm = scalar(try LossCatalog.evaluate(d.name, args: minus, reduction: reduction))
                            let numeric = (fp - fm) / (2 * h)
                            assertClose(analytic[i], numeric, rtol: 2e-5, atol: 2e-6,
                                        "\(d.name) d/d\(name)[\(i)] reduction \(reduction) trial \(trial)")
                        }
                    }
                }
            }
        }
    }
}
