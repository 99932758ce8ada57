import XCTest
@testable import LossEngine

/// Log densities against scipy, parameter checks, and sampling checked by moments.
final class DistributionTests: XCTestCase {
    func testLogDensitiesMatchScipy() throws {
        assertClose(try Normal(loc: 0.5, scale: 2).logProb(1.3), -1.6920857137646181, rtol: 1e-14)
        assertClose(try Laplace(loc: 0.5, scale: 0.7).logProb(-1.3), -2.9079008080497846, rtol: 1e-14)
        assertClose(try StudentT(df: 3.5, loc: 0.5, scale: 1.5).logProb(2.5), -2.3191085710879342, rtol: 1e-13)
        assertClose(try Exponential(rate: 1.5).logProb(2), -2.5945348918918354, rtol: 1e-14)
        assertClose(try Gamma(concentration: 3.5, rate: 2).logProb(2), -1.0420905189874023, rtol: 1e-13)
        assertClose(try Beta(alpha: 2.5, beta: 1.5).logProb(0.3), -0.3564378420678893, rtol: 1e-13)
        assertClose(try VonMises(loc: 0.2, concentration: 4).logProb(0.7), -0.7525196143633137, rtol: 1e-13)
        assertClose(try Poisson(rate: 4.5).logProb(7), -2.496619583631496, rtol: 1e-13)
        XCTAssertEqual(try Poisson(rate: 0).logProb(0), 0)
        assertClose(try Bernoulli(probs: 0.3).logProb(1), -1.2039728043259361, rtol: 1e-15)
        assertClose(try Bernoulli(probs: 0.3).logProb(0), -0.35667494393873245, rtol: 1e-15)
        let mvn = try MultivariateNormal(mean: [0.1, 0.2], scaleTril: Tensor(rows: [[1.5, 0], [0.3, 0.7]]))
        assertClose(try mvn.logProb([0.4, -1.2]), -4.081769271395103, rtol: 1e-13)
        let mix = try GaussianMixture(logits: [0.3, -1], means: [0, 2], logScales: [0.1, -0.4])
        assertClose(try mix.logProb(0.5), -1.322389488091914, rtol: 1e-13)
        assertClose(try PlackettLuce(scores: [0.5, 2, -1]).logProb([1, 0, 2]), -0.44272457463990955, rtol: 1e-13)
        let cat = try Categorical(logits: [1000, 0, -1000])
        XCTAssertEqual(try cat.logProb(0), 0)
        assertClose(try cat.logProb(1), -1000, rtol: 1e-15)
        XCTAssertEqual(cat.mode, 0)
    }

    func testParameterDomainsAndSupport() {
        XCTAssertThrowsError(try Normal(loc: 0, scale: 0)) { XCTAssertEqual($0 as? LossError, .nonPositive(argument: "scale", value: 0)) }
        XCTAssertThrowsError(try Normal(loc: .nan, scale: 1)) { XCTAssertEqual($0 as? LossError, .nonFinite(argument: "loc")) }
        XCTAssertThrowsError(try Gamma(concentration: -1, rate: 1))
        XCTAssertThrowsError(try Beta(alpha: 1, beta: 0))
        XCTAssertThrowsError(try StudentT(df: 0))
        XCTAssertThrowsError(try Poisson(rate: -1))
        XCTAssertThrowsError(try Bernoulli(probs: 1.2)) { XCTAssertEqual($0 as? LossError, .probabilityOutOfRange(argument: "probs", value: 1.2)) }
        XCTAssertThrowsError(try VonMises(loc: 0, concentration: -1))
        XCTAssertThrowsError(try Exponential(rate: 1).logProb(-1)) {
            XCTAssertEqual($0 as? LossError, .outOfDomain(argument: "value", value: -1, domain: "[0, ∞)"))
        }
        XCTAssertThrowsError(try Poisson(rate: 1).logProb(1.5))
        XCTAssertThrowsError(try Bernoulli(probs: 0.5).logProb(2))
        XCTAssertThrowsError(try Beta(alpha: 2, beta: 2).logProb(1.5))
        XCTAssertThrowsError(try Categorical(logits: []))
        XCTAssertThrowsError(try Categorical(probs: [0.5, 0.6]))
        XCTAssertThrowsError(try Categorical(logits: [0, 1]).logProb(2))
        XCTAssertThrowsError(try MultivariateNormal(mean: [0, 0], scaleTril: Tensor(rows: [[1, 1], [0, 1]])))
        XCTAssertThrowsError(try PlackettLuce(scores: [1, 2]).logProb([0, 0]))
        XCTAssertThrowsError(try GaussianMixture(logits: [0], means: [0, 1], logScales: [0]))
        XCTAssertEqual(try Beta(alpha: 1, beta: 1).logProb(0), 0)
        XCTAssertEqual(try Bernoulli(probs: 0.5).isDiscrete, true)
        XCTAssertEqual(try Poisson(rate: 2).support, .nonNegativeIntegers)
    }

    func testCatalogMakesEveryUnivariateDistribution() throws {
        XCTAssertEqual(DistributionCatalog.names, ["normal", "laplace", "student_t", "exponential", "gamma", "beta", "von_mises", "poisson", "bernoulli"])
        let params: [String: [String: Double]] = [
            "normal": ["loc": 1, "scale": 2], "laplace": ["scale": 0.5], "student_t": ["df": 5], "exponential": ["rate": 2],
            "gamma": ["concentration": 2, "rate": 3], "beta": ["alpha": 2, "beta": 3], "von_mises": ["concentration": 2],
            "poisson": ["rate": 3], "bernoulli": ["probs": 0.25],
        ]
        for name in DistributionCatalog.names {
            let d = try DistributionCatalog.make(name, params: params[name] ?? [:])
            XCTAssertEqual(d.name, name)
            XCTAssertEqual(d.isDiscrete, name == "poisson" || name == "bernoulli")
            for (k, v) in params[name] ?? [:] { XCTAssertEqual(d.parameters[k], v) }
        }
        XCTAssertThrowsError(try DistributionCatalog.make("cauchy", params: [:])) { XCTAssertEqual($0 as? LossError, .unknownDistribution("cauchy")) }
        XCTAssertThrowsError(try DistributionCatalog.make("normal", params: ["sigma": 1]))
        XCTAssertThrowsError(try DistributionCatalog.make("gamma", params: ["rate": 1]))
        XCTAssertThrowsError(try DistributionCatalog.make("normal", params: ["scale": -1]))
    }

    /// Sample mean and variance within 5 standard errors of the stated moments.
    func checkMoments(_ d: any UnivariateDistribution, n: Int = 200_000, seed: UInt64, file: StaticString = #filePath, line: UInt = #line) {
        var g = SeededGenerator(seed: seed)
        let xs = d.samples(n, using: &g)
        XCTAssert(xs.allSatisfy { d.support.contains($0) || d.name == "von_mises" }, d.name, file: file, line: line)
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        guard let m = d.mean, let v = d.variance else { return }
        if d.name == "von_mises" {
            // Circular moments: E[cos(x − μ)] = I1/I0 = 1 − circular variance.
            let c = xs.reduce(0) { $0 + Foundation.cos($1 - m) } / Double(n)
            XCTAssertEqual(c, 1 - v, accuracy: 0.01, file: file, line: line)
            return
        }
        XCTAssertEqual(mean, m, accuracy: 5 * (v / Double(n)).squareRoot() + 1e-12, "\(d.name) mean", file: file, line: line)
        XCTAssertEqual(variance, v, accuracy: 0.03 * v + 1e-12, "\(d.name) variance", file: file, line: line)
    }

    func testSamplingMoments() throws {
        checkMoments(try Normal(loc: 1, scale: 2), seed: 1)
        checkMoments(try Laplace(loc: -1, scale: 0.5), seed: 2)
        checkMoments(try StudentT(df: 8, loc: 0.5, scale: 1.5), seed: 3)
        checkMoments(try Exponential(rate: 2.5), seed: 4)
        checkMoments(try Gamma(concentration: 0.5, rate: 2), seed: 5)
        checkMoments(try Gamma(concentration: 7, rate: 0.5), seed: 6)
        checkMoments(try Beta(alpha: 2, beta: 5), seed: 7)
        checkMoments(try VonMises(loc: 0.5, concentration: 3), seed: 8)
        checkMoments(try Poisson(rate: 3.2), seed: 9)
        checkMoments(try Poisson(rate: 250), seed: 10)
        checkMoments(try Bernoulli(probs: 0.3), seed: 11)
        checkMoments(try GaussianMixture(logits: [0, 1], means: [-2, 3], logScales: [0, -1]), seed: 12)
    }

    func testMultivariateSamplers() throws {
        var g = SeededGenerator(seed: 13)
        let l = try Tensor(rows: [[1.5, 0], [0.6, 0.8]])
        let mvn = try MultivariateNormal(mean: [1, -1], scaleTril: l)
        let n = 100_000
        var s = [0.0, 0, 0]
        for _ in 0..<n {
            let x = mvn.sample(using: &g)
            s[0] += (x[0] - 1) * (x[0] - 1)
            s[1] += (x[0] - 1) * (x[1] + 1)
            s[2] += (x[1] + 1) * (x[1] + 1)
        }
        let cov = mvn.covariance.data
        XCTAssertEqual(s[0] / Double(n), cov[0], accuracy: 0.05)
        XCTAssertEqual(s[1] / Double(n), cov[1], accuracy: 0.05)
        XCTAssertEqual(s[2] / Double(n), cov[3], accuracy: 0.05)
        let cat = try Categorical(probs: [0.2, 0.5, 0.3])
        var counts = [0, 0, 0]
        for _ in 0..<n { counts[cat.sample(using: &g)] += 1 }
        for (c, p) in zip(counts, [0.2, 0.5, 0.3]) { XCTAssertEqual(Double(c) / Double(n), p, accuracy: 0.01) }
        let pl = try PlackettLuce(scores: [2, 0, -1])
        var first = [0, 0, 0]
        for _ in 0..<n { first[pl.sample(using: &g)[0]] += 1 }
        let probs = StableMath.softmax([2, 0, -1])
        for (c, p) in zip(first, probs) { XCTAssertEqual(Double(c) / Double(n), p, accuracy: 0.01) }
        XCTAssertEqual(pl.mode, [0, 1, 2])
    }
}

import Foundation
