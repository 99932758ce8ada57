import Foundation

/// Loader's saddle-point pieces for probability masses with large arguments.
///
/// Reference: C. Loader, "Fast and Accurate Computation of Binomial Probabilities", 2000.
extension StableMath {
    /// The Stirling-formula error δ(n) = log n! − [(n + ½) log n − n + ½ log 2π] for n ≥ 0.
    ///
    /// Stability: δ(n) ≈ 1/(12n) is tiny next to log n!, so it is never formed as that
    /// difference for large n. Integers up to 15 come from a table (mpmath, 50 digits); above 15
    /// the series 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹) (error < 1e-17);
    /// other n < 15 use the difference, which is accurate to ~1e-15 absolute there.
    public static func stirlingError(_ n: Double) -> Double {
        if n > 15 {
            let r = 1 / n, r2 = r * r
            return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))))
        }
        if n == n.rounded(), n >= 0 { return stirlingErrorTable[Int(n)] }
        if n == 0 { return 0 }
        return logGamma(n + 1) - (n + 0.5) * Foundation.log(n) + n - Normal.halfLog2Pi
    }

    /// δ(0)…δ(15), mpmath at 50 digits (δ(0) = 0 by the convention 0 log 0 = 0).
    static let stirlingErrorTable: [Double] = [
        0, 0.081061466795327258, 0.041340695955409294, 0.027677925684998339, 0.020790672103765093,
        0.016644691189821192, 0.013876128823070748, 0.01189670994589177, 0.010411265261972096,
        0.0092554621827127329, 0.0083305634333628713, 0.0075736754879518408, 0.0069428401072095299,
        0.0064089941880042071, 0.0059513701127588477, 0.0055547335519628014,
    ]

    /// The deviance term D₀(x, m) = x log(x/m) + m − x ≥ 0 for x ≥ 0, m > 0.
    ///
    /// Stability: when x ≈ m the three terms cancel; with v = (x − m)/(x + m) it is summed as
    /// (x − m)v + 2x Σⱼ v^{2j+1}/(2j+1) (all terms of one sign) wherever |x − m| < 0.1(x + m).
    /// Elsewhere the direct form, with log x − log m if x/m would overflow or underflow.
    public static func bd0(_ x: Double, _ m: Double) -> Double {
        if x == 0 { return m }
        let d = x - m
        if Swift.abs(d) < 0.1 * (x + m) {
            let v = d / (x + m)
            var s = d * v
            var ej = 2 * x * v
            let v2 = v * v
            var j = 1.0
            while j < 1000 {
                ej *= v2
                let next = s + ej / (2 * j + 1)
                if next == s { return next }
                s = next
                j += 1
            }
            return s
        }
        let ratio = x / m
        let logRatio = ratio.isNormal ? Foundation.log(ratio) : Foundation.log(x) - Foundation.log(m)
        return x * logRatio + m - x
    }

    /// log of the Poisson mass λᵏe^{−λ}/Γ(k + 1) for k ≥ 0 (real k: the same expression is the
    /// Gamma density's kernel), λ ≥ 0.
    ///
    /// Stability: Loader's form −δ(k) − D₀(k, λ) − ½ log(2πk) has no large terms to cancel, so
    /// λ = k = 1e15 gives −18.19… to full precision where k log λ − λ − log Γ(k + 1) keeps only
    /// two digits. log(2πk) is split as log 2π + log k, finite for k up to the largest double.
    public static func logPoissonMass(_ k: Double, rate lambda: Double) -> Double {
        if lambda == 0 { return k == 0 ? 0 : -.infinity }
        if k == 0 { return -lambda }
        return -stirlingError(k) - bd0(k, lambda) - Normal.halfLog2Pi - 0.5 * Foundation.log(k)
    }
}
