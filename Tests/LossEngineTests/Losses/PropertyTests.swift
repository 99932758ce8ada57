import XCTest
@testable import LossEngine

/// Relations between losses that must hold whatever the inputs (optax-style agreement tests).
final class PropertyTests: XCTestCase {
    var g = SeededGenerator(seed: 2024)

    func randomVector(_ n: Int, _ lo: Double = -3, _ hi: Double = 3) -> [Double] {
        (0..<n).map { _ in lo + (hi - lo) * g.nextDouble() }
    }

    func testCrossEntropyIsUnchangedByShiftingLogits() throws {
        for shift in [-1000.0, -7.5, 0.25, 1000] {
            let x = try Tensor(shape: [4, 5], data: randomVector(20))
            let shifted = try Tensor(shape: [4, 5], data: x.data.map { $0 + shift })
            for smoothing in [0.0, 0.2] {
                let a = try Losses.crossEntropy(input: x, target: .indices([0, 4, 2, 1]), labelSmoothing: smoothing)
                let b = try Losses.crossEntropy(input: shifted, target: .indices([0, 4, 2, 1]), labelSmoothing: smoothing)
                assertClose(a.value, b.value, rtol: 1e-9, atol: 1e-9)
                assertClose(a.gradient("input"), b.gradient("input"), rtol: 1e-7, atol: 1e-12)
            }
        }
    }

    func testSmoothL1IsHuberOverBeta() throws {
        let x = randomVector(50), y = randomVector(50)
        for beta in [0.3, 1, 2.5] {
            let s = try Losses.smoothL1(input: x, target: y, beta: beta, reduction: .none)
            let h = try Losses.huber(input: x, target: y, delta: beta, reduction: .none)
            assertClose(s.items ?? [], (h.items ?? []).map { $0 / beta }, rtol: 1e-12)
            assertClose(s.gradient("input"), h.gradient("input").map { $0 / beta }, rtol: 1e-12)
        }
    }

    func testGaussianNLLWithFixedVarianceIsScaledMSEPlusConstant() throws {
        let x = randomVector(30), y = randomVector(30)
        for sigma2 in [0.5, 2.0] {
            let nll = try Losses.gaussianNLL(input: x, target: y, variance: [sigma2], full: true)
            let mse = try Losses.mse(input: x, target: y)
            let constant = 0.5 * Foundation.log(sigma2) + 0.5 * Foundation.log(2 * Double.pi)
            assertClose(nll.value, mse.value / (2 * sigma2) + constant, rtol: 1e-12)
            assertClose(nll.gradient("input"), mse.gradient("input").map { $0 / (2 * sigma2) }, rtol: 1e-12)
            // With `full` it is exactly the Normal distribution's negative log density.
            let normal = try Normal(loc: x[0], scale: sigma2.squareRoot())
            let items = try Losses.gaussianNLL(input: x, target: y, variance: [sigma2], full: true, reduction: .none)
            assertClose(items.items?[0] ?? 0, -(try normal.logProb(y[0])), rtol: 1e-12)
        }
    }

    func testLaplaceNLLWithFixedScaleIsScaledMAEPlusConstant() throws {
        let x = randomVector(30), y = randomVector(30)
        for b in [0.5, 3.0] {
            let nll = try Losses.laplaceNLL(input: x, target: y, scale: [b])
            let mae = try Losses.mae(input: x, target: y)
            assertClose(nll.value, mae.value / b + Foundation.log(b), rtol: 1e-12)
            assertClose(nll.gradient("input"), mae.gradient("input").map { $0 / b }, rtol: 1e-12)
            let full = try Losses.laplaceNLL(input: x, target: y, scale: [b], full: true, reduction: .none)
            assertClose(full.items?[3] ?? 0, -(try Laplace(loc: x[3], scale: b).logProb(y[3])), rtol: 1e-12)
        }
    }

    func testBCEOnProbabilitiesEqualsBCEWithLogitsOnTheirLogits() throws {
        let logits = randomVector(40, -8, 8)
        let p = logits.map(StableMath.sigmoid)
        let y = randomVector(40, 0, 1)
        let a = try Losses.bce(input: p, target: y, reduction: .none)
        let b = try Losses.bceWithLogits(input: logits, target: y, reduction: .none)
        assertClose(a.items ?? [], b.items ?? [], rtol: 1e-9, atol: 1e-12)
        // Chain rule: d/dlogit = d/dp · p(1 − p).
        let chained = zip(a.gradient("input"), p).map { $0 * $1 * (1 - $1) }
        assertClose(chained, b.gradient("input"), rtol: 1e-8, atol: 1e-12)
    }

    func testSparseAndOneHotCrossEntropyAgree() throws {
        let x = try Tensor(shape: [6, 4], data: randomVector(24))
        let labels = [0, 3, 2, 2, 1, 0]
        let oneHot = try Tensor(shape: [6, 4], data: labels.flatMap { l in (0..<4).map { $0 == l ? 1.0 : 0 } })
        for smoothing in [0.0, 0.3] {
            for reduction in Reduction.standard {
                let a = try Losses.crossEntropy(input: x, target: .indices(labels), labelSmoothing: smoothing, reduction: reduction)
                let b = try Losses.crossEntropy(input: x, target: .probabilities(oneHot), labelSmoothing: smoothing, reduction: reduction)
                assertClose(a.value, b.value, rtol: 1e-12)
                assertClose(a.gradient("input"), b.gradient("input"), rtol: 1e-12, atol: 1e-15)
            }
        }
    }

    func testCrossEntropyIsNLLOfLogSoftmax() throws {
        let x = try Tensor(shape: [3, 5], data: randomVector(15))
        let logp = try Tensor(shape: [3, 5], data: x.rows.flatMap(StableMath.logSoftmax))
        let w = [0.5, 1, 2, 1, 0.1]
        let a = try Losses.crossEntropy(input: x, target: .indices([4, 0, 2]), weight: w)
        let b = try Losses.nll(input: logp, target: [4, 0, 2], weight: w)
        assertClose(a.value, b.value, rtol: 1e-12)
    }

    func testKLDivBatchmeanIsSumOverBatchAndJSIsSymmetric() throws {
        let p = try Tensor(rows: [[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]]), q = try Tensor(rows: [[0.1, 0.1, 0.8], [0.3, 0.3, 0.4]])
        let logp = try Tensor(shape: [2, 3], data: p.data.map { Foundation.log($0) })
        let sum = try Losses.klDiv(input: logp, target: q, reduction: .sum)
        let bm = try Losses.klDiv(input: logp, target: q, reduction: .batchmean)
        assertClose(bm.value, sum.value / 2)
        let js1 = try Losses.jsDiv(input: p, target: q, reduction: .none)
        let js2 = try Losses.jsDiv(input: q, target: p, reduction: .none)
        assertClose(js1.items ?? [], js2.items ?? [], rtol: 1e-12)
        XCTAssert((js1.items ?? []).allSatisfy { $0 >= 0 && $0 <= M_LN2 })
    }

    func testReductionsAgree() throws {
        // mean = sum / N and none sums to sum, with gradients scaled alike, for every loss.
        var gen = SeededGenerator(seed: 5)
        for d in LossCatalog.all where d.reductions.contains(.none) {
            guard let args = Samples.args(d.name, &gen) else { continue }
            let none = try LossCatalog.evaluate(d.name, args: args, reduction: .none)
            let sum = try LossCatalog.evaluate(d.name, args: args, reduction: .sum)
            assertClose(flat(none.value).reduce(0, +), flat(sum.value)[0], rtol: 1e-12, atol: 1e-12, d.name)
            for (name, g) in sum.gradients { assertClose(flat(g), flat(none.gradients[name] ?? []), rtol: 1e-12, d.name) }
        }
    }

    func testPoly1WithZeroEpsilonIsCrossEntropy() throws {
        let x = try Tensor(shape: [3, 4], data: randomVector(12))
        let a = try Losses.poly1(input: x, target: [1, 2, 3], epsilon: 0)
        let b = try Losses.crossEntropy(input: x, target: .indices([1, 2, 3]))
        assertClose(a.value, b.value, rtol: 1e-12)
        let f = try Losses.softmaxFocal(input: x, target: [1, 2, 3], gamma: 0)
        assertClose(f.value, b.value, rtol: 1e-12)
    }
}

import Foundation

extension PropertyTests {
    func testGaussianNLLVariancePerRowBroadcastsLikePyTorch() throws {
        let x: EngineValue = [[0.5, 2, -3], [0.25, -0.7, 1]], y: EngineValue = [[0, 0, 0], [1, -0.2, 0.3]]
        for v in [[0.5, 2.0] as EngineValue, [[0.5], [2.0]] as EngineValue] {
            let mean = try LossCatalog.evaluate("gaussian_nll", args: ["input": x, "target": y, "var": v], reduction: .mean)
            assertClose(flat(mean.value)[0], 2.2626041666666663, rtol: 1e-14)
            let full = try LossCatalog.evaluate("gaussian_nll", args: ["input": x, "target": y, "var": [[0.5, 0.5, 0.5], [2, 2, 2]]], reduction: .sum)
            let row = try LossCatalog.evaluate("gaussian_nll", args: ["input": x, "target": y, "var": v], reduction: .sum)
            XCTAssertEqual(row.gradients["var"]?.shape, v.shape)
            let g = flat(full.gradients["var"] ?? [])
            assertClose(flat(row.gradients["var"] ?? []), [g[0] + g[1] + g[2], g[3] + g[4] + g[5]], rtol: 1e-14)
        }
    }
}
