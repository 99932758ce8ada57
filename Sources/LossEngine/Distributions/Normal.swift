import Foundation

/// The normal distribution N(loc, scale²).
///
/// log p(x) = −½z² − log σ − ½ log 2π, z = (x − μ)/σ.
/// - Parameters: `loc` μ ∈ ℝ, `scale` σ > 0. Support ℝ.
/// - Stability: computed in log space from z, so finite for any finite x (no exp).
/// - Reference: Gauss (1809); `torch.distributions.Normal`.
public struct Normal: Distribution {
    public let loc: Double
    public let scale: Double

    public init(loc: Double = 0, scale: Double = 1) throws {
        try Param.finite(loc, "loc")
        try Param.positive(scale, "scale")
        self.loc = loc
        self.scale = scale
    }

    public var name: String { "normal" }
    public var parameters: [String: Double] { ["loc": loc, "scale": scale] }
    public var support: Support { .real }
    public var mean: Double? { loc }
    public var variance: Double? { scale * scale }
    public var mode: Double? { loc }

    public func logProb(_ x: Double) throws -> Double {
        try checkSupport(x)
        return Normal.logDensity(x, loc: loc, scale: scale)
    }

    public func sample(using generator: inout SeededGenerator) -> Double {
        loc + scale * generator.nextNormal()
    }

    static let halfLog2Pi = 0.5 * Foundation.log(2 * Double.pi)

    @inline(__always)
    static func logDensity(_ x: Double, loc: Double, scale: Double) -> Double {
        let z = (x - loc) / scale
        return -0.5 * z * z - Foundation.log(scale) - halfLog2Pi
    }

    /// d log p / d(loc, scale).
    @inline(__always)
    static func logDensityGradient(_ x: Double, loc: Double, scale: Double) -> (loc: Double, scale: Double) {
        let z = (x - loc) / scale
        return (z / scale, (z * z - 1) / scale)
    }
}
