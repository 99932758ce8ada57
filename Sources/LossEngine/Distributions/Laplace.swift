import Foundation

/// The Laplace (double exponential) distribution.
///
/// log p(x) = −|x − μ|/b − log 2b.
/// - Parameters: `loc` μ ∈ ℝ, `scale` b > 0. Support ℝ.
/// - Stability: pure log-space arithmetic, finite for finite inputs; log 2b is log 2 + log b, so
///   b near the largest double does not overflow.
/// - Reference: Laplace (1774); `torch.distributions.Laplace`.
public struct Laplace: Distribution {
    public let loc: Double
    public let scale: Double

    public init(loc: Double = 0, scale: Double = 1) throws {
        try Param.finite(loc, "loc")
        try Param.positive(scale, "scale")
        self.loc = loc
        self.scale = scale
    }

    public var name: String { "laplace" }
    public var parameters: [String: Double] { ["loc": loc, "scale": scale] }
    public var support: Support { .real }
    public var mean: Double? { loc }
    public var variance: Double? { 2 * scale * scale }
    public var mode: Double? { loc }

    public func logProb(_ x: Double) throws -> Double {
        try checkSupport(x)
        return Laplace.logDensity(x, loc: loc, scale: scale)
    }

    /// Inverse CDF of a uniform on (−½, ½).
    public func sample(using generator: inout SeededGenerator) -> Double {
        let u = generator.nextOpenDouble() - 0.5
        let sign: Double = u < 0 ? -1 : 1
        return loc - scale * sign * Foundation.log1p(-2 * Swift.abs(u))
    }

    @inline(__always)
    static func logDensity(_ x: Double, loc: Double, scale: Double) -> Double {
        -Swift.abs(x - loc) / scale - M_LN2 - Foundation.log(scale)
    }

    /// d log p / d(loc, scale); the derivative in loc is taken as 0 at x = loc.
    @inline(__always)
    static func logDensityGradient(_ x: Double, loc: Double, scale: Double) -> (loc: Double, scale: Double) {
        let a = x - loc
        let s: Double = a > 0 ? 1 : (a < 0 ? -1 : 0)
        return (s / scale, (Swift.abs(a) / scale - 1) / scale)
    }
}
