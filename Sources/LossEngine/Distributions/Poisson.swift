import Foundation

/// The Poisson distribution.
///
/// log p(k) = k log λ − λ − log Γ(k + 1), k ∈ {0, 1, 2, …}.
/// - Parameters: `rate` λ ≥ 0. Support: non-negative integers.
/// - Stability: Loader's saddle-point form −δ(k) − (k log(k/λ) + λ − k) − ½ log 2πk
///   (``StableMath/logPoissonMass(_:rate:)``): k log λ − λ − log Γ(k + 1) cancels for large λ
///   (λ = k = 1e15 gave −16.0 for −18.19); log p(0) = −λ, and λ = 0 gives 0 or −∞.
/// - Reference: Poisson (1837); sampling: multiplication method for λ < 10, PTRS transformed
///   rejection (Hörmann 1993) above.
public struct Poisson: Distribution {
    public let rate: Double

    public init(rate: Double) throws {
        try Param.nonNegative(rate, "rate")
        self.rate = rate
    }

    public var name: String { "poisson" }
    public var parameters: [String: Double] { ["rate": rate] }
    public var isDiscrete: Bool { true }
    public var support: Support { .nonNegativeIntegers }
    public var mean: Double? { rate }
    public var variance: Double? { rate }
    public var mode: Double? { rate.rounded(.down) }

    public func logProb(_ x: Double) throws -> Double {
        try checkSupport(x)
        return StableMath.logPoissonMass(x, rate: rate)
    }

    public func sample(using generator: inout SeededGenerator) -> Double {
        if rate == 0 { return 0 }
        if rate < 10 {
            let limit = Foundation.exp(-rate)
            var k = 0.0
            var p = generator.nextDouble()
            while p > limit {
                k += 1
                p *= generator.nextDouble()
            }
            return k
        }
        let slam = rate.squareRoot()
        let loglam = Foundation.log(rate)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = generator.nextDouble() - 0.5
            let v = generator.nextOpenDouble()
            let us = 0.5 - Swift.abs(u)
            let k = ((2 * a / us + b) * u + rate + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if Foundation.log(v) + Foundation.log(invAlpha) - Foundation.log(a / (us * us) + b)
                <= -rate + k * loglam - StableMath.logGamma(k + 1) {
                return k
            }
        }
    }
}
