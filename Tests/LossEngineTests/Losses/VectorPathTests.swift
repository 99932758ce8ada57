import Foundation
import XCTest
@testable import LossEngine

/// The four-lane loss paths agree with the scalar glibc formulas (1e-13 relative, far inside the
/// oracle's 1e-6) for every length, so full vectors and the tail are both covered.
final class VectorPathTests: XCTestCase {
    func testBCEWithLogitsMatchesTheScalarFormula() throws {
        var g = SeededGenerator(seed: 3)
        for n in 1...11 {
            let x = (0..<n).map { _ in (g.nextDouble() - 0.5) * 80 }
            let y = (0..<n).map { _ in g.nextDouble() }
            let pw = [2.5, 0.5]
            for weights in [nil, n % 2 == 0 ? pw : [3.0]] as [[Double]?] {
                let r = try Losses.bceWithLogits(input: x, target: y, posWeight: weights, reduction: .none)
                for i in 0..<n {
                    let l = 1 + ((weights?[i % weights!.count] ?? 1) - 1) * y[i]
                    let v = (1 - y[i]) * x[i] + l * StableMath.softplus(-x[i])
                    let d = (1 - y[i]) - l * StableMath.sigmoid(-x[i])
                    assertClose(r.items![i], v, rtol: 1e-13, atol: 1e-300)
                    assertClose(r.gradient("input")[i], d, rtol: 1e-13, atol: 1e-15)
                }
            }
        }
    }

    func testFocalLanesMatchTheScalarPath() throws {
        var g = SeededGenerator(seed: 4)
        let x = (0..<9).map { _ in (g.nextDouble() - 0.5) * 30 }
        let y = (0..<9).map { _ in g.nextDouble() < 0.5 ? 0.0 : 1.0 }
        for gamma in [0.0, 1.0, 2.0] {
            let lanes = try Losses.focal(input: x, target: y, gamma: gamma, reduction: .none)
            // γ + 1e-14 takes the real-γ path (vector exp and log); the loss is continuous in γ.
            let scalar = try Losses.focal(input: x, target: y, gamma: gamma + 1e-14, reduction: .none)
            assertClose(lanes.items!, scalar.items!, rtol: 1e-11, atol: 1e-300)
            assertClose(lanes.gradient("input"), scalar.gradient("input"), rtol: 1e-11, atol: 1e-15)
        }
    }

    func testLogCoshAndSoftplusGANLanesMatchTheScalarForms() throws {
        let a: [Double] = [0, -0.0, 1e-300, -1e-9, 0.3, -0.99, 1, -1.5, 20, -700, 1000, 3e-5, 7]
        let r = try Losses.logCosh(input: a, target: [Double](repeating: 0, count: a.count), reduction: .none)
        for i in a.indices {
            assertClose(r.items![i], StableMath.logCosh(a[i]), rtol: 1e-14, atol: 1e-300)
            assertClose(r.gradient("input")[i], Foundation.tanh(a[i]), rtol: 1e-14, atol: 1e-300)
        }
        let g = try Losses.ganGeneratorNonSaturating(dFake: a, reduction: .none)
        let m = try Losses.ganGeneratorMinimax(dFake: a, reduction: .none)
        for i in a.indices {
            assertClose(g.items![i], StableMath.softplus(-a[i]), rtol: 1e-14, atol: 1e-300)
            assertClose(g.gradient("d_fake")[i], -StableMath.sigmoid(-a[i]), rtol: 1e-14, atol: 1e-300)
            assertClose(m.items![i], -StableMath.softplus(a[i]), rtol: 1e-14, atol: 1e-300)
            assertClose(m.gradient("d_fake")[i], -StableMath.sigmoid(a[i]), rtol: 1e-14, atol: 1e-300)
        }
    }
}
