import Foundation

/// The gamma distribution in shape–rate form.
///
/// log p(x) = α log β + (α − 1) log x − βx − log Γ(α), x > 0.
/// - Parameters: `concentration` α > 0, `rate` β > 0. Support (0, ∞).
/// - Stability: log Γ (no overflow for large α); everything stays in log space. For α ≥ 1 the
///   density is β times the Poisson mass of α − 1 at rate βx, evaluated in Loader's saddle-point
///   form (``StableMath/logPoissonMass(_:rate:)``), because α log(βx) − βx − log Γ(α) cancels
///   for large α (α = 1e15 near its mode would keep two digits).
/// - Reference: `torch.distributions.Gamma`; sampling by Marsaglia & Tsang (2000).
public struct Gamma: Distribution {
    public let concentration: Double
    public let rate: Double

    public init(concentration: Double, rate: Double = 1) throws {
        try Param.positive(concentration, "concentration")
        try Param.positive(rate, "rate")
        self.concentration = concentration
        self.rate = rate
    }

    public var name: String { "gamma" }
    public var parameters: [String: Double] { ["concentration": concentration, "rate": rate] }
    public var support: Support { .positive }
    public var mean: Double? { concentration / rate }
    public var variance: Double? { concentration / (rate * rate) }
    public var mode: Double? { concentration >= 1 ? (concentration - 1) / rate : nil }

    public func logProb(_ x: Double) throws -> Double {
        try checkSupport(x)
        return Gamma.logDensity(x, concentration: concentration, rate: rate)
    }

    public func sample(using generator: inout SeededGenerator) -> Double {
        Gamma.standardSample(shape: concentration, using: &generator) / rate
    }

    /// A Gamma(shape, 1) draw: Marsaglia–Tsang squeeze for shape ≥ 1; for shape < 1 the
    /// boost Gamma(a) = Gamma(a + 1) · U^{1/a}.
    static func standardSample(shape: Double, using generator: inout SeededGenerator) -> Double {
        if shape < 1 {
            let u = generator.nextOpenDouble()
            return standardSample(shape: shape + 1, using: &generator) * Foundation.pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0
            var v = 0.0
            repeat {
                x = generator.nextNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = generator.nextOpenDouble()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if Foundation.log(u) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) { return d * v }
        }
    }

    @inline(__always)
    static func logDensity(_ x: Double, concentration a: Double, rate b: Double) -> Double {
        let rateTimesX = b * x
        if a >= 1 && rateTimesX.isNormal {
            return Foundation.log(b) + StableMath.logPoissonMass(a - 1, rate: rateTimesX)
        }
        return a * Foundation.log(b) + (a - 1) * Foundation.log(x) - b * x - StableMath.logGamma(a)
    }

    /// d log p / d(concentration, rate).
    @inline(__always)
    static func logDensityGradient(_ x: Double, concentration a: Double, rate b: Double)
        -> (concentration: Double, rate: Double) {
        (Foundation.log(b) + Foundation.log(x) - StableMath.digamma(a), a / b - x)
    }
}
