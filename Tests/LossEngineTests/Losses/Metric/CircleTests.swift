import XCTest
@testable import LossEngine

/// Circle loss holds its weights αp, αn constant in the gradient (Sun et al. 2020), so its
/// gradient is checked against finite differences of the loss with those weights frozen.
final class CircleTests: XCTestCase {
    /// The circle loss of one sample with given (frozen) weights.
    func frozen(_ sp: [Double], _ sn: [Double], _ ap: [Double], _ an: [Double], m: Double, gamma: Double) -> Double {
        let lp = zip(sp, ap).map { -gamma * $1 * ($0 - (1 - m)) }
        let ln = zip(sn, an).map { gamma * $1 * ($0 - m) }
        return StableMath.softplus(StableMath.logSumExp(lp) + StableMath.logSumExp(ln))
    }

    func testGradientMatchesFrozenWeightFiniteDifferences() throws {
        var g = SeededGenerator(seed: 11)
        for _ in 0..<5 {
            let sp = (0..<3).map { _ in g.nextDouble() }, sn = (0..<4).map { _ in g.nextDouble() * 1.4 - 0.5 }
            let m = 0.25, gamma = 8.0
            let ap = sp.map { max(0, 1 + m - $0) }, an = sn.map { max(0, $0 + m) }
            let out = try Losses.circle(sp: Tensor(rows: [sp]), sn: Tensor(rows: [sn]), m: m, gamma: gamma)
            assertClose(out.value, frozen(sp, sn, ap, an, m: m, gamma: gamma), rtol: 1e-12)
            let h = 1e-6
            for i in sp.indices {
                var plus = sp, minus = sp
                plus[i] += h
                minus[i] -= h
                let numeric = (frozen(plus, sn, ap, an, m: m, gamma: gamma) - frozen(minus, sn, ap, an, m: m, gamma: gamma)) / (2 * h)
                assertClose(out.gradient("sp")[i], numeric, rtol: 1e-6, atol: 1e-8)
            }
            for j in sn.indices {
                var plus = sn, minus = sn
                plus[j] += h
                minus[j] -= h
                let numeric = (frozen(sp, plus, ap, an, m: m, gamma: gamma) - frozen(sp, minus, ap, an, m: m, gamma: gamma)) / (2 * h)
                assertClose(out.gradient("sn")[j], numeric, rtol: 1e-6, atol: 1e-8)
            }
        }
    }
}
