import Foundation
import XCTest
@testable import LossEngine

/// The vector kernels against glibc. The unit suite runs debug code, where SIMD is slow, so it
/// sweeps 100,000 seeded points per function plus the edges; the full 10⁷-point sweep per function
/// runs in release as `engine-bench accuracy` (from `make bench-engine`), with the same code.
final class VectorKernelAccuracyTests: XCTestCase {
    func testEveryKernelKeepsItsPromisedULP() {
        for f in VectorKernels.Function.allCases {
            let r = KernelAccuracy.measure(f, count: 100_000, seed: 18)
            XCTAssertLessThanOrEqual(r.maxULP, KernelAccuracy.promisedULP(f), "\(f) at \(r.worstInput)")
        }
    }

    func testSpecialValues() {
        let e = VectorKernels.apply(.exp, [0, -0.0, .infinity, -.infinity, .nan, 709.8, -745.2, 1])
        XCTAssertEqual(Array(e[0..<4]), [1, 1, .infinity, 0])
        XCTAssert(e[4].isNaN)
        XCTAssertEqual(e[5], .infinity)
        XCTAssertEqual(e[6], 0)
        XCTAssertLessThanOrEqual(KernelAccuracy.ulpDistance(e[7], M_E), 1)
        let m1 = VectorKernels.apply(.expm1, [-0.0, 1e-300, -50, .infinity, -.infinity])
        XCTAssertEqual(m1[0].sign, .minus)
        XCTAssertEqual(Array(m1[1...]), [1e-300, -1, .infinity, -1])
        let l = VectorKernels.apply(.log, [0, -0.0, -1, .infinity, 1, .leastNonzeroMagnitude, .nan])
        XCTAssertEqual(Array(l[0..<2]), [-.infinity, -.infinity])
        XCTAssert(l[2].isNaN && l[6].isNaN)
        XCTAssertEqual(l[3], .infinity)
        XCTAssertEqual(l[4], 0)
        XCTAssertEqual(l[5], -744.4400719213812)
        let lp = VectorKernels.apply(.log1p, [-1, -2, -0.0, 1e-20, .infinity])
        XCTAssertEqual(lp[0], -.infinity)
        XCTAssert(lp[1].isNaN)
        XCTAssertEqual(lp[2].sign, .minus)
        XCTAssertEqual(Array(lp[3...]), [1e-20, .infinity])
        XCTAssertEqual(VectorKernels.apply(.softplus, [-.infinity, .infinity, -1000, 1000]), [0, .infinity, 0, 1000])
        XCTAssertEqual(VectorKernels.apply(.sigmoid, [-.infinity, .infinity, 0]), [0, 1, 0.5])
        XCTAssertEqual(VectorKernels.apply(.logSigmoid, [-1000, 1000]), [-1000, 0])
    }

    /// An element's result must not depend on its position: in a full vector, in any lane, or
    /// in the scalar tail.
    func testResultsDoNotDependOnLaneOrTail() {
        var g = SeededGenerator(seed: 5)
        let xs = (0..<203).map { _ in (g.nextDouble() - 0.5) * 60 }
        for f in VectorKernels.Function.allCases {
            let whole = VectorKernels.apply(f, xs)
            for shift in 1..<4 {
                let shifted = VectorKernels.apply(f, Array(xs[shift...]))
                XCTAssertEqual(Array(whole[shift...]).map(\.bitPattern), shifted.map(\.bitPattern), "\(f) shift \(shift)")
            }
            let one = xs.prefix(20).map { VectorKernels.apply(f, [$0])[0] }
            XCTAssertEqual(Array(whole.prefix(20)).map(\.bitPattern), one.map(\.bitPattern), "\(f) tail")
        }
    }

    func testLogSoftmaxRows() {
        let rows = VectorKernels.logSoftmaxRows([1e16, 1e16, 40, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6], width: 13)
        XCTAssertEqual(rows.count, 13)
        let x: [Double] = [3, 1, 2, 0.5, -1, 7, 2]
        let v = VectorKernels.logSoftmaxRows(x, width: 7)
        let s = StableMath.logSoftmax(x)
        for j in 0..<7 { XCTAssertLessThanOrEqual(KernelAccuracy.ulpDistance(v[j], s[j]), 2) }
        XCTAssertEqual(VectorKernels.logSoftmaxRows([1e16, 1e16], width: 2), [-M_LN2, -M_LN2])
        let confident = VectorKernels.logSoftmaxRows([40, 0, 0, 0, 0], width: 5)
        XCTAssertGreaterThan(-confident[0], 0, "a confident row keeps its tiny −log p")
        XCTAssertEqual(-confident[0], 4 * Foundation.exp(-40), accuracy: 1e-30)
    }

    func testULPDistance() {
        XCTAssertEqual(KernelAccuracy.ulpDistance(1, 1.0.nextUp), 1)
        XCTAssertEqual(KernelAccuracy.ulpDistance(-0.0, 0), 0)
        XCTAssertEqual(KernelAccuracy.ulpDistance(.leastNonzeroMagnitude, -.leastNonzeroMagnitude), 2)
        XCTAssertEqual(KernelAccuracy.ulpDistance(.nan, .nan), 0)
        XCTAssertEqual(KernelAccuracy.ulpDistance(.nan, 1), .max)
    }
}
