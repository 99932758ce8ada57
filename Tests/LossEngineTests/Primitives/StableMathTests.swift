import XCTest
@testable import LossEngine

/// The stable primitives against high-precision values (mpmath, 40 digits) with explicit
/// tolerances, and at the extremes where the naive forms overflow.
final class StableMathTests: XCTestCase {
    func testLogSumExpAndSoftmax() {
        assertClose(StableMath.logSumExp([1000, 999, -1000]), 1000.3132616875182, rtol: 1e-15)
        XCTAssertEqual(StableMath.logSumExp([]), -.infinity)
        XCTAssertEqual(StableMath.logSumExp([-.infinity, -.infinity]), -.infinity)
        XCTAssertEqual(StableMath.logSumExp([1, .infinity]), .infinity)
        let x = (0..<10_000).map { Double($0 % 7) * 300 - 1000 }
        let ls = StableMath.logSoftmax(x)
        XCTAssert(ls.allSatisfy(\.isFinite))
        assertClose(StableMath.softmax(x).reduce(0, +), 1, rtol: 1e-12)
        assertClose(StableMath.logAddExp(-1000, -1000), -1000 + M_LN2, rtol: 1e-15)
        XCTAssertEqual(StableMath.logAddExp(-.infinity, 3), 3)
    }

    func testSoftplusSigmoidLogSigmoid() {
        assertClose(StableMath.softplus(-40), 4.248354255291589e-18, rtol: 1e-14)
        assertClose(StableMath.softplus(30), 30.000000000000092, rtol: 1e-15)
        XCTAssertEqual(StableMath.softplus(1000), 1000)
        XCTAssertEqual(StableMath.softplus(-1000), 0)
        XCTAssertEqual(StableMath.logSigmoid(-1000), -1000)
        XCTAssertEqual(StableMath.logSigmoid(1000), 0)
        XCTAssertEqual(StableMath.sigmoid(-1000), 0)
        XCTAssertEqual(StableMath.sigmoid(1000), 1)
        assertClose(StableMath.sigmoid(-745), Foundation.exp(-745), rtol: 1e-12)
        assertClose(StableMath.sigmoid(0.3) + StableMath.sigmoid(-0.3), 1, rtol: 1e-15)
    }

    func testLogCoshAndLog1mExp() {
        assertClose(StableMath.logCosh(1e-5), 4.999999999916667e-11, rtol: 1e-14)
        assertClose(StableMath.logCosh(0.7), 0.22727022935850558, rtol: 1e-14)
        assertClose(StableMath.logCosh(-800), 799.3068528194401, rtol: 1e-15)
        assertClose(StableMath.logCosh(1), Foundation.log(Foundation.cosh(1)), rtol: 1e-15)
        assertClose(StableMath.log1mExp(-1e-10), -23.025850929990458, rtol: 1e-14)
        assertClose(StableMath.log1mExp(-50), -1.9287498479639178e-22, rtol: 1e-14)
        assertClose(StableMath.log1mExp(-1), -0.4586751453870819, rtol: 1e-15)
        XCTAssert(StableMath.log1mExp(1).isNaN)
    }

    func testGammaFamily() {
        for (x, want) in [(0.1, -10.423754940411076), (1, -0.5772156649015329), (2.5, 0.7031566406452432),
                          (6, 1.7061176684318005), (100, 4.600161852738087), (1e-5, -100000.57719921567)] {
            assertClose(StableMath.digamma(x), want, rtol: 1e-13, "digamma(\(x))")
        }
        assertClose(StableMath.digamma(-0.5), 0.03648997397857652, rtol: 1e-12)
        XCTAssert(StableMath.digamma(-2).isNaN)
        assertClose(StableMath.logBeta(600, 600), -833.7093610427486, rtol: 1e-13)
        assertClose(StableMath.logBeta(0.5, 1e-3), 6.909139930809522, rtol: 1e-13)
        assertClose(StableMath.logGamma(200), 857.9336698258574, rtol: 1e-15)
        XCTAssert(StableMath.logGamma(1e300).isFinite)
    }

    func testBesselI0() {
        let table: [(Double, Double, Double)] = [
            (1e-3, 2.4999998437500175e-07, 0.0004999999375000105), (0.5, 0.06154971918548131, 0.24249961258080194),
            (1, 0.23591435850717865, 0.4463899658965345), (10, 7.942972083118695, 0.9485998259548459),
            (29.9, 27.286385310555094, 0.9831328332658057), (30, 27.384701433171937, 0.9831895553653361),
            (100, 96.77973268994258, 0.9949873730051688), (700, 695.8056999984434, 0.9992854588184261),
            (1e4, 9994.475903781433, 0.999949998749875),
        ]
        for (k, logI0, ratio) in table {
            assertClose(StableMath.logBesselI0(k), logI0, rtol: 1e-13, "log I0(\(k))")
            assertClose(StableMath.besselI1OverI0(k), ratio, rtol: 1e-13, "I1/I0(\(k))")
        }
        XCTAssertEqual(StableMath.logBesselI0(0), 0)
        XCTAssertEqual(StableMath.besselI1OverI0(0), 0)
    }

    func testActivations() {
        for a in Activation.allCases {
            for x in [0.3, 1.7, 2.2] {
                let h = 1e-6
                assertClose(a.derivative(x), (a.value(x + h) - a.value(x - h)) / (2 * h), rtol: 1e-6, atol: 1e-9, a.rawValue)
            }
        }
        XCTAssertEqual(Activation.relu.derivative(0), 0)
        XCTAssertEqual(Activation.softplus.value(-1000), 0)
    }
}

import Foundation

extension StableMathTests {
    func testLogExpm1InvertsSoftplus() {
        for x in [1e-12, 1e-3, 0.5, 3, 40, 800] {
            assertClose(StableMath.softplus(StableMath.logExpm1(x)), x, rtol: 1e-13, "x = \(x)")
        }
        assertClose(StableMath.logExpm1(1e-12), Foundation.log(1e-12), rtol: 1e-12)
        XCTAssertEqual(StableMath.logExpm1(1000), 1000)
        XCTAssertEqual(StableMath.logExpm1(0), -.infinity)
    }
}
