import Foundation

/// Student's t distribution with location and scale.
///
/// log p(x) = log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(νπ) − log σ − (ν+1)/2 · log1p(z²/ν),
/// z = (x − μ)/σ.
/// - Parameters: `df` ν > 0, `loc` μ ∈ ℝ, `scale` σ > 0. Support ℝ.
/// - Stability: log Γ instead of Γ (no overflow for large ν), log1p(z²/ν) instead of
///   log(1 + z²/ν) (accurate for small z).
/// - Reference: Student (Gosset), "The probable error of a mean", 1908.
public struct StudentT: Distribution {
    public let df: Double
    public let loc: Double
    public let scale: Double

    public init(df: Double, loc: Double = 0, scale: Double = 1) throws {
        try Param.positive(df, "df")
        try Param.finite(loc, "loc")
        try Param.positive(scale, "scale")
        self.df = df
        self.loc = loc
        self.scale = scale
    }

    public var name: String { "student_t" }
    public var parameters: [String: Double] { ["df": df, "loc": loc, "scale": scale] }
    public var support: Support { .real }
    public var mean: Double? { df > 1 ? loc : nil }
    public var variance: Double? { df > 2 ? scale * scale * df / (df - 2) : nil }
    public var mode: Double? { loc }

    public func logProb(_ x: Double) throws -> Double {
        try checkSupport(x)
        return StudentT.logDensity(x, df: df, loc: loc, scale: scale)
    }

    /// Z / √(V/ν) with Z standard normal and V ~ χ²(ν) = Gamma(ν/2, rate ½).
    public func sample(using generator: inout SeededGenerator) -> Double {
        let z = generator.nextNormal()
        let v = Gamma.standardSample(shape: df / 2, using: &generator) * 2
        return loc + scale * z / (v / df).squareRoot()
    }

    static func logDensity(_ x: Double, df: Double, loc: Double, scale: Double) -> Double {
        let z = (x - loc) / scale
        return StableMath.logGamma((df + 1) / 2) - StableMath.logGamma(df / 2)
            - 0.5 * Foundation.log(df * Double.pi) - Foundation.log(scale)
            - (df + 1) / 2 * Foundation.log1p(z * z / df)
    }

    /// d log p / d(loc, scale, df).
    static func logDensityGradient(_ x: Double, df: Double, loc: Double, scale: Double)
        -> (loc: Double, scale: Double, df: Double) {
        let z = (x - loc) / scale
        let z2 = z * z
        let dLoc = (df + 1) * z / (scale * (df + z2))
        let dScale = -1 / scale + (df + 1) * z2 / (scale * (df + z2))
        let dDf = 0.5 * StableMath.digamma((df + 1) / 2) - 0.5 * StableMath.digamma(df / 2) - 0.5 / df
            - 0.5 * Foundation.log1p(z2 / df) + (df + 1) * z2 / (2 * df * (df + z2))
        return (dLoc, dScale, dDf)
    }
}
