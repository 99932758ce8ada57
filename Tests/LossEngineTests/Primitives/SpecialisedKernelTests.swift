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

    func testLog1pUnitIsLog1pBitForBit() {
        var g = SeededGenerator(seed: 22)
        var xs: [Double] = [0, .leastNonzeroMagnitude, 1e-300, 5.551115123125783e-17, 5.551115123125784e-17, 1e-16,
                            1.1102230246251565e-16, 2.220446049250313e-16, 1e-8, 0.41421356237309503, 0.4142135623730951,
                            0.5, 0.999999, 1, .nan, 0]
        for _ in 0..<20_000 { xs.append(g.nextDouble() < 0.5 ? g.nextDouble() : Foundation.exp(-g.nextDouble() * 745)) }
        var i = 0
        while i + 4 <= xs.count {
            let v = Lanes(xs[i], xs[i + 1], xs[i + 2], xs[i + 3])
            let a = VectorMath.log1pUnit(v), b = VectorMath.log1p(v)
            for l in 0..<4 { same(a[l], b[l], "log1p(\(xs[i + l]))") }
            i += 4
        }
    }
}
