import Foundation
import XCTest
@testable import LossEngine

/// `expNonPositive` and `log1pUnit` drop the general kernels' special-case blends; on their
/// domains (x ≤ 0 or NaN; x ∈ [0, 1] or NaN) they must give the general kernels' results bit for bit.
final class SpecialisedKernelTests: XCTestCase {
    private func same(_ a: Double, _ b: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        if a.isNaN && b.isNaN { return }
        XCTAssertEqual(a.bitPattern, b.bitPattern, "\(what): \(a) vs \(b)", file: file, line: line)
    }

    func testExpNonPositiveIsExpBitForBit() {
        var g = SeededGenerator(seed: 21)
        var xs: [Double] = [0, -0.0, -.leastNonzeroMagnitude, -1e-300, -5e-324, -1e-17, -0.5, -1, -708.4, -709.8,
                            -745.1, -745.1332191019412, -745.14, -746, -747, -1e5, -1e300, -.infinity, .nan]
        for _ in 0..<20_000 { xs.append(-Foundation.exp(g.nextDouble() * 14 - 7) * (g.nextDouble() < 0.1 ? 100 : 1)) }
        var i = 0
        while i + 4 <= xs.count {
            let v = Lanes(xs[i], xs[i + 1], xs[i + 2], xs[i + 3])
            let a = VectorMath.expNonPositive(v), b = VectorMath.exp(v)
            for l in 0..<4 { same(a[l], b[l], "exp(\(xs[i + l]))") }
            i += 4
        }
    }

    /// log1pUnit has its own reduction (no exponent extraction): at most 1 ULP from glibc's
    /// log1p on [0, 1], x itself for tiny x, NaN for NaN.
    func testLog1pUnitWithinOneULPOfGlibc() {
        var g = SeededGenerator(seed: 22)
        var xs: [Double] = [0, .leastNonzeroMagnitude, 1e-300, 5.551115123125783e-17, 5.551115123125784e-17, 1e-16,
                            1.1102230246251565e-16, 2.220446049250313e-16, 1e-8, 0.41421356237309503, 0.4142135623730951,
                            0.5.nextDown, 0.5, 0.5.nextUp, 0.999999, 1.0.nextDown, 1]
        for _ in 0..<20_000 { xs.append(g.nextDouble() < 0.5 ? g.nextDouble() : Foundation.exp(-g.nextDouble() * 745)) }
        xs += [Double](repeating: 0.25, count: (4 - xs.count % 4) % 4)
        var i = 0
        while i + 4 <= xs.count {
            let a = VectorMath.log1pUnit(Lanes(xs[i], xs[i + 1], xs[i + 2], xs[i + 3]))
            for l in 0..<4 {
                let x = xs[i + l]
                XCTAssertLessThanOrEqual(KernelAccuracy.ulpDistance(a[l], Foundation.log1p(x)), 1, "log1p(\(x))")
                if x < 1e-17 { same(a[l], x, "log1p(\(x)) is x") }
            }
            i += 4
        }
        XCTAssert(VectorMath.log1pUnit(Lanes(.nan, 0, 1, 0.5))[0].isNaN)
    }

    /// The Gaussian NLL's logPositive is log bit for bit on positive lanes, +∞ and NaN.
    func testLogPositiveIsLogBitForBit() {
        var g = SeededGenerator(seed: 23)
        var xs: [Double] = [.leastNonzeroMagnitude, 1e-310, .leastNormalMagnitude, 1e-300, 1e-6, 0.5, 1, 1.0.nextUp,
                            1.0.nextDown, 2, 1e300, .greatestFiniteMagnitude, .infinity, .nan, 0.7071067811865476, 1.414213562373095]
        for _ in 0..<20_000 {
            let bits = g.next() % 0x7FF0_0000_0000_0000
            xs.append(g.nextDouble() < 0.5 ? Double(bitPattern: bits) : 0.5 + 1.5 * g.nextDouble())
        }
        var i = 0
        while i + 4 <= xs.count {
            let v = Lanes(xs[i], xs[i + 1], xs[i + 2], xs[i + 3])
            let a = VectorMath.logPositive(v), b = VectorMath.log(v)
            for l in 0..<4 { same(a[l], b[l], "log(\(xs[i + l]))") }
            i += 4
        }
    }

    /// exp and log take a blend-free path when every lane is ordinary and a full path
    /// otherwise: an ordinary lane's result must not depend on which path its vector took (a
    /// neighbour of −800, +750, 0, −1, ∞ or NaN sends it down the full path).
    func testFastAndFullPathsAgreeLaneByLane() {
        var g = SeededGenerator(seed: 24)
        let odd: [Double] = [-800, 750, -745.5, 705, .infinity, -.infinity, .nan]
        for _ in 0..<5_000 {
            let x = (g.nextDouble() - 0.5) * 1400
            let alone = VectorMath.exp(Lanes(repeating: x))[0]
            let lane = g.nextInt(below: 4)
            var v = Lanes(repeating: odd[g.nextInt(below: odd.count)])
            v[lane] = x
            same(VectorMath.exp(v)[lane], alone, "exp(\(x)) beside \(v)")
            same(VectorMath.expOrdinary(Lanes(repeating: x))[0], VectorMath.expAnyRange(Lanes(repeating: x))[0], "exp(\(x))")
            let y = Foundation.exp((g.nextDouble() - 0.5) * 200)
            var w = Lanes(repeating: [0, -1, .infinity, .nan, -.infinity][g.nextInt(below: 5)])
            w[lane] = y
            same(VectorMath.log(w)[lane], VectorMath.log(Lanes(repeating: y))[0], "log(\(y)) beside \(w)")
        }
    }
}
