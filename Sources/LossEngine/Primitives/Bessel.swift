import Foundation

extension StableMath {
    /// log I₀(κ), the logarithm of the modified Bessel function of the first kind, order 0
    /// (the normaliser of the von Mises distribution), for κ ≥ 0.
    ///
    /// Stability: I₀ overflows at κ ≈ 713, so the log is computed directly. For κ < 30 the power
    /// series Σ (κ²/4)ᵏ/(k!)² is summed (all terms positive: no cancellation, at most ~e³⁰).
    /// For κ ≥ 30 the asymptotic expansion I₀(κ) ≈ e^κ/√(2πκ) · Σ cₖ/κᵏ is used in log form,
    /// log I₀ = κ − ½ log 2π − ½ log κ + log Σ…, accurate to ~1e-16 relative there (log 2πκ is
    /// split so that κ near the largest double does not overflow).
    public static func logBesselI0(_ kappa: Double) -> Double {
        let x = Swift.abs(kappa)
        if x < 30 {
            return Foundation.log(besselSeries(x, order: 0))
        }
        return x - Normal.halfLog2Pi - 0.5 * Foundation.log(x) + Foundation.log(besselAsymptotic(x, order: 0))
    }

    /// log I₀(κ) − κ, the log of the exponentially scaled I₀, for κ ≥ 0.
    ///
    /// Stability: for large κ, log I₀(κ) ≈ κ and a caller that subtracts κ cos θ from it loses
    /// the digits of the small difference (κ = 1e5 keeps ~11); this form never builds κ.
    public static func logBesselI0Scaled(_ kappa: Double) -> Double {
        let x = Swift.abs(kappa)
        if x < 30 { return Foundation.log(besselSeries(x, order: 0)) - x }
        return -Normal.halfLog2Pi - 0.5 * Foundation.log(x) + Foundation.log(besselAsymptotic(x, order: 0))
    }

    /// I₁(κ)/I₀(κ), the derivative of log I₀, in [0, 1).
    ///
    /// Stability: the ratio is formed from two series (κ < 30) or two asymptotic sums whose
    /// common factor e^κ/√(2πκ) cancels exactly (κ ≥ 30), so it never overflows.
    public static func besselI1OverI0(_ kappa: Double) -> Double {
        let x = Swift.abs(kappa)
        let sign: Double = kappa < 0 ? -1 : 1
        if x < 30 {
            return sign * besselSeries(x, order: 1) / besselSeries(x, order: 0)
        }
        return sign * besselAsymptotic(x, order: 1) / besselAsymptotic(x, order: 0)
    }

    /// Σₖ (x/2)^{2k+ν} / (k! (k+ν)!) for ν ∈ {0, 1}.
    static func besselSeries(_ x: Double, order: Int) -> Double {
        let q = x * x / 4
        var term = order == 0 ? 1.0 : x / 2
        var sum = term
        var k = 1.0
        while k < 500 {
            term *= q / (k * (k + Double(order)))
            sum += term
            if term < sum * 1e-17 { break }
            k += 1
        }
        return sum
    }

    /// The sum in I_ν(x) ≈ e^x/√(2πx) · Σₖ (−1)ᵏ Πⱼ₌₁ᵏ (4ν² − (2j−1)²) / (k! (8x)ᵏ).
    static func besselAsymptotic(_ x: Double, order: Int) -> Double {
        let mu = Double(4 * order * order)
        var term = 1.0
        var sum = 1.0
        var k = 1.0
        while k < 40 {
            let odd = 2 * k - 1
            let next = -term * (mu - odd * odd) / (k * 8 * x)
            if Swift.abs(next) >= Swift.abs(term) { break }
            term = next
            sum += term
            if Swift.abs(term) < 1e-17 * Swift.abs(sum) { break }
            k += 1
        }
        return sum
    }
}
