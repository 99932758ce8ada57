import Foundation

/// A univariate mixture of Gaussians.
///
/// log p(y) = logSumExp_m [log softmax(π)ₘ + log N(y; μₘ, σₘ²)], σₘ = e^{sₘ}.
/// - Parameters: `logits` π ∈ ℝᴹ (mixing weights), `means` μ ∈ ℝᴹ, `logScales` s ∈ ℝᴹ.
/// - Stability: the mixture is summed with logSumExp over per-component log densities, so a
///   point 1000 standard deviations from every component still has a finite log density.
/// - Reference: Bishop, "Mixture Density Networks", 1994.
public struct GaussianMixture: Distribution, Equatable {
    public let logits: [Double]
    public let means: [Double]
    public let logScales: [Double]

    public init(logits: [Double], means: [Double], logScales: [Double]) throws {
        try Check.nonEmpty(logits.count, "logits")
        try Check.count(means, logits.count, "means")
        try Check.count(logScales, logits.count, "log_scales")
        try Check.finite(logits, "logits")
        try Check.finite(means, "means")
        try Check.finite(logScales, "log_scales")
        self.logits = logits
        self.means = means
        self.logScales = logScales
    }

    public var name: String { "mixture_gaussian" }
    public var parameters: [String: Double] { [:] }
    public var support: Support { .real }
    public var weights: [Double] { StableMath.softmax(logits) }
    public var mean: Double? { zip(weights, means).reduce(0) { $0 + $1.0 * $1.1 } }
    public var variance: Double? {
        guard let m = mean else { return nil }
        var second = 0.0
        for k in logits.indices {
            let s = Foundation.exp(logScales[k])
            second += weights[k] * (s * s + means[k] * means[k])
        }
        return second - m * m
    }
    /// Not available in closed form.
    public var mode: Double? { nil }

    public func logProb(_ x: Double) throws -> Double {
        try checkSupport(x)
        return GaussianMixture.logDensity(x, logits: logits, means: means, logScales: logScales)
    }

    public func sample(using generator: inout SeededGenerator) -> Double {
        let k = (try? Categorical(logits: logits).sample(using: &generator)) ?? 0
        return means[k] + Foundation.exp(logScales[k]) * generator.nextNormal()
    }

    static func logDensity(_ y: Double, logits: [Double], means: [Double], logScales: [Double]) -> Double {
        let lw = StableMath.logSoftmax(logits)
        var terms = [Double](repeating: 0, count: logits.count)
        for m in logits.indices {
            let z = (y - means[m]) * Foundation.exp(-logScales[m])
            terms[m] = lw[m] - 0.5 * z * z - logScales[m] - Normal.halfLog2Pi
        }
        return StableMath.logSumExp(terms)
    }
}
