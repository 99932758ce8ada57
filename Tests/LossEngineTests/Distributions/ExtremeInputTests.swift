import Foundation
import XCTest
@testable import LossEngine

/// Extreme but finite inputs against mpmath values (Benchmarks/engine/mpmath_extremes.py, 60–400
/// digits, computed once and stored here). Each case failed before the stable form was used.
final class ExtremeInputTests: XCTestCase {
    let log2 = 0.69314718055994531

    func testLogSoftmaxSubtractsTheMaximumBeforeTheNormaliser() throws {
        assertClose(StableMath.logSoftmax([1e16, 1e16]), [-log2, -log2], rtol: 1e-15)
        let ce = try Losses.crossEntropy(input: Tensor(rows: [[1e16, 1e16]]), target: .indices([0]))
        assertClose(ce.value, log2, rtol: 1e-15)
        let probs = try Losses.crossEntropy(input: Tensor(rows: [[1e16, 1e16]]),
                                            target: .probabilities(Tensor(rows: [[0.5, 0.5]])))
        assertClose(probs.value, log2, rtol: 1e-15)
        let categorical = try Categorical(logits: [1e16, 1e16])
        assertClose(categorical.logProbs, [-log2, -log2], rtol: 1e-15)
    }

    func testPlackettLuceAtHugeScores() throws {
        let pl = try PlackettLuce(scores: [1e16, 1e16])
        assertClose(try pl.logProb([0, 1]), -log2, rtol: 1e-15)
        let nll = try Losses.plackettLuceNLL(scores: Tensor(rows: [[1e16, 1e16]]), ranking: [[1, 0]])
        assertClose(nll.value, log2, rtol: 1e-15)
        assertClose(nll.gradient("scores"), [0.5, -0.5], rtol: 1e-15)
    }

    func testConfidentRowKeepsItsTinyLoss() throws {
        let r = try Losses.crossEntropy(input: Tensor(rows: [[40, 0, 0]]), target: .indices([0]))
        assertClose(r.value, 8.496708510583178e-18, rtol: 1e-14, atol: 0)
        assertClose(r.gradient("input")[0], -8.4967085105831779e-18, rtol: 1e-14, atol: 0)
        let nll = try Losses.logProbLoss("test", input: Tensor(rows: [[40, 0, 0]]), target: [0], reduction: .sum) { lp in (-lp, -1) }
        assertClose(nll.value, 8.496708510583178e-18, rtol: 1e-14, atol: 0)
        assertClose(nll.gradient("input")[0], -8.4967085105831779e-18, rtol: 1e-14, atol: 0)
    }

    func testStudentTNormaliserDoesNotCancel() throws {
        let cases: [(x: Double, df: Double, expected: Double)] = [
            (0.5, 1e8, -1.0439385367984227),
            (0, 1e15, -0.91893853320467299),
            (1, 1e308, -1.4189385332046727),
            (2, 25, -2.8583959381709126),
            (2, 19, -2.8426427408508115),
        ]
        for c in cases {
            assertClose(try StudentT(df: c.df).logProb(c.x), c.expected, rtol: 1e-14)
        }
    }

    func testStudentTAtAHugeResidual() throws {
        let r = try Losses.studentTNLL(input: [0], target: [1e160], scale: [1], df: [3], reduction: .sum)
        assertClose(r.value, 1472.4581237884765, rtol: 1e-14)
        assertClose(r.gradient("input"), [-4.0e-160], rtol: 1e-14, atol: 0)
        assertClose(r.gradient("scale"), [-3.0], rtol: 1e-14)
        assertClose(r.gradient("df"), [367.17116155415331], rtol: 1e-14)
    }

    func testStudentTGradientsAgainstMpmath() throws {
        let cases: [(x: Double, df: Double, g: [Double], rtolDf: Double)] = [
            (0.5, 1e8, [-0.50000000374999999, 0.749999998125, -3.5937499973958332e-17], 1e-6),
            (1.5, 40, [-1.4556213017751479, -1.1834319526627219, -8.6650796409514074e-5], 1e-10),
            (1.5, 7, [-1.2972972972972973, -0.94594594594594595, -0.0046913802263359501], 1e-10),
        ]
        for c in cases {
            let r = try Losses.studentTNLL(input: [0], target: [c.x], scale: [1], df: [c.df], reduction: .sum)
            assertClose(r.gradient("input"), [c.g[0]], rtol: 1e-14)
            assertClose(r.gradient("scale"), [c.g[1]], rtol: 1e-14)
            assertClose(r.gradient("df"), [c.g[2]], rtol: c.rtolDf, atol: 0)
        }
    }

    func testLaplaceAndVonMisesNearTheLargestDouble() throws {
        assertClose(try Laplace(scale: 1e308).logProb(0), -709.88935582272602, rtol: 1e-15)
        let vm = try Losses.vonMisesNLL(input: [0], concentration: [1e308], target: [1], reduction: .sum)
        assertClose(vm.value, 4.5969769413186028e+307, rtol: 1e-15)
        let vm5 = try Losses.vonMisesNLL(input: [0], concentration: [1e5], target: [0.01], reduction: .sum)
        assertClose(vm5.value, 0.16243538419803057, rtol: 1e-11)
        let lap = try Losses.laplaceNLL(input: [0], target: [1e-300], scale: [1e-200], reduction: .sum)
        XCTAssert(lap.gradient("scale").allSatisfy(\.isFinite))
    }

    func testPoissonSaddlePoint() throws {
        let cases: [(k: Double, rate: Double, expected: Double)] = [
            (1e15, 1e15, -18.188326730660015),
            (1e10 + 1e5, 1e10, -12.931867331499901),
            (3, 1e-300, -2074.1183431638692),
            (20, 17.5, -2.5915988421641176),
        ]
        for c in cases {
            assertClose(try Poisson(rate: c.rate).logProb(c.k), c.expected, rtol: 1e-14)
        }
        XCTAssertEqual(try Poisson(rate: 0).logProb(0), 0)
        XCTAssertEqual(try Poisson(rate: 0).logProb(2), -.infinity)
        XCTAssertEqual(try Poisson(rate: 2.5).logProb(0), -2.5)
    }

    func testGammaAtALargeShape() throws {
        assertClose(try Gamma(concentration: 1e15, rate: 1).logProb(1e15), -18.188326730660015, rtol: 1e-14)
        assertClose(try Gamma(concentration: 2.5, rate: 0.7).logProb(3), -1.6284517973175856, rtol: 1e-14)
    }

    func testGaussianNLLGradientAtHugeResidualAndVariance() throws {
        let r = try Losses.gaussianNLL(input: [1e200], target: [0], variance: [1e200], reduction: .sum)
        assertClose(r.gradient("var"), [-0.5], rtol: 1e-15)   // ½(1/v − a²/v²), a²/v² = 1
        assertClose(r.gradient("input"), [1], rtol: 1e-15)
    }

    /// glibc's `lgamma` writes the process-wide `signgam` (Γ(−0.5) < 0 sets it to −1), a data
    /// race when pages are built on several threads; the engine must use `lgamma_r`. The global
    /// is reached through dlsym because Swift 6 refuses a direct reference to shared C state.
    func testLogGammaLeavesSigngamAlone() throws {
        let raw = try XCTUnwrap(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "signgam"))
        let signgam = raw.assumingMemoryBound(to: Int32.self)
        signgam.pointee = 5
        XCTAssertEqual(StableMath.logGamma(-0.5), 1.2655121234846454, accuracy: 1e-15)
        XCTAssertEqual(StableMath.logBeta(0.5, 0.5), Foundation.log(Double.pi), accuracy: 1e-15)
        XCTAssertEqual(signgam.pointee, 5, "logGamma must not write the process-wide signgam")
    }
}
