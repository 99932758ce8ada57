import Foundation

extension StableMath {
    /// log Γ(x) for x > 0.
    ///
    /// Stability: uses the C library's `lgamma`, which works on the logarithm throughout
    /// (Stirling series for large x, rational approximations near 1 and 2), so it is finite for
    /// x up to ~2.5e305 where Γ itself overflows at 171.6.
    @inline(__always)
    public static func logGamma(_ x: Double) -> Double {
        Foundation.lgamma(x)
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) for a, b > 0.
    ///
    /// Stability: stays in log space (B(a, b) underflows for a = b = 600). For very large a and
    /// b the three terms cancel; the absolute error is then a few ulps of log Γ(a + b).
    @inline(__always)
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        Foundation.lgamma(a) + Foundation.lgamma(b) - Foundation.lgamma(a + b)
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
