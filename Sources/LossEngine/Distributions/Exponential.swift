import Foundation

/// The exponential distribution.
///
/// log p(x) = log λ − λx for x ≥ 0.
/// - Parameters: `rate` λ > 0. Support [0, ∞).
/// - Stability: log space, finite for every x in the support.
/// - Reference: `torch.distributions.Exponential`.
public struct Exponential: Distribution {
    public let rate: Double

    public init(rate: Double = 1) throws {
        try Param.positive(rate, "rate")
        self.rate = rate
    }

    public var name: String { "exponential" }
    public var parameters: [String: Double] { ["rate": rate] }
    public var support: Support { .nonNegative }
    public var mean: Double? { 1 / rate }
    public var variance: Double? { 1 / (rate * rate) }
    public var mode: Double? { 0 }

    public func logProb(_ x: Double) throws -> Double {
        try checkSupport(x)
        return Exponential.logDensity(x, rate: rate)
    }

    /// Inverse CDF: −log U / λ.
    public func sample(using generator: inout SeededGenerator) -> Double {
        -Foundation.log(generator.nextOpenDouble()) / rate
    }

    @inline(__always)
    static func logDensity(_ x: Double, rate: Double) -> Double {
        Foundation.log(rate) - rate * x
    }

    /// d log p / d rate.
    @inline(__always)
    static func logDensityGradient(_ x: Double, rate: Double) -> Double {
        1 / rate - x
    }
}
