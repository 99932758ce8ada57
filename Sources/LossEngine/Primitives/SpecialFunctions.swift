import Foundation

extension StableMath {
    /// log Γ(x) for x > 0.
    ///
    /// Stability: uses the C library's `lgamma_r`, which works on the logarithm throughout
    /// (Stirling series for large x, rational approximations near 1 and 2), so it is finite for
    /// x up to ~2.5e305 where Γ itself overflows at 171.6.
    /// Thread safety: `lgamma` writes the sign of Γ into the process-wide `signgam`, a data race
    /// when pages are built on several threads; `lgamma_r` returns the sign in a local instead.
    @inline(__always)
    public static func logGamma(_ x: Double) -> Double {
        var sign: Int32 = 0
        return Foundation.lgamma_r(x, &sign)
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) for a, b > 0.
    ///
    /// Stability: stays in log space (B(a, b) underflows for a = b = 600). For very large a and
    /// b the three terms cancel; the absolute error is then a few ulps of log Γ(a + b).
    @inline(__always)
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        logGamma(a) + logGamma(b) - logGamma(a + b)
    }

    /// ψ(x) = d/dx log Γ(x), the digamma function.
    ///
    /// Stability: for x < 6 the recurrence ψ(x) = ψ(x + 1) − 1/x moves the argument up, then the
    /// asymptotic series log x − 1/(2x) − Σ B₂ₖ/(2k x^{2k}) (error < 1e-15 for x ≥ 6) is summed
    /// from its smallest term. Negative non-integers use the reflection ψ(1 − x) − π cot(πx);
    /// poles (0, −1, …) give NaN.
    public static func digamma(_ x: Double) -> Double {
        guard x.isFinite else { return x == .infinity ? .infinity : .nan }
        if x <= 0 {
            if x == x.rounded() { return .nan }
            return digamma(1 - x) - Double.pi / Foundation.tan(Double.pi * x)
        }
        var v = x
        var acc = 0.0
        while v < 6 {
            acc -= 1 / v
            v += 1
        }
        let inv = 1 / v
        let inv2 = inv * inv
        // Bernoulli-number coefficients B2k / (2k): 1/12, 1/120, 1/252, 1/240, 1/132, 691/32760, 1/12
        let series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
            - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 / 12))))))
        return acc + Foundation.log(v) - 0.5 * inv - series
    }
}

extension StableMath {
    /// log Γ(a + ½) − log Γ(a) for a > 0 (the Student's t normaliser with a = ν/2).
    ///
    /// Stability: for large a the two log-gammas agree in almost every digit (at a = 5e7 the
    /// difference ≈ 8.8 is what is left of two numbers near 8.4e8, so 8 digits are lost, and at
    /// a = 5e14 the sign goes wrong). For a ≥ 10 it is ½ log a + D(a) with the asymptotic series
    /// D(a) = Σ (B_{n+1}(½) − B_{n+1}) / (n(n+1) aⁿ) over odd n (terms up to a⁻¹¹; truncation error
    /// below 1.3e-15 at a = 10 and falling as a⁻¹³), summed without cancellation. Below 10 the
    /// log-gammas are small and their difference is accurate to a few ulps.
    public static func logGammaHalfRatio(_ a: Double) -> Double {
        if a < 10 { return logGamma(a + 0.5) - logGamma(a) }
        return 0.5 * Foundation.log(a) + logGammaHalfRatioCorrection(a)
    }

    /// D(a) = log Γ(a + ½) − log Γ(a) − ½ log a for a ≥ 10 (see ``logGammaHalfRatio(_:)``);
    /// −1/(8a) + 1/(192a³) − 1/(640a⁵) + 17/(14336a⁷) − 31/(18432a⁹) + c₁₁/a¹¹.
    static func logGammaHalfRatioCorrection(_ a: Double) -> Double {
        let r = 1 / a, r2 = r * r
        let poly = -0.125 + r2 * (1.0 / 192 + r2 * (-1.0 / 640 + r2 * (17.0 / 14336
            + r2 * (-31.0 / 18432 + r2 * 0.0038341175426136363636))))
        return r * poly
    }

    /// d/da D(a), the derivative of ``logGammaHalfRatioCorrection(_:)`` (a ≥ 10): equal to
    /// ψ(a + ½) − ψ(a) − 1/(2a), which cancels just as the log-gammas do.
    static func logGammaHalfRatioCorrectionDerivative(_ a: Double) -> Double {
        let r = 1 / a, r2 = r * r
        return r2 * (0.125 + r2 * (-3.0 / 192 + r2 * (5.0 / 640 + r2 * (-7 * 17.0 / 14336
            + r2 * (9 * 31.0 / 18432 - r2 * 11 * 0.0038341175426136363636)))))
    }
}
