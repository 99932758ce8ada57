import Foundation
import XCTest
@testable import LossEngine

/// The fused loops of the sigmoid focal loss, cross entropy with label smoothing and cross
/// entropy with probability targets (issue 18, item 3): values and gradients agree with the
/// textbook formulas (glibc, scalar) on random inputs with extremes, for every parameter the
/// losses take; an element's (a row's) result does not depend on its position, bit for bit; and
/// confidently right predictions keep a small positive loss.
final class FusedSmoothingFocalTests: XCTestCase {
    /// Logits with extremes and a length that exercises pairs, a lone vector and the tail.
    private func logits(_ g: inout SeededGenerator, count n: Int) -> [Double] {
        let edges: [Double] = [1000, -1000, 40, -40, 0, -0.0, 1e-300, 745, -745]
        return (0..<n).map { i in i < edges.count ? edges[i] : g.nextNormal() * 6 }
    }

    /// The focal loss element by element: torchvision's formula with glibc exp, log1p and pow.
    private func focalReference(_ x: Double, _ y: Double, alpha: Double, gamma: Double) -> (Double, Double) {
        let p = 1 / (1 + Foundation.exp(-x)), q = 1 / (1 + Foundation.exp(x))
        let ce = (Swift.max(x, 0) - y * x) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
        let omp = p * (1 - y) + q * y
        let w = Foundation.pow(omp, gamma)
        let dw = gamma == 0 ? 0 : (omp > 0 ? gamma * Foundation.pow(omp, gamma - 1) : (gamma == 1 ? 1 : 0))
        let at = alpha >= 0 ? alpha * y + (1 - alpha) * (1 - y) : 1
        return (at * ce * w, at * ((p - y) * w - ce * dw * p * q * (2 * y - 1)))
    }

    func testFocalMatchesTheReferenceFormula() throws {
        var g = SeededGenerator(seed: 31)
        for n in [1, 3, 4, 7, 8, 13, 40] {
            let x = logits(&g, count: n)
            let y = (0..<n).map { i in i % 3 == 2 ? g.nextDouble() : Double(g.nextInt(below: 2)) }
            for gamma in [0, 0.5, 1, 2, 2.5, 5, 20] {   // 20: above the products' limit, by exp and log
                for alpha in [0.25, -1] {
                    let none = try Losses.focal(input: x, target: y, alpha: alpha, gamma: gamma, reduction: .none)
                    var sum = 0.0
                    for i in 0..<n {
                        let (v, d) = focalReference(x[i], y[i], alpha: alpha, gamma: gamma)
                        assertClose(none.items![i], v, rtol: 1e-6, atol: 1e-300, "value x=\(x[i]) y=\(y[i]) γ=\(gamma)")
                        assertClose(none.gradient("input")[i], d, rtol: 1e-6, atol: 1e-14, "d x=\(x[i]) y=\(y[i]) γ=\(gamma)")
                        sum += v
                    }
                    let mean = try Losses.focal(input: x, target: y, alpha: alpha, gamma: gamma, reduction: .mean)
                    let total = try Losses.focal(input: x, target: y, alpha: alpha, gamma: gamma, reduction: .sum)
                    assertClose(mean.value, sum / Double(n), rtol: 1e-6, atol: 1e-300)
                    assertClose(total.value, sum, rtol: 1e-6, atol: 1e-300)
                    assertClose(mean.gradient("input"), none.gradient("input").map { $0 / Double(n) }, rtol: 1e-14, atol: 1e-300)
                    XCTAssertEqual(total.gradient("input"), none.gradient("input"))
                }
            }
        }
    }

    /// Log-softmax of a row with glibc: (xⱼ − m) − log1p(Σ_{j ≠ first max} e^{xⱼ − m}), so a
    /// confident row's tiny −log p is kept (log of the full sum would round it to 0).
    private func logSoftmax(_ row: [Double]) -> [Double] {
        let m = row.max()!
        let top = row.firstIndex(of: m)!
        let r = row.indices.reduce(0.0) { $1 == top ? $0 : $0 + Foundation.exp(row[$1] - m) }
        return row.map { ($0 - m) - Foundation.log1p(r) }
    }

    /// PyTorch's cross entropy, written out: per-row coefficients cⱼ (the smoothed, weighted
    /// target), value −Σcⱼ log pⱼ, gradient (Σc)·pⱼ − cⱼ; the mean divides by Σ w_y for indices.
    private func crossEntropyReference(_ x: [Double], k: Int, coefficients: [[Double]]) -> (items: [Double], grad: [Double]) {
        var items: [Double] = [], grad: [Double] = []
        for (i, c) in coefficients.enumerated() {
            let lp = logSoftmax(Array(x[(i * k)..<((i + 1) * k)]))
            let total = c.reduce(0, +)
            items.append(-zip(c, lp).reduce(0) { $0 + $1.0 * $1.1 })
            grad += (0..<k).map { total * Foundation.exp(lp[$0]) - c[$0] }
        }
        return (items, grad)
    }

    func testLabelSmoothedCrossEntropyMatchesTheReferenceFormula() throws {
        var g = SeededGenerator(seed: 32)
        for k in [1, 2, 3, 4, 5, 10] {
            for n in [1, 4, 5, 9] {
                let x = logits(&g, count: n * k)
                var labels = (0..<n).map { _ in g.nextInt(below: k) }
                if n > 2 { labels[2] = -100 }
                let weight = (0..<k).map { _ in 0.2 + g.nextDouble() }
                for eps in [0.0, 0.1, 1.0] {
                    for w in [nil, weight] as [[Double]?] {
                        let input = try Tensor(shape: [n, k], data: x)
                        // PyTorch: cⱼ = (1 − ε)·w_y·[j = y] + (ε/K)·wⱼ.
                        let coefficients = labels.map { y -> [Double] in
                            guard y != -100 else { return [Double](repeating: 0, count: k) }
                            return (0..<k).map { j in (w?[j] ?? 1) * ((1 - eps) * (j == y ? 1 : 0) + eps / Double(k)) }
                        }
                        let ref = crossEntropyReference(x, k: k, coefficients: coefficients)
                        let none = try Losses.crossEntropy(input: input, target: .indices(labels), weight: w,
                                                           labelSmoothing: eps, reduction: .none)
                        assertClose(none.items!, ref.items, rtol: 1e-6, atol: 1e-300, "k=\(k) n=\(n) ε=\(eps)")
                        assertClose(none.gradient("input"), ref.grad, rtol: 1e-6, atol: 1e-13, "k=\(k) n=\(n) ε=\(eps)")
                        let counted = labels.filter { $0 != -100 }.reduce(0.0) { $0 + (w?[$1] ?? 1) }
                        let mean = try Losses.crossEntropy(input: input, target: .indices(labels), weight: w,
                                                           labelSmoothing: eps, reduction: .mean)
                        assertClose(mean.value, ref.items.reduce(0, +) / counted, rtol: 1e-6, atol: 1e-300)
                        assertClose(mean.gradient("input"), ref.grad.map { $0 / counted }, rtol: 1e-6, atol: 1e-13)
                        let sum = try Losses.crossEntropy(input: input, target: .indices(labels), weight: w,
                                                          labelSmoothing: eps, reduction: .sum)
                        assertClose(sum.value, ref.items.reduce(0, +), rtol: 1e-6, atol: 1e-300)
                        XCTAssertEqual(sum.gradient("input"), none.gradient("input"))
                    }
                }
            }
        }
    }

    func testProbabilityTargetCrossEntropyMatchesTheReferenceFormula() throws {
        var g = SeededGenerator(seed: 33)
        for k in [1, 3, 4, 6, 10] {
            for n in [1, 4, 7] {
                let x = logits(&g, count: n * k)
                var t: [Double] = []
                for i in 0..<n {
                    if i % 2 == 0 {
                        let raw = (0..<k).map { _ in g.nextDouble() }
                        let s = raw.reduce(0, +)
                        t += raw.map { $0 / s }
                    } else {
                        let hot = g.nextInt(below: k)
                        t += (0..<k).map { $0 == hot ? 1 : 0 }
                    }
                }
                let weight = (0..<k).map { _ in 0.2 + g.nextDouble() }
                for eps in [0.0, 0.1, 1.0] {
                    for w in [nil, weight] as [[Double]?] {
                        let coefficients = (0..<n).map { i in
                            (0..<k).map { j in (w?[j] ?? 1) * ((1 - eps) * t[i * k + j] + eps / Double(k)) }
                        }
                        let ref = crossEntropyReference(x, k: k, coefficients: coefficients)
                        let input = try Tensor(shape: [n, k], data: x), target = try Tensor(shape: [n, k], data: t)
                        for reduction in [Reduction.none, .mean, .sum] {
                            let r = try Losses.crossEntropy(input: input, target: .probabilities(target), weight: w,
                                                            labelSmoothing: eps, reduction: reduction)
                            let scale = reduction == .mean ? 1 / Double(n) : 1
                            if reduction == .none { assertClose(r.items!, ref.items, rtol: 1e-6, atol: 1e-300) }
                            assertClose(r.value, ref.items.reduce(0, +) * (reduction == .none ? 1 : scale), rtol: 1e-6,
                                        atol: 1e-300, "k=\(k) n=\(n) ε=\(eps) \(reduction)")
                            assertClose(r.gradient("input"), ref.grad.map { $0 * scale }, rtol: 1e-6, atol: 1e-13,
                                        "k=\(k) n=\(n) ε=\(eps) \(reduction)")
                        }
                    }
                }
            }
        }
    }

    /// Each element or row alone gives bit for bit what it gives inside a longer batch.
    func testAnElementsResultDoesNotDependOnItsPosition() throws {
        var g = SeededGenerator(seed: 34)
        let n = 19
        let x = logits(&g, count: n)
        let y = (0..<n).map { _ in g.nextDouble() }
        for gamma in [0, 2, 2.5, 5] {
            let all = try Losses.focal(input: x, target: y, gamma: gamma, reduction: .sum)
            let items = try Losses.focal(input: x, target: y, gamma: gamma, reduction: .none).items!
            for i in 0..<n {
                let one = try Losses.focal(input: [x[i]], target: [y[i]], gamma: gamma, reduction: .sum)
                XCTAssertEqual(one.value, items[i], "focal value at \(i), γ = \(gamma)")
                XCTAssertEqual(one.gradient("input")[0], all.gradient("input")[i], "focal gradient at \(i), γ = \(gamma)")
            }
        }
        let k = 6, rows = 7
        let z = (0..<(rows * k)).map { _ in g.nextNormal() * 5 }
        let labels = (0..<rows).map { _ in g.nextInt(below: k) }
        let probs = (0..<(rows * k)).map { _ in g.nextDouble() / Double(k) }
        let input = try Tensor(shape: [rows, k], data: z)
        let smoothed = try Losses.crossEntropy(input: input, target: .indices(labels), labelSmoothing: 0.1, reduction: .none)
        let soft = try Losses.crossEntropy(input: input, target: .probabilities(Tensor(shape: [rows, k], data: probs)),
                                           reduction: .none)
        for i in 0..<rows {
            let range = (i * k)..<((i + 1) * k)
            let row = try Tensor(shape: [1, k], data: Array(z[range]))
            let a = try Losses.crossEntropy(input: row, target: .indices([labels[i]]), labelSmoothing: 0.1, reduction: .none)
            XCTAssertEqual(a.items![0], smoothed.items![i], "smoothed row \(i)")
            XCTAssertEqual(a.gradient("input"), Array(smoothed.gradient("input")[range]), "smoothed row \(i)")
            let b = try Losses.crossEntropy(input: row, target: .probabilities(Tensor(shape: [1, k], data: Array(probs[range]))),
                                            reduction: .none)
            XCTAssertEqual(b.items![0], soft.items![i], "probability row \(i)")
            XCTAssertEqual(b.gradient("input"), Array(soft.gradient("input")[range]), "probability row \(i)")
        }
    }

    /// Confidently right: the loss is small and positive, not 0, to full relative precision
    /// (issue 18, item 4), in the fused focal loop and for one-hot probability targets, whose
    /// gradient at the winner also keeps its value −r/(1 + r) instead of rounding to 0.
    func testConfidentlyRightPredictionsKeepTheirTinyLoss() throws {
        for x in [40.0, 100, 700] {
            let f = try Losses.focal(input: [x, -x], target: [1, 0], alpha: -1, gamma: 0, reduction: .none)
            let expected = Foundation.log1p(Foundation.exp(-x))   // ce = softplus(−x)
            assertClose(f.items![0], expected, rtol: 1e-14, atol: 0)
            assertClose(f.items![1], expected, rtol: 1e-14, atol: 0)
            XCTAssertGreaterThan(f.items![0], 0)
            let f2 = try Losses.focal(input: [x], target: [1], gamma: 2, reduction: .none)
            // (1 − pₜ)² = e^{−2x}(1 + …), so the loss is 0.25·e^{−3x} to leading order.
            let tiny = 0.25 * Foundation.exp(-3 * x)
            if tiny > 1e-300 { assertClose(f2.items![0], tiny, rtol: 1e-12, atol: 0) }
        }
        for scale in [10.0, 20, 30] {
            let row = [scale, 0, -scale, 0.5 * scale]
            let r = Foundation.exp(-scale) + Foundation.exp(-2 * scale) + Foundation.exp(-0.5 * scale)
            let input = try Tensor(shape: [1, 4], data: row)
            let onehot = try Losses.crossEntropy(input: input, target: .probabilities(Tensor(shape: [1, 4], data: [1, 0, 0, 0])),
                                                 reduction: .sum)
            assertClose(onehot.value, Foundation.log1p(r), rtol: 1e-14, atol: 0)
            assertClose(onehot.gradient("input")[0], -r / (1 + r), rtol: 1e-14, atol: 0)
            XCTAssertLessThan(onehot.gradient("input")[0], 0)
        }
    }

    /// Central finite differences of the fused losses' values against their gradients, for the
    /// parameters the catalog's gradient check does not sample (γ = 0.5 and 5, α absent,
    /// probability targets with smoothing and weights).
    func testGradientsMatchFiniteDifferences() throws {
        var g = SeededGenerator(seed: 35)
        func check(_ x: [Double], _ f: ([Double]) throws -> LossOutput, _ message: String) throws {
            let analytic = try f(x).gradient("input")
            for i in x.indices {
                let h = 1e-6 * Swift.max(1, Swift.abs(x[i]))
                var up = x, down = x
                up[i] += h
                down[i] -= h
                let numeric = (try f(up).value - f(down).value) / (2 * h)
                assertClose(analytic[i], numeric, rtol: 1e-5, atol: 1e-8, "\(message) at \(i)")
            }
        }
        let x = (0..<9).map { _ in g.nextNormal() * 2 }
        let y = (0..<9).map { _ in g.nextDouble() }
        for gamma in [0.5, 2, 5] {
            for alpha in [0.25, -1] {
                try check(x, { try Losses.focal(input: $0, target: y, alpha: alpha, gamma: gamma, reduction: .mean) },
                          "focal γ=\(gamma) α=\(alpha)")
            }
        }
        let k = 4, n = 3
        let z = (0..<(n * k)).map { _ in g.nextNormal() * 2 }
        let t = try Tensor(shape: [n, k], data: [0.1, 0.2, 0.3, 0.4, 1, 0, 0, 0, 0.25, 0.25, 0.25, 0.25])
        let w = [0.5, 1.5, 1, 2]
        for eps in [0, 0.1, 1] {
            try check(z, { try Losses.crossEntropy(input: Tensor(shape: [n, k], data: $0), target: .probabilities(t), weight: w,
                                                   labelSmoothing: eps, reduction: .mean) }, "probabilities ε=\(eps)")
            try check(z, { try Losses.crossEntropy(input: Tensor(shape: [n, k], data: $0), target: .indices([3, 0, 1]),
                                                   weight: w, labelSmoothing: eps, reduction: .sum) }, "indices ε=\(eps)")
        }
    }
}
