import Foundation
import XCTest
@testable import LossEngine

/// The fused value + gradient loops of bce_with_logits, gaussian_nll and cross_entropy (indices):
/// they agree with the scalar glibc formulas for every length (full vectors, the second vector
/// of an unrolled pair, the tail), an element's result does not depend on where it falls (bit
/// for bit), and the reduced forms write no per-item output they were not asked for.
final class FusedLoopTests: XCTestCase {
    func testGaussianNLLMatchesTheScalarFormula() throws {
        var g = SeededGenerator(seed: 11)
        for n in 1...19 {
            let x = (0..<n).map { _ in g.nextNormal() * 3 }
            let y = (0..<n).map { _ in g.nextNormal() }
            let own = (0..<n).map { _ in g.nextDouble() * 2 }         // some below eps = 0.1
            for variance in [own, [0.7]] {
                for full in [false, true] {
                    let r = try Losses.gaussianNLL(input: x, target: y, variance: variance, eps: 0.1, full: full,
                                                   reduction: .none)
                    var dVarSum = 0.0
                    for i in 0..<n {
                        let v = Swift.max(variance.count == 1 ? variance[0] : variance[i], 0.1)
                        let a = x[i] - y[i]
                        let value = 0.5 * (Foundation.log(v) + a * a / v) + (full ? 0.5 * Foundation.log(2 * Double.pi) : 0)
                        let dv = 0.5 * (1 / v - (a / v) * (a / v))
                        assertClose(r.items![i], value, rtol: 1e-12, atol: 1e-14)
                        assertClose(r.gradient("input")[i], a / v, rtol: 1e-14, atol: 1e-300)
                        if variance.count == n { assertClose(r.gradient("var")[i], dv, rtol: 1e-13, atol: 1e-14) }
                        dVarSum += dv
                    }
                    if variance.count == 1 && n > 1 {
                        XCTAssertEqual(r.gradient("var").count, 1)
                        assertClose(r.gradient("var")[0], dVarSum, rtol: 1e-12, atol: 1e-13)
                    }
                }
            }
        }
    }

    func testCrossEntropyMatchesTheScalarFormula() throws {
        var g = SeededGenerator(seed: 12)
        for k in 1...9 {
            for n in [1, 3, 4, 5, 9] {
                let logits = (0..<(n * k)).map { _ in g.nextNormal() * 4 }
                var labels = (0..<n).map { _ in g.nextInt(below: k) }
                if n > 2 { labels[1] = -100 }
                let weight = (0..<k).map { _ in 0.5 + g.nextDouble() }
                for w in [nil, weight] as [[Double]?] {
                    let input = try Tensor(shape: [n, k], data: logits)
                    let r = try Losses.crossEntropy(input: input, target: .indices(labels), weight: w, reduction: .none)
                    for i in 0..<n {
                        let row = Array(logits[(i * k)..<((i + 1) * k)])
                        let lp = StableMath.logSoftmax(row)
                        guard labels[i] != -100 else {
                            XCTAssertEqual(r.items![i], 0)
                            XCTAssertEqual(Array(r.gradient("input")[(i * k)..<((i + 1) * k)]), [Double](repeating: 0, count: k))
                            continue
                        }
                        let wy = w?[labels[i]] ?? 1
                        assertClose(r.items![i], -wy * lp[labels[i]], rtol: 1e-13, atol: 1e-300)
                        for j in 0..<k {
                            let d = wy * (Foundation.exp(lp[j]) - (j == labels[i] ? 1 : 0))
                            assertClose(r.gradient("input")[i * k + j], d, rtol: 1e-12, atol: 1e-15)
                        }
                    }
                }
            }
        }
    }

    /// Each element (row) alone gives bit for bit what it gives inside a longer array, whatever
    /// its lane, its half of an unrolled pair or the tail.
    func testAnElementsResultDoesNotDependOnItsPosition() throws {
        var g = SeededGenerator(seed: 13)
        let n = 13
        let x = (0..<n).map { _ in (g.nextDouble() - 0.5) * 60 }
        let y = (0..<n).map { _ in g.nextDouble() }
        let v = (0..<n).map { _ in 0.01 + g.nextDouble() }
        let bce = try Losses.bceWithLogits(input: x, target: y, reduction: .sum)
        let gauss = try Losses.gaussianNLL(input: x, target: y, variance: v, reduction: .sum)
        let bceItems = try Losses.bceWithLogits(input: x, target: y, reduction: .none).items!
        let gaussItems = try Losses.gaussianNLL(input: x, target: y, variance: v, reduction: .none).items!
        for i in 0..<n {
            let b = try Losses.bceWithLogits(input: [x[i]], target: [y[i]], reduction: .sum)
            XCTAssertEqual(b.value, bceItems[i], "bce value at \(i)")
            XCTAssertEqual(b.gradient("input")[0], bce.gradient("input")[i], "bce gradient at \(i)")
            let s = try Losses.gaussianNLL(input: [x[i]], target: [y[i]], variance: [v[i]], reduction: .sum)
            XCTAssertEqual(s.value, gaussItems[i], "gaussian value at \(i)")
            XCTAssertEqual(s.gradient("input")[0], gauss.gradient("input")[i], "gaussian d/dx at \(i)")
            XCTAssertEqual(s.gradient("var")[0], gauss.gradient("var")[i], "gaussian d/dvar at \(i)")
        }
        let k = 6, rows = 7
        let logits = (0..<(rows * k)).map { _ in g.nextNormal() * 5 }
        let labels = (0..<rows).map { _ in g.nextInt(below: k) }
        let all = try Losses.crossEntropy(input: Tensor(shape: [rows, k], data: logits), target: .indices(labels),
                                          reduction: .none)
        for i in 0..<rows {
            let one = try Losses.crossEntropy(input: Tensor(shape: [1, k], data: Array(logits[(i * k)..<((i + 1) * k)])),
                                              target: .indices([labels[i]]), reduction: .none)
            XCTAssertEqual(one.items![0], all.items![i], "cross entropy row \(i)")
            XCTAssertEqual(one.gradient("input"), Array(all.gradient("input")[(i * k)..<((i + 1) * k)]), "row \(i)")
        }
    }

    /// Mean and sum reductions over lengths with full pairs, a lone vector and a tail: the
    /// value is the reduced items and the gradient the items' gradient scaled (these paths
    /// write no items; a stray write there once crashed).
    func testReducedFormsAgreeWithTheItems() throws {
        var g = SeededGenerator(seed: 14)
        for n in [8, 12, 13, 1001] {
            let x = (0..<n).map { _ in g.nextNormal() * 3 }
            let y = (0..<n).map { _ in g.nextDouble() < 0.5 ? 0.0 : 1.0 }
            let v = (0..<n).map { _ in 0.5 + g.nextDouble() }
            let none = try Losses.bceWithLogits(input: x, target: y, posWeight: [2], reduction: .none)
            let mean = try Losses.bceWithLogits(input: x, target: y, posWeight: [2], reduction: .mean)
            assertClose(mean.value, none.items!.reduce(0, +) / Double(n), rtol: 1e-13)
            assertClose(mean.gradient("input"), none.gradient("input").map { $0 / Double(n) }, rtol: 1e-14, atol: 1e-300)
            let gNone = try Losses.gaussianNLL(input: x, target: y, variance: v, reduction: .none)
            let gSum = try Losses.gaussianNLL(input: x, target: y, variance: v, reduction: .sum)
            let gShared = try Losses.gaussianNLL(input: x, target: y, variance: [1.5], reduction: .mean)
            XCTAssertEqual(gShared.gradient("var").count, 1)
            assertClose(gSum.value, gNone.items!.reduce(0, +), rtol: 1e-13)
            XCTAssertEqual(gSum.gradient("var"), gNone.gradient("var"))
            let rows = n / 4, k = 4
            let logits = try Tensor(shape: [rows, k], data: Array(x[0..<(rows * k)]))
            let labels = (0..<rows).map { $0 % k }
            let cNone = try Losses.crossEntropy(input: logits, target: .indices(labels), reduction: .none)
            let cMean = try Losses.crossEntropy(input: logits, target: .indices(labels), reduction: .mean)
            assertClose(cMean.value, cNone.items!.reduce(0, +) / Double(rows), rtol: 1e-13)
            assertClose(cMean.gradient("input"), cNone.gradient("input").map { $0 / Double(rows) }, rtol: 1e-14, atol: 1e-300)
        }
    }
}
