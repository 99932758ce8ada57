import Foundation

/// The beta distribution.
///
/// log p(x) = (α − 1) log x + (β − 1) log(1 − x) − log B(α, β).
/// - Parameters: `alpha` α > 0, `beta` β > 0. Support [0, 1] (the density may be 0 or ∞ at the ends).
/// - Stability: log(1 − x) as log1p(−x) (accurate for small x); log B in log space.
/// - Reference: `torch.distributions.Beta`; sampling from two gamma draws.
public struct Beta: Distribution {
    public let alpha: Double
    public let beta: Double

    public init(alpha: Double, beta: Double) throws {
        try Param.positive(alpha, "alpha")
        try Param.positive(beta, "beta")
        self.alpha = alpha
        self.beta = beta
    }

    public var name: String { "beta" }
    public var parameters: [String: Double] { ["alpha": alpha, "beta": beta] }
    public var support: Support { .unitInterval }
    public var mean: Double? { alpha / (alpha + beta) }
    public var variance: Double? {
        let s = alpha + beta
        return alpha * beta / (s * s * (s + 1))
    }
    public var mode: Double? { alpha > 1 && beta > 1 ? (alpha - 1) / (alpha + beta - 2) : nil }

    public func logProb(_ x: Double) throws -> Double {
        try checkSupport(x)
        return xlogy(alpha - 1, x) + (beta - 1 == 0 ? 0 : (beta - 1) * Foundation.log1p(-x))
            - StableMath.logBeta(alpha, beta)
    }

    public func sample(using generator: inout SeededGenerator) -> Double {
        let x = Gamma.standardSample(shape: alpha, using: &generator)
        let y = Gamma.standardSample(shape: beta, using: &generator)
        return x / (x + y)
    }

    @inline(__always)
    static func logDensity(_ x: Double, alpha a: Double, beta b: Double) -> Double {
        (a - 1) * Foundation.log(x) + (b - 1) * Foundation.log1p(-x) - StableMath.logBeta(a, b)
    }

    /// d log p / d(alpha, beta).
    @inline(__always)
    static func logDensityGradient(_ x: Double, alpha a: Double, beta b: Double) -> (alpha: Double, beta: Double) {
        let dab = StableMath.digamma(a + b)
        return (Foundation.log(x) - StableMath.digamma(a) + dab, Foundation.log1p(-x) - StableMath.digamma(b) + dab)
    }
}
