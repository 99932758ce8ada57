import Foundation

/// Student's t distribution with location and scale.
///
/// log p(x) = log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(νπ) − log σ − (ν+1)/2 · log1p(z²/ν),
/// z = (x − μ)/σ.
/// - Parameters: `df` ν > 0, `loc` μ ∈ ℝ, `scale` σ > 0. Support ℝ.
/// - Stability: the normaliser log Γ((ν+1)/2) − log Γ(ν/2) is never formed as a difference of
///   large log-gammas (it cancels: relative error 1e-8 at ν = 1e8, wrong sign at 1e15) but as
///   an asymptotic series for ν ≥ 20; log(1 + z²/ν) is log1p for small z and 2 log|q| +
///   log1p(q⁻²), q = z/√ν, for large z, so z² never overflows (|z| = 1e160 is fine).
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

    /// log density; see the type's stability note.
    static func logDensity(_ x: Double, df: Double, loc: Double, scale: Double) -> Double {
        let q = Swift.abs((x - loc) / scale) / df.squareRoot()
        return normaliser(df) - Foundation.log(scale) - (df + 1) / 2 * log1pSquare(q)
    }

    /// log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(νπ).
    ///
    /// For ν ≥ 20 this is D(ν/2) − ½ log 2π (``StableMath/logGammaHalfRatio(_:)``: the ½ log(ν/2)
    /// of the ratio cancels against ½ log(νπ) exactly), so it tends to the normal's −½ log 2π
    /// without cancelling and without forming νπ (which overflows near 1e308).
    static func normaliser(_ df: Double) -> Double {
        let a = df / 2
        if a < 10 { return StableMath.logGammaHalfRatio(a) - 0.5 * Foundation.log(df * Double.pi) }
        return StableMath.logGammaHalfRatioCorrection(a) - Normal.halfLog2Pi
    }

    /// log(1 + q²) for q ≥ 0 without forming q² when it would overflow: 2 log q + log1p(q⁻²)
    /// above 1 (q⁻² may underflow to 0, which is then exact).
    @inline(__always)
    static func log1pSquare(_ q: Double) -> Double {
        if q <= 1 { return Foundation.log1p(q * q) }
        let r = 1 / q
        return 2 * Foundation.log(q) + Foundation.log1p(r * r)
    }

    /// d log p / d(loc, scale, df).
    ///
    /// With q = z/√ν, every z² of the textbook form appears as q²/(1 + q²) or q/(1 + q²), which
    /// are evaluated as 1/(1 + q⁻²) and 1/(q + q⁻¹) above |q| = 1, so a residual of 1e160 gives
    /// finite gradients. The ψ((ν+1)/2) − ψ(ν/2) − 1/ν part of the df-gradient uses D′(ν/2) for
    /// ν ≥ 20 (see ``normaliser(_:)``).
    static func logDensityGradient(_ x: Double, df: Double, loc: Double, scale: Double)
        -> (loc: Double, scale: Double, df: Double) {
        let q = (x - loc) / scale / df.squareRoot()
        let aq = Swift.abs(q)
        let qOver: Double      // q / (1 + q²)
        let q2Over: Double     // q² / (1 + q²)
        if aq <= 1 {
            qOver = q / (1 + q * q)
            q2Over = q * q / (1 + q * q)
        } else {
            let r = 1 / q
            qOver = 1 / (q + r)
            q2Over = 1 / (1 + r * r)
        }
        let dLoc = (df + 1) / df.squareRoot() * qOver / scale
        let dScale = (-1 + (df + 1) * q2Over) / scale
        let a = df / 2
        let digammaPart: Double  // ½ψ((ν+1)/2) − ½ψ(ν/2) − ½/ν
        if a < 10 {
            digammaPart = 0.5 * StableMath.digamma(a + 0.5) - 0.5 * StableMath.digamma(a) - 0.5 / df
        } else {
            digammaPart = 0.5 * StableMath.logGammaHalfRatioCorrectionDerivative(a)
        }
        let dDf = digammaPart - 0.5 * log1pSquare(aq) + (df + 1) / (2 * df) * q2Over
        return (dLoc, dScale, dDf)
    }
}
