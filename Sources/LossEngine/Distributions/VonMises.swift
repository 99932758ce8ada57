import Foundation

/// The von Mises distribution on the circle.
///
/// log p(x) = κ cos(x − μ) − log(2π I₀(κ)).
/// - Parameters: `loc` μ ∈ ℝ (radians), `concentration` κ ≥ 0 (κ = 0 is uniform). Support: any
///   angle (the density is 2π-periodic); samples are in (−π, π] around μ.
/// - Stability: log I₀ is computed directly (``StableMath/logBesselI0Scaled(_:)``), so κ = 10⁴ is
///   fine where I₀ itself overflows, and as −κ(1 − cos(x − μ)) − (log I₀(κ) − κ) − log 2π, so the
///   two terms of size κ never cancel (κ = 1e308 gives about +4.6e307 for the NLL, not −∞).
/// - Reference: von Mises (1918); sampling by Best & Fisher (1979).
public struct VonMises: Distribution {
    public let loc: Double
    public let concentration: Double

    public init(loc: Double = 0, concentration: Double) throws {
        try Param.finite(loc, "loc")
        try Param.nonNegative(concentration, "concentration")
        self.loc = loc
        self.concentration = concentration
    }

    public var name: String { "von_mises" }
    public var parameters: [String: Double] { ["loc": loc, "concentration": concentration] }
    public var support: Support { .real }
    /// The circular mean μ.
    public var mean: Double? { loc }
    /// The circular variance 1 − I₁(κ)/I₀(κ) (as `torch.distributions.VonMises`).
    public var variance: Double? { 1 - StableMath.besselI1OverI0(concentration) }
    public var mode: Double? { concentration > 0 ? loc : nil }

    public func logProb(_ x: Double) throws -> Double {
        try checkSupport(x)
        return VonMises.logDensity(x, loc: loc, concentration: concentration)
    }

    public func sample(using generator: inout SeededGenerator) -> Double {
        let k = concentration
        if k < 1e-12 { return wrap(loc + Double.pi * (2 * generator.nextDouble() - 1)) }
        let r: Double
        if k < 1e-5 {
            r = 1 / k + k
        } else {
            let tau = 1 + (1 + 4 * k * k).squareRoot()
            let rho = (tau - (2 * tau).squareRoot()) / (2 * k)
            r = (1 + rho * rho) / (2 * rho)
        }
        while true {
            let u1 = generator.nextDouble()
            let u2 = generator.nextOpenDouble()
            let u3 = generator.nextDouble()
            let z = Foundation.cos(Double.pi * u1)
            let f = (1 + r * z) / (r + z)
            let c = k * (r - f)
            if c * (2 - c) - u2 > 0 || Foundation.log(c / u2) + 1 - c >= 0 {
                let theta = Foundation.acos(Swift.min(Swift.max(f, -1), 1))
                return wrap(loc + (u3 < 0.5 ? -theta : theta))
            }
        }
    }

    private func wrap(_ x: Double) -> Double {
        var y = Foundation.remainder(x, 2 * Double.pi)
        if y <= -Double.pi { y += 2 * Double.pi }
        return y
    }

    static let log2Pi = Foundation.log(2 * Double.pi)

    @inline(__always)
    static func logDensity(_ x: Double, loc: Double, concentration k: Double) -> Double {
        // κ cos d − log I₀(κ) = −κ(1 − cos d) − (log I₀(κ) − κ), with 1 − cos d = 2 sin²(d/2):
        // no difference of two numbers of size κ (κ = 1e5 would lose 5 digits).
        let s = Foundation.sin((x - loc) / 2)
        return -k * (2 * s * s) - log2Pi - StableMath.logBesselI0Scaled(k)
    }

    /// d log p / d(loc, concentration).
    @inline(__always)
    static func logDensityGradient(_ x: Double, loc: Double, concentration k: Double)
        -> (loc: Double, concentration: Double) {
        (k * Foundation.sin(x - loc), Foundation.cos(x - loc) - StableMath.besselI1OverI0(k))
    }
}
